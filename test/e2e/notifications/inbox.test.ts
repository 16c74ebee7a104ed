import type { NewNotification } from '@assist-ten/core/notifications/notification.schema';
import { newId } from '@assist-ten/core/shared/ids';
import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { inviteUser, userBody } from '../../support/fixtures/identity.ts';
import { HOME, OTHER } from '../../support/users.ts';
import { whoIs } from '../../support/whoami.ts';

// Loaded after the stack environment points the SDK at DynamoDB Local.
const { createNotification, onNotificationExpired } = await import(
  '@assist-ten/core/notifications/notification.service'
);
const { NotificationEntity } = await import('@assist-ten/core/notifications/notification.entity');

const BASE = '/api/v1/notifications';

interface Recipient {
  email: string;
  token: string;
  tenantId: string;
  userId: string;
}

/** A user of the home tenant made for one test: an inbox nothing else writes to, so counts are exact. */
const aRecipient = async (): Promise<Recipient> => {
  const { email } = await inviteUser(userBody(['interviewer']));
  const [token, { tenantId, userId }] = await Promise.all([tokenFor(email), whoIs(email)]);
  return { email, token, tenantId, userId };
};

/** Puts a notification in the recipient's inbox as the notifications consumer does; returns its id. */
const notify = async (to: Recipient, overrides: Partial<NewNotification> = {}): Promise<string> => {
  const { notification } = await createNotification({
    tenantId: to.tenantId,
    userId: to.userId,
    notificationId: newId('notification'),
    type: 'system',
    title: 'Maintenance tonight',
    message: 'The platform is read-only from 22:00 to 22:30 UTC.',
    priority: 'normal',
    ...overrides,
  });
  return notification.id;
};

const notifyMany = async (to: Recipient, count: number, overrides: Partial<NewNotification> = {}) => {
  const ids: string[] = [];
  // One after the other: ids are minted in order, so the list order is known.
  for (let index = 0; index < count; index++) ids.push(await notify(to, overrides));
  return ids;
};

const unreadCount = async (to: Recipient) => {
  const response = await call('GET', `${BASE}/unread-count`, { token: to.token });
  expect(response.status).toBe(200);
  return response.body as { unreadCount: number; byType: Record<string, number> };
};

const idsOf = (response: { body: { items: { id: string }[] } }) => response.body.items.map((item) => item.id);

const markRead = (to: Recipient, id: string) => call('PATCH', `${BASE}/${id}/read`, { token: to.token });

describe('notification inbox over HTTP', () => {
  it('lists newest first and pages through the whole inbox with the cursor', async () => {
    // Arrange
    const me = await aRecipient();
    const ids = await notifyMany(me, 5);

    // Act
    const first = await call('GET', `${BASE}?limit=2`, { token: me.token });
    const second = await call('GET', `${BASE}?limit=2&cursor=${first.body.nextCursor}`, { token: me.token });
    const third = await call('GET', `${BASE}?limit=2&cursor=${second.body.nextCursor}`, { token: me.token });

    // Assert
    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
    expect([...idsOf(first), ...idsOf(second), ...idsOf(third)]).toEqual([...ids].reverse());
    expect(third.body.nextCursor).toBeNull();
    expect(first.body.items[0]).toMatchObject({ type: 'system', priority: 'normal', isRead: false, readAt: null });
    expect(Object.keys(first.body.items[0]).filter((key) => /^(pk|sk|gsi\d|tenantId|userId|__edb)/.test(key))).toEqual(
      [],
    );
  });

  it('filters by unread, by type, and by both, each newest first', async () => {
    // Arrange
    const me = await aRecipient();
    const [systemRead, systemUnread] = await notifyMany(me, 2);
    const [interviewRead, interviewUnread] = await notifyMany(me, 2, { type: 'interview' });
    await markRead(me, systemRead as string);
    await markRead(me, interviewRead as string);

    // Act
    const unread = await call('GET', `${BASE}?unread=true`, { token: me.token });
    const interviews = await call('GET', `${BASE}?type=interview`, { token: me.token });
    const unreadInterviews = await call('GET', `${BASE}?unread=true&type=interview`, { token: me.token });
    const everything = await call('GET', `${BASE}?unread=false`, { token: me.token });

    // Assert
    expect(idsOf(unread)).toEqual([interviewUnread, systemUnread]);
    expect(idsOf(interviews)).toEqual([interviewUnread, interviewRead]);
    expect(idsOf(unreadInterviews)).toEqual([interviewUnread]);
    expect(idsOf(everything)).toHaveLength(4);
  });

  it('refuses a cursor of another list of the inbox, and an unknown filter', async () => {
    // Arrange
    const me = await aRecipient();
    await notifyMany(me, 2);
    const unread = await call('GET', `${BASE}?unread=true&limit=1`, { token: me.token });

    // Act
    const crossed = await call('GET', `${BASE}?limit=1&cursor=${unread.body.nextCursor}`, { token: me.token });
    const unknown = await call('GET', `${BASE}?status=archived`, { token: me.token });

    // Assert
    expect(crossed.status).toBe(400);
    expect(crossed.body.errors).toEqual([expect.objectContaining({ field: 'cursor', code: 'invalid_cursor' })]);
    expect(unknown.status).toBe(400);
  });

  it('keeps the unread count, in all and per type, through create, read, archive and read-all', async () => {
    // Arrange
    const me = await aRecipient();
    const empty = await unreadCount(me);
    const [first, second, third] = await notifyMany(me, 3);
    const [interview] = await notifyMany(me, 2, { type: 'interview' });

    // Act
    const created = await unreadCount(me);
    await markRead(me, first as string);
    const afterRead = await unreadCount(me);
    await call('DELETE', `${BASE}/${second}`, { token: me.token });
    await call('DELETE', `${BASE}/${interview}`, { token: me.token });
    const afterArchive = await unreadCount(me);
    const readAll = await call('POST', `${BASE}/read-all`, { token: me.token });
    const afterReadAll = await unreadCount(me);

    // Assert
    expect(empty).toEqual({
      unreadCount: 0,
      byType: { system: 0, assessment: 0, interview: 0, application: 0, proctoring: 0 },
    });
    expect(created).toMatchObject({ unreadCount: 5, byType: { system: 3, interview: 2 } });
    expect(afterRead).toMatchObject({ unreadCount: 4, byType: { system: 2, interview: 2 } });
    expect(afterArchive).toMatchObject({ unreadCount: 2, byType: { system: 1, interview: 1 } });
    expect(readAll.status).toBe(200);
    expect(readAll.body).toEqual({ updated: 2 });
    expect(afterReadAll.unreadCount).toBe(0);
    const still = await call('GET', `${BASE}/${third}`, { token: me.token });
    expect(still.body).toMatchObject({ isRead: true, readAt: expect.any(String) });
  });

  it('reads all of one type only, with the type in the body or the query, and refuses two different ones', async () => {
    // Arrange
    const me = await aRecipient();
    await notifyMany(me, 2, { type: 'assessment' });
    await notifyMany(me, 1, { type: 'proctoring' });
    await notifyMany(me, 1, { type: 'application' });

    // Act
    const byBody = await call('POST', `${BASE}/read-all`, { token: me.token, body: { type: 'assessment' } });
    const byQuery = await call('POST', `${BASE}/read-all?type=proctoring`, { token: me.token });
    const contradiction = await call('POST', `${BASE}/read-all?type=system`, {
      token: me.token,
      body: { type: 'application' },
    });

    // Assert
    expect([byBody.body, byQuery.body]).toEqual([{ updated: 2 }, { updated: 1 }]);
    expect(contradiction.status).toBe(400);
    expect(await unreadCount(me)).toMatchObject({ unreadCount: 1, byType: { application: 1, assessment: 0 } });
  });

  it('reads one notification and marks it read idempotently, counting it once', async () => {
    // Arrange
    const me = await aRecipient();
    const id = await notify(me, {
      type: 'interview',
      priority: 'high',
      relatedEntityType: 'interview',
      relatedEntityId: 'int_01JABCDEFGHJKMNPQRSTVWXYZ0',
      actionUrl: '/interviews/int_01JABCDEFGHJKMNPQRSTVWXYZ0',
      eventId: newId('event'),
    });

    // Act
    const read = await call('GET', `${BASE}/${id}`, { token: me.token });
    const first = await markRead(me, id);
    const again = await markRead(me, id);

    // Assert
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      id,
      type: 'interview',
      priority: 'high',
      relatedEntityId: 'int_01JABCDEFGHJKMNPQRSTVWXYZ0',
      actionUrl: '/interviews/int_01JABCDEFGHJKMNPQRSTVWXYZ0',
      eventId: expect.stringMatching(/^evt_/),
      isRead: false,
    });
    expect(Date.parse(read.body.expiresAt) - Date.parse(read.body.createdAt)).toBeGreaterThan(89 * 86_400_000);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(first.body.isRead).toBe(true);
    expect(again.body.readAt).toBe(first.body.readAt);
    expect((await unreadCount(me)).unreadCount).toBe(0);
  });

  it('archives with DELETE: 204, gone from every list and the count, still readable, idempotent', async () => {
    // Arrange
    const me = await aRecipient();
    const [kept, archived] = await notifyMany(me, 2, { type: 'proctoring' });

    // Act
    const first = await call('DELETE', `${BASE}/${archived}`, { token: me.token });
    const again = await call('DELETE', `${BASE}/${archived}`, { token: me.token });

    // Assert
    expect([first.status, again.status]).toEqual([204, 204]);
    for (const query of ['', '?unread=true', '?type=proctoring', '?unread=true&type=proctoring']) {
      expect(idsOf(await call('GET', `${BASE}${query}`, { token: me.token })), query).toEqual([kept]);
    }
    const read = await call('GET', `${BASE}/${archived}`, { token: me.token });
    expect(read.body).toMatchObject({ isArchived: true, archivedAt: expect.any(String) });
    expect(await unreadCount(me)).toMatchObject({ unreadCount: 1, byType: { proctoring: 1 } });
  });

  it('creates once per notification id: a redelivered event neither duplicates nor counts twice', async () => {
    // Arrange
    const me = await aRecipient();
    const input = {
      tenantId: me.tenantId,
      userId: me.userId,
      notificationId: newId('notification'),
      type: 'application',
      title: 'New application',
      message: 'Ada applied.',
      priority: 'low',
    } as const;

    // Act
    const first = await createNotification(input);
    const again = await createNotification({ ...input, title: 'Changed on redelivery' });

    // Assert
    expect([first.created, again.created]).toEqual([true, false]);
    expect(again.notification).toEqual(first.notification);
    expect(idsOf(await call('GET', BASE, { token: me.token }))).toEqual([input.notificationId]);
    expect((await unreadCount(me)).unreadCount).toBe(1);
  });

  it("answers 404 to GET, PATCH and DELETE of another user's notification, and changes nothing", async () => {
    // Arrange
    const owner = await aRecipient();
    const id = await notify(owner);
    const colleague = await tokenFor(HOME.recruiter);
    const stranger = await tokenFor(OTHER.admin);

    // Act
    const responses = [];
    for (const token of [colleague, stranger]) {
      responses.push(await call('GET', `${BASE}/${id}`, { token }));
      responses.push(await call('PATCH', `${BASE}/${id}/read`, { token }));
      responses.push(await call('DELETE', `${BASE}/${id}`, { token }));
    }

    // Assert
    expect(responses.map((response) => response.status)).toEqual([404, 404, 404, 404, 404, 404]);
    const own = await call('GET', `${BASE}/${id}`, { token: owner.token });
    expect(own.body).toMatchObject({ isRead: false, isArchived: false });
    expect((await unreadCount(owner)).unreadCount).toBe(1);
  });

  it('takes a notification off the count once when twenty marks of it race', async () => {
    // Arrange
    const me = await aRecipient();
    const [raced] = await notifyMany(me, 2);

    // Act
    const responses = await Promise.all(Array.from({ length: 20 }, () => markRead(me, raced as string)));

    // Assert
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
    expect(new Set(responses.map((response) => response.body.readAt)).size).toBe(1);
    expect((await unreadCount(me)).unreadCount).toBe(1);
  });

  it('keeps the count exact when marks of different notifications race for the counter', async () => {
    // Arrange
    const me = await aRecipient();
    const ids = await notifyMany(me, 20);

    // Act
    const responses = await Promise.all(ids.slice(0, 15).map((id) => markRead(me, id)));

    // Assert
    expect(responses.map((response) => response.status)).toEqual(Array(15).fill(200));
    expect((await unreadCount(me)).unreadCount).toBe(5);
  });

  it('keeps the count exact when a read-all races single marks and archives', async () => {
    // Arrange
    const me = await aRecipient();
    const system = await notifyMany(me, 8);
    const interviews = await notifyMany(me, 6, { type: 'interview' });

    // Act
    const [readAll, ...others] = await Promise.all([
      call('POST', `${BASE}/read-all`, { token: me.token, body: { type: 'system' } }),
      ...system.map((id) => markRead(me, id)),
      ...interviews.slice(0, 3).map((id) => markRead(me, id)),
      call('DELETE', `${BASE}/${interviews[3]}`, { token: me.token }),
      call('DELETE', `${BASE}/${system[0]}`, { token: me.token }),
    ]);

    // Assert
    expect(readAll?.status).toBe(200);
    expect(others.map((response) => response.status).every((status) => status < 300)).toBe(true);
    const count = await unreadCount(me);
    const stillUnread = await call('GET', `${BASE}?unread=true`, { token: me.token });
    expect(count).toMatchObject({ unreadCount: 2, byType: { system: 0, interview: 2 } });
    expect(idsOf(stillUnread)).toEqual([interviews[5], interviews[4]]);
  });

  it('takes an expired unread notification off the count once, however often the stream delivers it', async () => {
    // Arrange
    const me = await aRecipient();
    const [expiring] = await notifyMany(me, 2, { type: 'assessment' });
    const key = { tenantId: me.tenantId, userId: me.userId, notificationId: expiring as string };
    const { data: lastImage } = await NotificationEntity.get(key).go({ consistent: true });
    if (!lastImage) throw new Error('the notification to expire was not stored');
    // What TTL does, then the stream hands over the REMOVE record's old image, twice.
    await NotificationEntity.delete(key).go();

    // Act
    await Promise.all([onNotificationExpired(lastImage), onNotificationExpired(lastImage)]);
    await onNotificationExpired(lastImage);

    // Assert
    expect(await unreadCount(me)).toMatchObject({ unreadCount: 1, byType: { assessment: 1 } });
    expect((await call('GET', `${BASE}/${expiring}`, { token: me.token })).status).toBe(404);
  });
});
