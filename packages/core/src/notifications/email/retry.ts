import { setTimeout as delay } from 'node:timers/promises';

export interface RetryPolicy {
  /** Calls in all, the first one included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface RetryOptions {
  policy: RetryPolicy;
  /** Only errors this accepts are retried; any other is thrown at once. */
  isRetryable: (error: unknown) => boolean;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/**
 * Exponential backoff with full jitter: concurrent consumers throttled together spread
 * their retries instead of hitting the quota again in lockstep.
 */
export const backoffDelay = (attempt: number, policy: RetryPolicy, random: () => number = Math.random): number =>
  Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)));

/** Runs `operation` until it succeeds, fails for good, or the attempts run out; then throws its last error. */
export const withRetry = async <T>(operation: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> => {
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (attempt >= options.policy.maxAttempts || !options.isRetryable(error)) throw error;
      await sleep(backoffDelay(attempt, options.policy, options.random));
    }
  }
};
