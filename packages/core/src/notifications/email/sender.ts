import { ENV, requireEnv } from '../../shared/env.ts';
import { outboxEmailSender } from './outbox-sender.ts';
import { createSesClient, sesEmailSender } from './ses-sender.ts';

export interface EmailMessage {
  /** One address; the recipient's name is in the body, not in the header. */
  to: string;
  subject: string;
  text: string;
  html: string;
  /** For the provider's event stream (SES message tags): e.g. event type and tenant. */
  tags?: Record<string, string>;
  /**
   * A calendar message (an interview's invitation or cancellation): sent as the
   * text/calendar alternative calendar clients act on, and as an invite.ics attachment.
   */
  calendar?: { method: 'REQUEST' | 'CANCEL'; ics: string };
}

export interface SentEmail {
  messageId: string;
  /** Where a local copy was written (outbox only). */
  location?: string;
}

/** Hands one email to a provider. Errors: PermanentEmailError (do not retry), RetryableEmailError, or any Error (a bug or misconfiguration). */
export interface EmailSender {
  send(message: EmailMessage): Promise<SentEmail>;
}

/** The sender of local runs when EMAIL_FROM is not set: nothing leaves the machine, so any address does. */
export const LOCAL_EMAIL_FROM = 'Assist-Ten <no-reply@assist-ten.local>';

/**
 * The local .eml outbox when EMAIL_OUTBOX_DIR is set (the local cloud sets it), SES with
 * the verified sender EMAIL_FROM otherwise. A fresh sender on every call: use
 * `emailSenderFromEnv` outside tests.
 */
export const createEmailSenderFromEnv = (): EmailSender => {
  const outboxDir = process.env[ENV.emailOutboxDir];
  if (outboxDir) return outboxEmailSender({ dir: outboxDir, from: emailFromEnv() });
  return sesEmailSender(createSesClient(), { from: emailFromEnv() });
};

/** Who emails come from: EMAIL_FROM, or the local sender when emails only go to the outbox. */
export const emailFromEnv = (): string =>
  process.env[ENV.emailOutboxDir] ? process.env[ENV.emailFrom] || LOCAL_EMAIL_FROM : requireEnv(ENV.emailFrom);

/** The bare address of a sender (`Name <address>` or `address`): a calendar's ORGANIZER. */
export const addressOf = (from: string): string => /<([^<>]+)>\s*$/.exec(from)?.[1]?.trim() ?? from.trim();

let sender: EmailSender | undefined;

/** The sender of this process, created on first use (once per cold start, with its one SES client). */
export const emailSenderFromEnv = (): EmailSender => {
  sender ??= createEmailSenderFromEnv();
  return sender;
};
