import type { NotificationEvent } from '../events/catalogue.ts';
import { TenantEntity } from '../identity/tenant.entity.ts';
import { UserEntity, type UserItem } from '../identity/user.entity.ts';
import { DEFAULT_NOTIFICATION_PREFERENCES } from '../identity/user.model.ts';
import { derivedId } from '../shared/ids.ts';
import {
  emailParticipants,
  isParticipantEvent,
  type ParticipantReport,
  participantUserIds,
} from './calendar-delivery.ts';
import { renderNotificationEmail } from './email/render.ts';
import { emailOnce } from './email-once.ts';
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
  /** Emails SES refused for good (e.g. a rejected address): logged, never retried. Ids only. */
  undeliverable: string[];
  /** An interview's participants: their calendar messages, the candidate's reminder (calendar-delivery.ts). */
  participants: Omit<ParticipantReport, 'undeliverable'>;
}

const notificationIdOf = (event: NotificationEvent, userId: string): string =>
  derivedId('notification', event.eventId, `${event.eventId}:${userId}`);

/** The recipient's copy of the notification as an email, once per event. */
const emailNotification = (
  event: NotificationEvent,
  user: UserItem,
  tenantName: string,
  notification: Parameters<typeof renderNotificationEmail>[0]['notification'],
) =>
  emailOnce({ tenantId: event.tenantId, key: `${event.eventId}:${user.userId}`, fingerprint: event.type }, () => ({
    to: user.email,
    ...renderNotificationEmail({
      notification,
      recipient: { name: user.name, email: user.email, locale: user.locale, timeZone: user.timezone },
      tenantName,
    }),
    tags: { eventType: event.type.replace('.', '_'), tenantId: event.tenantId },
  }));

const deliverTo = async (
  event: NotificationEvent,
  draft: NotificationDraft,
  user: UserItem,
  tenantName: string,
  report: DeliveryReport,
): Promise<void> => {
  const channels = user.notificationPreferences?.[draft.type] ?? DEFAULT_NOTIFICATION_PREFERENCES[draft.type];
  // The calendar invitation is this event's email: a second one would say the same again.
  const email = !draft.emailedAsCalendar && wantsEmail(draft, channels.email);
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
    const outcome = await emailNotification(event, user, tenantName, notification);
    if (outcome === 'sent') report.emailed++;
    if (outcome === 'undeliverable') report.undeliverable.push(user.userId);
  }
};

/**
 * Turns one domain event into notifications: an inbox item for each recipient who wants it
 * (pushed to their open connections), and an email where their preferences allow; an
 * interview's change also emails its participants (calendar-delivery.ts). Safe to run
 * again for the same event: every step is idempotent per event and recipient.
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
    participants: { emailed: 0, skipped: 0 },
  };
  const participants = isParticipantEvent(event) ? event : undefined;
  if (draft.recipients.length === 0 && !participants) return report;
  // The recipients and the participants an interview's emails name, in one read.
  const userIds = [...new Set([...draft.recipients, ...(participants ? participantUserIds(participants) : [])])];
  const [{ data: tenant }, users] = await Promise.all([
    TenantEntity.get({ tenantId: event.tenantId }).go(),
    userIds.length
      ? UserEntity.get(userIds.map((userId) => ({ tenantId: event.tenantId, userId }))).go()
      : { data: [], unprocessed: [] },
  ]);
  // Keys DynamoDB did not get to: fail the delivery so the whole event is retried.
  if (users.unprocessed.length) throw new Error(`${users.unprocessed.length} recipients could not be read`);
  const byId = new Map(users.data.map((user) => [user.userId, user]));
  // A suspended tenant's users cannot sign in, nor interview anyone: nothing should call anyone back.
  if (tenant?.status !== 'active') {
    report.skipped = draft.recipients.length;
    return report;
  }
  const active = draft.recipients.flatMap((userId) => {
    const user = byId.get(userId);
    return user?.status === 'active' ? [user] : [];
  });
  report.skipped += draft.recipients.length - active.length;
  const [participantReport] = await Promise.all([
    participants ? emailParticipants(participants, draft, tenant.name, byId) : undefined,
    ...active.map((user) => deliverTo(event, draft, user, tenant.name, report)),
  ]);
  if (participantReport) {
    report.participants = { emailed: participantReport.emailed, skipped: participantReport.skipped };
    report.undeliverable.push(...participantReport.undeliverable);
  }
  return report;
};
