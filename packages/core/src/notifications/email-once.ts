import { EVENT_RETENTION_SECONDS } from '../events/record.ts';
import { abandonIdempotent, beginIdempotent, completeIdempotent } from '../shared/idempotency.ts';
import { PermanentEmailError } from './email/errors.ts';
import { type EmailMessage, emailSenderFromEnv } from './email/sender.ts';

export type EmailOnceOutcome = 'sent' | 'already' | 'undeliverable';

export interface EmailClaim {
  tenantId: string;
  /** Unique per event and email, e.g. `<eventId>:<userId>` or `<eventId>:<participantId>:calendar`. */
  key: string;
  /** What the key is for (the event type): a key reused for something else is refused, not replayed. */
  fingerprint: string;
}

/**
 * Sends one email once per claim, however often its event arrives: the claim is taken
 * before sending and freed if sending fails, so a retry sends it then. A crash between the
 * provider accepting it and the claim completing sends it twice (at least once). An email
 * the provider refuses for good is recorded as such and never retried.
 */
export const emailOnce = async (
  { tenantId, key, fingerprint }: EmailClaim,
  compose: () => EmailMessage | Promise<EmailMessage>,
): Promise<EmailOnceOutcome> => {
  const claim = { tenantId, scope: 'notification-email', key };
  // Kept as long as the event can be replayed, so a replay never emails anyone twice.
  const started = await beginIdempotent(claim, fingerprint, { retentionSeconds: EVENT_RETENTION_SECONDS });
  if (started.kind === 'replay') return 'already';
  try {
    const sent = await emailSenderFromEnv().send(await compose());
    await completeIdempotent(claim, { statusCode: 202, body: sent.messageId, headers: {} });
    return 'sent';
  } catch (error) {
    if (error instanceof PermanentEmailError) {
      await completeIdempotent(claim, { statusCode: 422, body: error.code, headers: {} });
      return 'undeliverable';
    }
    await abandonIdempotent(claim);
    throw error;
  }
};
