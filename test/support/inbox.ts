import { getUnreadCount, listNotifications } from '@assist-ten/core/notifications/notification.service';
import type { Principal } from '@assist-ten/core/shared/principal';

/** The recipient as the inbox service knows its caller. */
export const ownerOf = (tenantId: string, userId: string): Principal => ({
  tenantId,
  userId,
  email: 'recipient@demo.test',
  roles: ['interviewer'],
  requestId: 'test',
});

/** Every notification in the recipient's inbox, all pages. */
export const wholeInbox = async (owner: Principal) => {
  const items: Awaited<ReturnType<typeof listNotifications>>['items'] = [];
  let cursor: string | undefined;
  do {
    const page = await listNotifications(owner, { limit: 100, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
};

export const unreadOf = async (owner: Principal): Promise<number> => (await getUnreadCount(owner)).unreadCount;
