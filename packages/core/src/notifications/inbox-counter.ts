import { NOTIFICATION_TYPES, perNotificationType } from '../identity/user.model.ts';
import { type TransactionWrite, transactWrite, update } from '../shared/transaction.ts';
import { InboxCounterEntity, type InboxCounterItem, UNREAD_ATTRIBUTE_OF } from './inbox-counter.entity.ts';
import type { NotificationType } from './notification.model.ts';
import type { UnreadCount } from './notification.schema.ts';

/** Whose inbox: every key of a notification and of its counter starts with these. */
export interface InboxOwner {
  tenantId: string;
  userId: string;
}

/**
 * The counter write of a transaction that makes notifications of these types unread
 * (`direction` 1) or no longer unread (-1): one ADD per attribute, so concurrent
 * transactions never overwrite each other's counts. An UpdateItem creates a missing counter.
 */
export const unreadCountChange = (
  owner: InboxOwner,
  direction: 1 | -1,
  types: readonly NotificationType[],
): TransactionWrite => {
  const byType: Partial<Record<(typeof UNREAD_ATTRIBUTE_OF)[NotificationType], number>> = {};
  for (const type of types) {
    const attribute = UNREAD_ATTRIBUTE_OF[type];
    byType[attribute] = (byType[attribute] ?? 0) + direction;
  }
  return update(
    InboxCounterEntity.update({ tenantId: owner.tenantId, userId: owner.userId })
      .add({ unreadCount: direction * types.length, ...byType })
      .params(),
  );
};

/** A count below zero would be a bug of ours; a badge never shows one. */
const countOf = (value: number | undefined): number => Math.max(0, value ?? 0);

export const toUnreadCount = (item: InboxCounterItem | null | undefined): UnreadCount => {
  const byType = perNotificationType(0);
  for (const type of NOTIFICATION_TYPES) byType[type] = countOf(item?.[UNREAD_ATTRIBUTE_OF[type]]);
  return { unreadCount: countOf(item?.unreadCount), byType };
};

/** One GetItem; no counter yet is an empty inbox. Strongly consistent: a badge refreshed after a click must show the click. */
export const readUnreadCount = async (owner: InboxOwner): Promise<UnreadCount> => {
  const { data } = await InboxCounterEntity.get({ tenantId: owner.tenantId, userId: owner.userId }).go({
    consistent: true,
  });
  return toUnreadCount(data);
};

/** Three times the attempts of an ordinary change, pauses growing to a second. */
const INBOX_ATTEMPTS = 9;

/**
 * `transactWrite` with more patience for the counter: every change of a user's inbox writes
 * their one counter item, so a user's parallel clicks (or a read-all racing them) make
 * DynamoDB cancel all but one of the transactions. The writes carry their own conditions,
 * so sending them again later is safe: a state they no longer fit fails their condition.
 */
export const transactInbox = (writes: readonly TransactionWrite[]): Promise<void> =>
  transactWrite(writes, { attempts: INBOX_ATTEMPTS });
