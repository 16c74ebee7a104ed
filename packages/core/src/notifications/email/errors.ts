/**
 * What can go wrong when an email is handed to the provider, split by what the caller
 * should do about it. These are not HTTP errors (no statusCode): emails are sent by queue
 * consumers, and one escaping into an HTTP response stays an opaque 500.
 */
export abstract class EmailError extends Error {
  abstract readonly code: string;
  /** True when the same message may succeed later (the SQS message should be retried). */
  abstract readonly retryable: boolean;

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
  }
}

export const PERMANENT_EMAIL_CODES = [
  'message_rejected',
  'account_suspended',
  'sending_paused',
  'mail_from_domain_not_verified',
  'bad_request',
] as const;
export type PermanentEmailCode = (typeof PERMANENT_EMAIL_CODES)[number];

/** Sending this message again will fail the same way: record it as undeliverable, do not retry. */
export class PermanentEmailError extends EmailError {
  readonly retryable = false;

  constructor(
    readonly code: PermanentEmailCode,
    options: { cause?: unknown } = {},
  ) {
    super(`The email provider refused the message for good (${code})`, options);
  }
}

/** The provider kept throttling or failing after our bounded retries: retry the whole delivery later. */
export class RetryableEmailError extends EmailError {
  readonly code = 'email_retries_exhausted';
  readonly retryable = true;

  constructor(
    readonly attempts: number,
    options: { cause?: unknown } = {},
  ) {
    super(`The email provider was unavailable or throttling after ${attempts} attempts`, options);
  }
}
