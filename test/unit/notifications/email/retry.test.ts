import { backoffDelay, type RetryPolicy, withRetry } from '@assist-ten/core/notifications/email/retry';
import { describe, expect, it, vi } from 'vitest';

const POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 250 };
const noWait = async () => {};

describe('backoffDelay', () => {
  it('doubles the ceiling with each attempt up to the maximum', () => {
    const almostOne = () => 0.999_999;

    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, POLICY, almostOne))).toEqual([99, 199, 249, 249]);
  });

  it('waits a random part of the ceiling (full jitter)', () => {
    expect(backoffDelay(2, POLICY, () => 0)).toBe(0);
    expect(backoffDelay(2, POLICY, () => 0.5)).toBe(100);
  });
});

describe('withRetry', () => {
  it('returns the first success and tells the operation which attempt it is', async () => {
    const operation = vi.fn(async (attempt: number) => {
      if (attempt < 2) throw new Error('flaky');
      return `ok on ${attempt}`;
    });

    const result = await withRetry(operation, { policy: POLICY, isRetryable: () => true, sleep: noWait });

    expect(result).toBe('ok on 2');
    expect(operation).toHaveBeenCalledTimes(2);
  });

  it('throws the last error once the attempts run out', async () => {
    let calls = 0;
    const operation = async () => {
      calls++;
      throw new Error(`failure ${calls}`);
    };

    await expect(withRetry(operation, { policy: POLICY, isRetryable: () => true, sleep: noWait })).rejects.toThrow(
      'failure 3',
    );
    expect(calls).toBe(3);
  });

  it('throws an error it must not retry at once, without waiting', async () => {
    const sleep = vi.fn(noWait);
    const operation = vi.fn(async () => {
      throw new Error('permanent');
    });

    await expect(withRetry(operation, { policy: POLICY, isRetryable: () => false, sleep })).rejects.toThrow(
      'permanent',
    );
    expect(operation).toHaveBeenCalledTimes(1);
    expect(sleep).not.toHaveBeenCalled();
  });
});
