import type { NotificationEvent } from '../events/catalogue.ts';
import { EVENT_RETENTION_SECONDS } from '../events/record.ts';
import { TenantEntity } from '../identity/tenant.entity.ts';
import { UserEntity, type UserItem } from '../identity/user.entity.ts';
import { DEFAULT_NOTIFICATION_PREFERENCES } from '../identity/user.model.ts';
import { abandonIdempotent, beginIdempotent, completeIdempotent } from '../shared/idempotency.ts';
import { derivedId } from '../shared/ids.ts';
import { PermanentEmailError } from './email/errors.ts';
import { renderNotificationEmail } from './email/render.ts';
import { emailSenderFromEnv } from './email/sender.ts';
import { createNotification } from './notification.service.ts';
import { pushToUser } from './realtime.ts';
import { draftFor, type NotificationDraft, wantsEmail } from './rules.ts';

/** What happened to one event's recipients, for the consumer's log line. */
export interface DeliveryReport {
  eventId: string;
  recipients: number;
  notified: number;
  emailed: number;
  pushed: number;
  /** Unknown or deactivated users, users with every channel of the type turned off, and
   * everyone of a suspended tenant. */
  skipped: number;
  /** Emails SES refused for good (e.g. a rejected address): logged, never retried. */
  undeliverable: string[];
}

const notificationIdOf = (event: NotificationEvent, userId: string): string =>
  derivedId('notification', event.eventId, `${event.eventId}:${userId}`);

/**
 * Sends the recipient's email once per event, however often the event arrives: the claim
 * is taken before sending and freed if sending fails, so a retry sends it then. A crash
 * between SES accepting it and the claim completing sends it twice (at least once).
 */
const emailOnce = async (
  event: NotificationEvent,
  user: UserItem,
  tenantName: string,
  notification: Parameters<typeof renderNotificationEmail>[0]['notification'],
): Promise<'sent' | 'already' | 'undeliverable'> => {
  const claim = { tenantId: event.tenantId, scope: 'notification-email', key: `${event.eventId}:${user.userId}` };
  // Kept as long as the event can be replayed, so a replay never emails anyone twice.
  const started = await beginIdempotent(claim, event.type, { retentionSeconds: EVENT_RETENTION_SECONDS });
  if (started.kind === 'replay') return 'already';
  try {
    const email = renderNotificationEmail({
      notification,
      recipient: { name: user.name, email: user.email, locale: user.locale, timeZone: user.timezone },
      tenantName,
    });
    const sent = await emailSenderFromEnv().send({
      to: user.email,
      ...email,
      tags: { eventType: event.type.replace('.', '_'), tenantId: event.tenantId },
    });
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

const deliverTo = async (
  event: NotificationEvent,
  draft: NotificationDraft,
  user: UserItem,
  tenantName: string,
  report: DeliveryReport,
): Promise<void> => {
  const channels = user.notificationPreferences?.[draft.type] ?? DEFAULT_NOTIFICATION_PREFERENCES[draft.type];
  const email = wantsEmail(draft, channels.email);
  if (!channels.inApp && !email) {
    report.skipped++;
    return;
  }
  const notification = {
    type: draft.type,
    priority: draft.priority,
    relatedEntityType: draft.relatedEntityType,
    relatedEntityId: draft.relatedEntityId,
    actionUrl: draft.actionUrl,
    ...draft.content(user),
  };
  if (channels.inApp) {
    const { created, notification: stored } = await createNotification({
      ...notification,
      tenantId: event.tenantId,
      userId: user.userId,
      notificationId: notificationIdOf(event, user.userId),
      eventId: event.eventId,
    });
    report.notified++;
    // Only the delivery that stored it pushes it: a redelivered event must not ring twice.
    if (created) {
      const pushed = await pushToUser(event.tenantId, user.userId, {
        type: 'notification.created',
        notification: stored,
      });
      if (pushed.delivered > 0) report.pushed++;
    }
  }
  if (email) {
    const outcome = await emailOnce(event, user, tenantName, notification);
    if (outcome === 'sent') report.emailed++;
    if (outcome === 'undeliverable') report.undeliverable.push(user.userId);
  }
};

/**
 * Turns one domain event into notifications: an inbox item for each recipient who wants it
 * (pushed to their open connections), and an email where their preferences allow. Safe to
 * run again for the same event: every step is idempotent per event and recipient.
 */
export const deliverEvent = async (event: NotificationEvent): Promise<DeliveryReport> => {
  const draft = draftFor(event);
  const report: DeliveryReport = {
    eventId: event.eventId,
    recipients: draft.recipients.length,
    notified: 0,
    emailed: 0,
    pushed: 0,
    skipped: 0,
    undeliverable: [],
  };
  if (draft.recipients.length === 0) return report;
  const [{ data: tenant }, users] = await Promise.all([
    TenantEntity.get({ tenantId: event.tenantId }).go(),
    UserEntity.get(draft.recipients.map((userId) => ({ tenantId: event.tenantId, userId }))).go(),
  ]);
  // Keys DynamoDB did not get to: fail the delivery so the whole event is retried.
  if (users.unprocessed.length) throw new Error(`${users.unprocessed.length} recipients could not be read`);
  // A suspended tenant's users cannot sign in: nothing should call them back to the product.
  if (tenant?.status !== 'active') {
    report.skipped = draft.recipients.length;
    return report;
  }
  const active = users.data.filter((user) => user.status === 'active');
  report.skipped += draft.recipients.length - active.length;
  await Promise.all(active.map((user) => deliverTo(event, draft, user, tenant.name, report)));
  return report;
};
