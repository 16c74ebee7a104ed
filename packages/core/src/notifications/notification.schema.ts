import * as z from 'zod/mini';
import { perNotificationType } from '../identity/user.model.ts';
import { idPattern } from '../shared/ids.ts';
import { idPath, listQuery, page, queryBoolean, text } from '../shared/schema.ts';
import { NOTIFICATION_LIMITS, NOTIFICATION_PRIORITIES, NOTIFICATION_TYPES } from './notification.model.ts';

const notificationType = z.enum(NOTIFICATION_TYPES);

export const NotificationPath = idPath('notification');

export const ListNotificationsQuery = z.strictObject({
  /** `true`: unread only. `false` or absent: the whole inbox, read or not (no index holds "read only"). */
  unread: z.optional(queryBoolean),
  type: z.optional(notificationType),
  ...listQuery,
});
export type ListNotifications = z.output<typeof ListNotificationsQuery>;

/** `type` narrows read-all to one tab of the inbox; it may come in the body or the query. */
export const ReadAllBody = z.strictObject({ type: z.optional(notificationType) });
export const ReadAllQuery = z.strictObject({ type: z.optional(notificationType) });

export const Notification = z.object({
  id: z.string(),
  type: notificationType,
  title: z.string(),
  message: z.string(),
  priority: z.enum(NOTIFICATION_PRIORITIES),
  relatedEntityType: z.optional(z.string()),
  relatedEntityId: z.optional(z.string()),
  actionUrl: z.optional(z.string()),
  eventId: z.optional(z.string()),
  isRead: z.boolean(),
  readAt: z.nullable(z.string()),
  isArchived: z.boolean(),
  archivedAt: z.nullable(z.string()),
  createdAt: z.string(),
  /** When it leaves the inbox by itself. */
  expiresAt: z.string(),
});
export type Notification = z.output<typeof Notification>;

export const NotificationPage = page(Notification);

const count = z.int().check(z.minimum(0));

export const UnreadCount = z.object({
  unreadCount: count,
  byType: z.object(perNotificationType(count)),
});
export type UnreadCount = z.output<typeof UnreadCount>;

export const ReadAllResult = z.object({ updated: count });
export type ReadAllResult = z.output<typeof ReadAllResult>;

/** Generated text is shortened rather than refused: a long requisition title must not make an event undeliverable. */
const clipped = (max: number) =>
  z.pipe(
    z.string().check(z.trim(), z.minLength(1)),
    z.transform((value) => (value.length > max ? `${value.slice(0, max - 1)}…` : value)),
  );

const APP_PATH = /^\/(?![/\\])\S*$/;

const isActionUrl = (value: string): boolean => {
  if (APP_PATH.test(value)) return true;
  if (/\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
};

/** A path of the web app (`/requisitions/req_01J...`) or an absolute http(s) URL; never `javascript:` or `//host`. */
export const actionUrl = z
  .string()
  .check(
    z.maxLength(NOTIFICATION_LIMITS.actionUrl),
    z.refine(isActionUrl, 'A path of the app such as /requisitions/req_01J..., or an http(s) URL'),
  );

const idOf = (kind: Parameters<typeof idPattern>[0]) => z.string().check(z.regex(idPattern(kind)));

/** What a producer (the notifications consumer) asks to put in one user's inbox. */
export const NewNotificationInput = z.strictObject({
  tenantId: idOf('tenant'),
  userId: idOf('user'),
  /** Chosen by the caller, the same for every delivery of one event to one recipient: it makes the create idempotent. */
  notificationId: idOf('notification'),
  type: notificationType,
  title: clipped(NOTIFICATION_LIMITS.title),
  message: clipped(NOTIFICATION_LIMITS.message),
  priority: z.enum(NOTIFICATION_PRIORITIES),
  relatedEntityType: z.optional(text(NOTIFICATION_LIMITS.relatedEntityType)),
  relatedEntityId: z.optional(text(NOTIFICATION_LIMITS.relatedEntityId)),
  actionUrl: z.optional(actionUrl),
  eventId: z.optional(idOf('event')),
  /** When it should leave the inbox by itself; 90 days after creation when absent. */
  expiresAt: z.optional(z.iso.datetime({ offset: true })),
});
export type NewNotification = z.input<typeof NewNotificationInput>;
