import { type EmailContent, SESv2Client, type SESv2ClientConfig, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { type PermanentEmailCode, PermanentEmailError, RetryableEmailError } from './errors.ts';
import { composeMime } from './mime.ts';
import { type RetryOptions, type RetryPolicy, withRetry } from './retry.ts';
import type { EmailMessage, EmailSender } from './sender.ts';

/** Four calls and at most 1.4 s of waiting: enough to ride out a burst, short next to the consumer's timeout. */
export const SES_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 2_000 };

/** Errors that will repeat however often the same message is sent. */
const PERMANENT: Readonly<Record<string, PermanentEmailCode>> = {
  MessageRejected: 'message_rejected',
  AccountSuspendedException: 'account_suspended',
  SendingPausedException: 'sending_paused',
  MailFromDomainNotVerifiedException: 'mail_from_domain_not_verified',
  BadRequestException: 'bad_request',
};

/** SES v2 reports its sending-rate and quota limits as TooManyRequests or LimitExceeded; the rest are the SDK's generic names. */
const THROTTLING = new Set([
  'TooManyRequestsException',
  'LimitExceededException',
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
]);

const TRANSIENT_NETWORK = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN']);

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  $fault?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

const shapeOf = (error: unknown): SdkErrorShape => (typeof error === 'object' && error !== null ? error : {});

const permanentCode = (error: unknown): PermanentEmailCode | undefined => {
  const { name } = shapeOf(error);
  return typeof name === 'string' && Object.hasOwn(PERMANENT, name) ? PERMANENT[name] : undefined;
};

/** Throttling, 5xx and dropped connections: worth another try in a moment. */
export const isTransientSesError = (error: unknown): boolean => {
  if (permanentCode(error)) return false;
  const { name, code, $fault, $retryable, $metadata } = shapeOf(error);
  const status = typeof $metadata?.httpStatusCode === 'number' ? $metadata.httpStatusCode : undefined;
  return (
    (typeof name === 'string' && (THROTTLING.has(name) || TRANSIENT_NETWORK.has(name))) ||
    (typeof code === 'string' && TRANSIENT_CODES.has(code)) ||
    $fault === 'server' ||
    $retryable !== undefined ||
    (status !== undefined && (status >= 500 || status === 429))
  );
};

/** SES accepts tag names and values of ASCII letters, digits, `_` and `-`, up to 256 each; anything else would reject the email. */
const tagPart = (value: string): string => value.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256);

const emailTags = (tags: Record<string, string> | undefined) =>
  tags
    ? Object.entries(tags)
        .filter(([name, value]) => name !== '' && value !== '')
        .map(([name, value]) => ({ Name: tagPart(name), Value: tagPart(value) }))
    : undefined;

export interface SesSenderOptions {
  /** The verified identity to send from (EMAIL_FROM): an address or `Name <address>` (ASCII name). */
  from: string;
  /** Tests shorten the waits; production keeps the defaults. */
  retry?: Partial<Omit<RetryOptions, 'isRetryable'>>;
}

/**
 * SES builds a Simple email itself; a calendar needs a text/calendar part it cannot add, so
 * that email is composed here, the same MIME the local outbox writes, and sent Raw.
 */
const contentOf = async (message: EmailMessage, from: string): Promise<EmailContent> =>
  message.calendar
    ? { Raw: { Data: await composeMime(message, { from }) } }
    : {
        Simple: {
          Subject: { Data: message.subject, Charset: 'UTF-8' },
          Body: {
            Text: { Data: message.text, Charset: 'UTF-8' },
            Html: { Data: message.html, Charset: 'UTF-8' },
          },
        },
      };

export const sesEmailSender = (client: SESv2Client, options: SesSenderOptions): EmailSender => ({
  send: async (message) => {
    const content = await contentOf(message, options.from);
    let attempts = 0;
    try {
      const { MessageId } = await withRetry(
        (attempt) => {
          attempts = attempt;
          return client.send(
            new SendEmailCommand({
              FromEmailAddress: options.from,
              Destination: { ToAddresses: [message.to] },
              Content: content,
              EmailTags: emailTags(message.tags),
            }),
          );
        },
        { policy: SES_RETRY_POLICY, ...options.retry, isRetryable: isTransientSesError },
      );
      // SES always returns one; an empty id beats failing (and resending) an email that was accepted.
      return { messageId: MessageId ?? '' };
    } catch (error) {
      const code = permanentCode(error);
      if (code) throw new PermanentEmailError(code, { cause: error });
      if (isTransientSesError(error)) throw new RetryableEmailError(attempts, { cause: error });
      throw new Error('SES SendEmail failed', { cause: error });
    }
  },
});

/**
 * One attempt per SDK call: `sesEmailSender` retries itself (the same way under test and
 * in AWS), and the SDK's own retries would multiply its attempts.
 */
export const createSesClient = (config: SESv2ClientConfig = {}): SESv2Client =>
  new SESv2Client({ maxAttempts: 1, ...config });
