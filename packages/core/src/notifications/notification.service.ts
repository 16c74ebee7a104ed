import { isoNow } from '../shared/clock.ts';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.ts';
import { pageOf } from '../shared/paging.ts';
import type { Principal } from '../shared/principal.ts';
import type { Page } from '../shared/schema.ts';
import { put, update } from '../shared/transaction.ts';
import { type InboxOwner, readUnreadCount, transactInbox, unreadCountChange } from './inbox-counter.ts';
import {
  ARCHIVED,
  IN_INBOX,
  NOT_UNREAD,
  NotificationEntity,
  type NotificationItem,
  UNREAD,
} from './notification.entity.ts';
import { NOTIFICATION_RETENTION_DAYS, type NotificationType, READ_ALL_BATCH } from './notification.model.ts';
import {
  type ListNotifications,
  type NewNotification,
  NewNotificationInput,
  Notification,
  type ReadAllResult,
  type UnreadCount,
} from './notification.schema.ts';
import { NotificationExpiryEntity } from './notification-expiry.entity.ts';

export type { NewNotification } from './notification.schema.ts';

const DAY_SECONDS = 86_400;
/** Longer than the stream keeps a record (24 hours) plus Lambda's retries of it. */
const EXPIRY_MARK_DAYS = 7;

const epochSeconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

export const toNotification = (item: NotificationItem): Notification =>
  Notification.parse({
    id: item.notificationId,
    type: item.type,
    title: item.title,
    message: item.message,
    priority: item.priority,
    relatedEntityType: item.relatedEntityType,
    relatedEntityId: item.relatedEntityId,
    actionUrl: item.actionUrl,
    eventId: item.eventId,
    isRead: item.isRead,
    readAt: item.readAt ?? null,
    isArchived: item.isArchived,
    archivedAt: item.archivedAt ?? null,
    createdAt: item.createdAt,
    expiresAt: new Date(item.expiresAt * 1000).toISOString(),
  });

/** A user's inbox is their own: the caller's tenant and user are the only ones it reads. */
const ownerOf = (actor: Principal): InboxOwner => ({ tenantId: actor.tenantId, userId: actor.userId });

const keyOf = (owner: InboxOwner, notificationId: string) => ({
  tenantId: owner.tenantId,
  userId: owner.userId,
  notificationId,
});

// Another user's id is simply not in the caller's partition: the same 404 as an id nobody minted.
const notFound = (id: string) => new NotFoundError(`Notification ${id} was not found.`);

/** Strongly consistent: a notification pushed a moment ago is opened by the click on the push. */
const load = async (owner: InboxOwner, id: string): Promise<NotificationItem> => {
  const { data } = await NotificationEntity.get(keyOf(owner, id)).go({ consistent: true });
  if (!data) throw notFound(id);
  return data;
};

/** Raised by a notification write's own condition: its state is no longer the one the write was decided on. */
class StaleStateError extends Error {}
/** Raised by a create's condition: the notification exists (the event was delivered again). */
class AlreadyCreatedError extends Error {}
/** Raised by the expiry mark's condition: this expiry was already taken off the counter. */
class AlreadyCountedError extends Error {}

/**
 * Puts a notification in the inbox, unread, and counts it, in one transaction. Idempotent
 * per `notificationId`: a redelivered event finds it stored, changes nothing, and gets it
 * back with `created: false` (so the caller pushes and counts it once).
 */
export const createNotification = async (
  input: NewNotification,
): Promise<{ created: boolean; notification: Notification }> => {
  const { expiresAt, ...fields } = NewNotificationInput.parse(input);
  const owner = { tenantId: fields.tenantId, userId: fields.userId };
  const createdAt = isoNow();
  const item: NotificationItem = {
    ...fields,
    isRead: false,
    isArchived: false,
    createdAt,
    expiresAt: expiresAt
      ? epochSeconds(expiresAt)
      : epochSeconds(createdAt) + NOTIFICATION_RETENTION_DAYS * DAY_SECONDS,
  };
  try {
    await transactInbox([
      put(
        NotificationEntity.create({ ...item, inboxIndexKey: IN_INBOX, unreadIndexKey: UNREAD }).params(),
        () => new AlreadyCreatedError(),
      ),
      unreadCountChange(owner, 1, [item.type]),
    ]);
    return { created: true, notification: toNotification(item) };
  } catch (error) {
    if (!(error instanceof AlreadyCreatedError)) throw error;
    return { created: false, notification: toNotification(await load(owner, fields.notificationId)) };
  }
};

/**
 * DynamoDB's TTL removed a notification (the table stream's REMOVE hands over its last image).
 * One that was still unread leaves the count, once however often the record is delivered:
 * the counter moves only with the conditional put of an expiry mark for that id.
 */
export const onNotificationExpired = async (oldImage: NotificationItem): Promise<void> => {
  if (oldImage.isRead || oldImage.isArchived) return;
  const owner = { tenantId: oldImage.tenantId, userId: oldImage.userId };
  const mark = NotificationExpiryEntity.create({
    ...keyOf(owner, oldImage.notificationId),
    expiresAt: epochSeconds(isoNow()) + EXPIRY_MARK_DAYS * DAY_SECONDS,
  });
  try {
    await transactInbox([
      put(mark.params(), () => new AlreadyCountedError()),
      unreadCountChange(owner, -1, [oldImage.type]),
    ]);
  } catch (error) {
    if (!(error instanceof AlreadyCountedError)) throw error;
  }
};

/**
 * One page of the caller's inbox, newest first: each filter combination is one Query on
 * the sparse index that holds exactly those notifications.
 */
export const listNotifications = (actor: Principal, input: ListNotifications): Promise<Page<Notification>> => {
  const owner = ownerOf(actor);
  const { unread, type, limit, cursor } = input;
  const paging = { limit, cursor };
  if (unread && type) {
    const query = NotificationEntity.query.unreadByType({ ...owner, type, unreadIndexKey: UNREAD });
    return pageOf(query, 'gsi4pk', paging, toNotification);
  }
  if (unread) {
    return pageOf(
      NotificationEntity.query.unread({ ...owner, unreadIndexKey: UNREAD }),
      'gsi2pk',
      paging,
      toNotification,
    );
  }
  if (type) {
    const query = NotificationEntity.query.byType({ ...owner, type, inboxIndexKey: IN_INBOX });
    return pageOf(query, 'gsi3pk', paging, toNotification);
  }
  return pageOf(
    NotificationEntity.query.inbox({ ...owner, inboxIndexKey: IN_INBOX }),
    'gsi1pk',
    paging,
    toNotification,
  );
};

export const getNotification = async (actor: Principal, id: string): Promise<Notification> =>
  toNotification(await load(ownerOf(actor), id));

export const getUnreadCount = (actor: Principal): Promise<UnreadCount> => readUnreadCount(ownerOf(actor));

/** What one change of a notification sets, and whether it takes one off the unread count. */
interface StateChange {
  set: Partial<Pick<NotificationItem, 'isRead' | 'readAt' | 'isArchived' | 'archivedAt'>> & {
    inboxIndexKey?: string;
    unreadIndexKey?: string;
  };
  leavesUnread: boolean;
}

/**
 * The write of a state change, only if the notification is still in the state it was
 * decided on (read? archived?): the counter moves with it, so it must not move twice.
 */
const stateWrite = (item: NotificationItem, change: StateChange) =>
  update(
    NotificationEntity.patch(keyOf(item, item.notificationId))
      .set(change.set)
      // The type is a composite of the per-type indexes: ElectroDB rebuilds their keys from it.
      .composite({ type: item.type })
      .where(({ isRead, isArchived }, { eq }) => `${eq(isRead, item.isRead)} AND ${eq(isArchived, item.isArchived)}`)
      .params(),
    () => new StaleStateError(),
  );

const ATTEMPTS = 5;

/**
 * Applies the change `decide` makes of the notification as read, with its counter change,
 * in one transaction. No change (already in that state) answers the notification as it is.
 * A lost race is decided again on fresh data; a notification gone meanwhile is a 404.
 */
const changeState = async (
  actor: Principal,
  id: string,
  decide: (current: NotificationItem) => StateChange | undefined,
): Promise<Notification> => {
  const owner = ownerOf(actor);
  for (let attempt = 1; ; attempt++) {
    const current = await load(owner, id);
    const change = decide(current);
    if (!change) return toNotification(current);
    try {
      await transactInbox([
        stateWrite(current, change),
        ...(change.leavesUnread ? [unreadCountChange(owner, -1, [current.type])] : []),
      ]);
      return toNotification({ ...current, ...change.set });
    } catch (error) {
      if (!(error instanceof StaleStateError)) throw error;
      if (attempt >= ATTEMPTS) throw new ConflictError(`Notification ${id} is being changed elsewhere; try again.`);
    }
  }
};

const isCounted = (item: Pick<NotificationItem, 'isRead' | 'isArchived'>): boolean => !item.isRead && !item.isArchived;

const readChange = (current: NotificationItem, readAt: string): StateChange => ({
  set: { isRead: true, readAt, unreadIndexKey: NOT_UNREAD },
  leavesUnread: isCounted(current),
});

/** Idempotent: a notification already read is answered as it is, and the count is untouched. */
export const markNotificationRead = (actor: Principal, id: string): Promise<Notification> =>
  changeState(actor, id, (current) => (current.isRead ? undefined : readChange(current, isoNow())));

/** Soft: it leaves every list and the count, and stays readable by id until it expires. Idempotent. */
export const archiveNotification = async (actor: Principal, id: string): Promise<void> => {
  await changeState(actor, id, (current) =>
    current.isArchived
      ? undefined
      : {
          set: { isArchived: true, archivedAt: isoNow(), inboxIndexKey: ARCHIVED, unreadIndexKey: NOT_UNREAD },
          leavesUnread: isCounted(current),
        },
  );
};

/** The items of `keys` as they are now (strongly consistent), with what DynamoDB left unprocessed fetched again. */
const reread = async (items: readonly NotificationItem[]): Promise<NotificationItem[]> => {
  const found: NotificationItem[] = [];
  let pending = items.map((item) => keyOf(item, item.notificationId));
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > ATTEMPTS) throw new ConflictError('The inbox is busy; try again.');
    const { data, unprocessed } = await NotificationEntity.get(pending).go({ consistent: true });
    found.push(...data);
    pending = unprocessed;
  }
  return found;
};

/**
 * Marks one page of unread notifications read with the counter's -n, in one transaction.
 * If one of them changed meanwhile (a single mark, an archive), the page is read again and
 * what is still unread is tried again: each retry has lost at least one item, so it ends.
 */
const markBatchRead = async (owner: InboxOwner, page: readonly NotificationItem[], readAt: string): Promise<number> => {
  let batch = page.filter(isCounted);
  while (batch.length > 0) {
    try {
      await transactInbox([
        ...batch.map((item) => stateWrite(item, readChange(item, readAt))),
        unreadCountChange(
          owner,
          -1,
          batch.map((item) => item.type),
        ),
      ]);
      return batch.length;
    } catch (error) {
      if (!(error instanceof StaleStateError)) throw error;
      batch = (await reread(batch)).filter(isCounted);
    }
  }
  return 0;
};

/**
 * Marks every unread notification of the caller read (of one type, if given), one page of
 * the unread index at a time. It walks the index once with its cursor: what arrives while
 * it runs is newer than where it started, and stays unread. Returns how many it marked.
 */
export const markAllNotificationsRead = async (
  actor: Principal,
  type: NotificationType | undefined,
): Promise<ReadAllResult> => {
  const owner = ownerOf(actor);
  const readAt = isoNow();
  let updated = 0;
  let cursor: string | null = null;
  do {
    const query = type
      ? NotificationEntity.query.unreadByType({ ...owner, type, unreadIndexKey: UNREAD })
      : NotificationEntity.query.unread({ ...owner, unreadIndexKey: UNREAD });
    const page: { data: NotificationItem[]; cursor: string | null } = await query.go({
      limit: READ_ALL_BATCH,
      cursor,
      order: 'desc',
    });
    updated += await markBatchRead(owner, page.data, readAt);
    cursor = page.cursor;
  } while (cursor);
  return { updated };
};

/** Read-all's `type` may come in the body or the query string; two different ones are a contradiction. */
export const readAllTypeOf = (
  body: { type?: NotificationType | undefined },
  query: { type?: NotificationType | undefined },
): NotificationType | undefined => {
  if (body.type && query.type && body.type !== query.type) {
    throw new ValidationError('Give the type once, in the body or the query.', {
      errors: [
        { field: 'type', code: 'conflicting_type', message: `The body says ${body.type}, the query ${query.type}` },
      ],
    });
  }
  return body.type ?? query.type;
};
