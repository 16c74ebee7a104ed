import { InboxCounterEntity } from '@assist-ten/core/notifications/inbox-counter.entity';
import {
  ARCHIVED,
  IN_INBOX,
  inboxIndexKeyOf,
  NOT_UNREAD,
  NotificationEntity,
  UNREAD,
  unreadIndexKeyOf,
} from '@assist-ten/core/notifications/notification.entity';
import { NotificationExpiryEntity } from '@assist-ten/core/notifications/notification-expiry.entity';
import { describe, expect, it } from 'vitest';

const OWNER = { tenantId: 'tnt_01JDEM00000000000000000001', userId: 'usr_01JDEM00000000000000000011' };
const ID = 'ntf_01JABCDEFGHJKMNPQRSTVWXYZ0';
const KEY = { ...OWNER, notificationId: ID };

const aNewNotification = () =>
  NotificationEntity.create({
    ...KEY,
    type: 'interview',
    title: 'Interview scheduled',
    message: 'Tomorrow at 10:00.',
    priority: 'high',
    expiresAt: 1_900_000_000,
    inboxIndexKey: IN_INBOX,
    unreadIndexKey: UNREAD,
  }).params<{ Item: Record<string, unknown>; ConditionExpression: string }>();

interface UpdateParams {
  UpdateExpression: string;
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
}

const indexFieldsIn = (params: UpdateParams, clause: 'SET' | 'REMOVE'): string[] => {
  const part = params.UpdateExpression.split(/(?=SET |REMOVE |ADD )/).find((text) => text.startsWith(clause)) ?? '';
  return Object.values(params.ExpressionAttributeNames)
    .filter((name) => /^gsi\d(pk|sk)$/.test(name) && part.includes(`#${name}`))
    .sort();
};

describe('NotificationEntity', () => {
  it('keys a notification by tenant and user, then id, so nobody else can name it', () => {
    // Act
    const { Item } = aNewNotification();

    // Assert
    expect(Item.pk).toBe(`$assist-ten#tenantId_${OWNER.tenantId}#userId_${OWNER.userId}`);
    expect(Item.sk).toBe(`$notification_1#notificationId_${ID}`);
  });

  it('puts a new, unread notification in all four lists, each partitioned by tenant and user', () => {
    // Act
    const { Item } = aNewNotification();

    // Assert
    for (const index of ['gsi1', 'gsi2', 'gsi3', 'gsi4']) {
      expect(Item[`${index}pk`]).toEqual(expect.stringContaining(`tenantId_${OWNER.tenantId}#userId_${OWNER.userId}`));
      expect(Item[`${index}sk`]).toBe(`$notification_1#notificationId_${ID}`);
    }
    expect(Item.gsi3pk).toContain('#type_interview');
    expect(Item.gsi4pk).toContain('#type_interview');
  });

  it('creates only where nothing is stored under the key, which makes a redelivered create a no-op', () => {
    // Act
    const { ConditionExpression } = aNewNotification();

    // Assert
    expect(ConditionExpression).toBe('attribute_not_exists(#pk) AND attribute_not_exists(#sk)');
  });

  it('leaves the unread lists when read, and stays in the inbox lists', () => {
    // Act
    const params = NotificationEntity.patch(KEY)
      .set({ isRead: true, readAt: '2026-03-01T12:00:00.000Z', unreadIndexKey: NOT_UNREAD })
      .composite({ type: 'interview' })
      .params<UpdateParams>();

    // Assert
    expect(indexFieldsIn(params, 'REMOVE')).toEqual(['gsi2pk', 'gsi2sk', 'gsi4pk', 'gsi4sk']);
    expect(indexFieldsIn(params, 'SET')).toEqual([]);
  });

  it('leaves every list when archived', () => {
    // Act
    const params = NotificationEntity.patch(KEY)
      .set({
        isArchived: true,
        archivedAt: '2026-03-01T12:00:00.000Z',
        inboxIndexKey: ARCHIVED,
        unreadIndexKey: NOT_UNREAD,
      })
      .composite({ type: 'interview' })
      .params<UpdateParams>();

    // Assert
    expect(indexFieldsIn(params, 'REMOVE')).toEqual([
      'gsi1pk',
      'gsi1sk',
      'gsi2pk',
      'gsi2sk',
      'gsi3pk',
      'gsi3sk',
      'gsi4pk',
      'gsi4sk',
    ]);
  });

  it('refuses to change a sparse index key without the type the per-type indexes are keyed by', () => {
    // Act
    const act = () => NotificationEntity.patch(KEY).set({ unreadIndexKey: NOT_UNREAD }).params();

    // Assert
    expect(act).toThrow(/Incomplete composite attributes/);
  });

  it('checks the type it was given against the stored one, so index keys cannot be rebuilt from a wrong one', () => {
    // Act
    const params = NotificationEntity.patch(KEY)
      .set({ unreadIndexKey: NOT_UNREAD })
      .composite({ type: 'system' })
      .params<UpdateParams>();

    // Assert
    expect(params.ConditionExpression).toContain('#type = :type0');
    expect(params.ExpressionAttributeValues[':type0']).toBe('system');
  });

  it('derives the index keys from the state: unread means unread and not archived', () => {
    // Act
    const states = [
      { isRead: false, isArchived: false },
      { isRead: true, isArchived: false },
      { isRead: false, isArchived: true },
      { isRead: true, isArchived: true },
    ].map((state) => [inboxIndexKeyOf(state), unreadIndexKeyOf(state)]);

    // Assert
    expect(states).toEqual([
      [IN_INBOX, UNREAD],
      [IN_INBOX, NOT_UNREAD],
      [ARCHIVED, NOT_UNREAD],
      [ARCHIVED, NOT_UNREAD],
    ]);
  });

  it('serves each filter with one Query on its own index and partition', () => {
    // Act
    const queries = [
      NotificationEntity.query.inbox({ ...OWNER, inboxIndexKey: IN_INBOX }),
      NotificationEntity.query.unread({ ...OWNER, unreadIndexKey: UNREAD }),
      NotificationEntity.query.byType({ ...OWNER, type: 'system', inboxIndexKey: IN_INBOX }),
      NotificationEntity.query.unreadByType({ ...OWNER, type: 'system', unreadIndexKey: UNREAD }),
    ].map((query) =>
      query.params<{
        IndexName: string;
        FilterExpression?: string;
        ExpressionAttributeValues: Record<string, string>;
      }>(),
    );

    // Assert
    expect(queries.map((query) => query.IndexName)).toEqual(['gsi1', 'gsi2', 'gsi3', 'gsi4']);
    expect(queries.map((query) => query.ExpressionAttributeValues[':pk'])).toEqual([
      `$assist-ten#tenantId_${OWNER.tenantId}#userId_${OWNER.userId}#inboxIndexKey_inbox`,
      `$assist-ten#tenantId_${OWNER.tenantId}#userId_${OWNER.userId}#unreadIndexKey_unread`,
      `$assist-ten#tenantId_${OWNER.tenantId}#userId_${OWNER.userId}#type_system#inboxIndexKey_inbox`,
      `$assist-ten#tenantId_${OWNER.tenantId}#userId_${OWNER.userId}#type_system#unreadIndexKey_unread`,
    ]);
  });
});

describe('InboxCounterEntity', () => {
  it("is one item per user, beside the user's notifications and never one of them", () => {
    // Act
    const { Key } = InboxCounterEntity.get(OWNER).params<{ Key: Record<string, string> }>();

    // Assert
    expect(Key.pk).toBe(`$assist-ten#tenantId_${OWNER.tenantId}#userId_${OWNER.userId}`);
    expect(Key.sk).toBe('$inboxCounter_1');
  });
});

describe('NotificationExpiryEntity', () => {
  it('is keyed like the notification it stands for, and written only once', () => {
    // Act
    const { Item, ConditionExpression } = NotificationExpiryEntity.create({ ...KEY, expiresAt: 1 }).params<{
      Item: Record<string, unknown>;
      ConditionExpression: string;
    }>();

    // Assert
    expect(Item.pk).toBe(`$assist-ten#tenantId_${OWNER.tenantId}#userId_${OWNER.userId}`);
    expect(Item.sk).toBe(`$notificationExpiry_1#notificationId_${ID}`);
    expect(ConditionExpression).toBe('attribute_not_exists(#pk) AND attribute_not_exists(#sk)');
  });
});
