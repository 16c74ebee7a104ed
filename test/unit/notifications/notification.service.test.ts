import type { NotificationItem } from '@assist-ten/core/notifications/notification.entity';
import {
  archiveNotification,
  createNotification,
  markAllNotificationsRead,
  markNotificationRead,
  onNotificationExpired,
  readAllTypeOf,
  toNotification,
} from '@assist-ten/core/notifications/notification.service';
import { ConflictError, NotFoundError, ValidationError } from '@assist-ten/core/shared/errors';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aPrincipal, thrownBy } from '../support/factories.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
afterEach(() => {
  dynamo.reset();
  vi.restoreAllMocks();
});

const alice = aPrincipal({ tenantId: 'tnt_01JDEM00000000000000000001', userId: 'usr_01JDEM00000000000000000011' });
const OWNER = { tenantId: alice.tenantId, userId: alice.userId };

let sequence = 0;
/** A stored notification of alice's, as DynamoDB returns it. */
const stored = (overrides: Partial<NotificationItem> & { inboxIndexKey?: string; unreadIndexKey?: string } = {}) => ({
  ...OWNER,
  notificationId: `ntf_01JABCDEFGHJKMNPQRSTVWXY${String(sequence++).padStart(2, '0')}`,
  type: 'interview',
  title: 'Interview scheduled',
  message: 'Tomorrow at 10:00.',
  priority: 'high',
  isRead: false,
  isArchived: false,
  createdAt: '2026-03-01T12:00:00.000Z',
  expiresAt: 1_780_000_000,
  inboxIndexKey: 'inbox',
  unreadIndexKey: 'unread',
  __edb_e__: 'notification',
  __edb_v__: '1',
  ...overrides,
});

/** What a transaction did, write by write: the kind, and for updates the expression and its values. */
const writesOf = (call: number) => {
  const input = dynamo.commandCalls(TransactWriteCommand)[call]?.args[0].input as TransactWriteCommandInput;
  return (input.TransactItems ?? []).map((item) => {
    if (item.Put) return { kind: 'Put', entity: item.Put.Item?.__edb_e__ };
    const update = item.Update;
    return {
      kind: 'Update',
      sk: update?.Key?.sk,
      expression: update?.UpdateExpression,
      values: update?.ExpressionAttributeValues,
    };
  });
};

/** A fresh exception per call, as the SDK throws: the writes at `failed` lost their condition. */
const cancelled = (codes: string[]) => () => {
  throw new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
};

const counterValues = (write: ReturnType<typeof writesOf>[number] | undefined) =>
  Object.fromEntries(
    Object.entries(write && 'values' in write ? (write.values ?? {}) : {}).filter(([name]) =>
      /^:unread\w+_u\d$/.test(name),
    ),
  );

const aNewNotification = {
  ...OWNER,
  notificationId: 'ntf_01JABCDEFGHJKMNPQRSTVWXYZ0',
  type: 'assessment',
  title: 'Assessment completed',
  message: 'Ada finished the assessment.',
  priority: 'normal',
  eventId: 'evt_01JABCDEFGHJKMNPQRSTVWXYZ0',
} as const;

describe('toNotification', () => {
  it('shows the notification without its keys, owner or index bookkeeping, with the expiry as an instant', () => {
    // Arrange
    const item = { ...stored(), pk: 'p', sk: 's', gsi1pk: 'g' } as unknown as NotificationItem;

    // Act
    const view = toNotification(item);

    // Assert: as a client receives it
    expect(Object.keys(JSON.parse(JSON.stringify(view))).sort()).toEqual(
      [
        'archivedAt',
        'createdAt',
        'expiresAt',
        'id',
        'isArchived',
        'isRead',
        'message',
        'priority',
        'readAt',
        'title',
        'type',
      ].sort(),
    );
    expect(view.expiresAt).toBe(new Date(1_780_000_000_000).toISOString());
  });
});

describe('createNotification', () => {
  it('puts the notification and counts it unread in one transaction', async () => {
    // Arrange
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    const { created, notification } = await createNotification(aNewNotification);

    // Assert
    expect(created).toBe(true);
    const [put, counter, ...rest] = writesOf(0);
    expect(put).toEqual({ kind: 'Put', entity: 'notification' });
    expect(counter?.expression).toContain('ADD #unreadCount');
    expect(counterValues(counter)).toEqual({ ':unreadCount_u0': 1, ':unreadAssessment_u0': 1 });
    expect(rest).toEqual([]);
    expect(notification).toMatchObject({
      id: aNewNotification.notificationId,
      isRead: false,
      readAt: null,
      isArchived: false,
      archivedAt: null,
      eventId: aNewNotification.eventId,
    });
  });

  it('lets it expire 90 days after it arrived, unless told otherwise', async () => {
    // Arrange
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    const { notification: standard } = await createNotification(aNewNotification);
    const { notification: custom } = await createNotification({
      ...aNewNotification,
      expiresAt: '2027-01-01T00:00:00Z',
    });

    // Assert
    const days = (Date.parse(standard.expiresAt) - Date.parse(standard.createdAt)) / 86_400_000;
    expect(Math.round(days)).toBe(90);
    expect(custom.expiresAt).toBe('2027-01-01T00:00:00.000Z');
  });

  it('answers the stored notification, counting nothing, when the event is delivered again', async () => {
    // Arrange
    const existing = stored({ notificationId: aNewNotification.notificationId, isRead: true });
    dynamo.on(TransactWriteCommand).callsFake(cancelled(['ConditionalCheckFailed', 'None']));
    dynamo.on(GetCommand).resolves({ Item: existing });

    // Act
    const { created, notification } = await createNotification(aNewNotification);

    // Assert
    expect(created).toBe(false);
    expect(notification.isRead).toBe(true);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('refuses a notification that breaks the rules of its fields before writing anything', async () => {
    // Act
    const error = await createNotification({ ...aNewNotification, actionUrl: 'javascript:alert(1)' }).catch(
      (caught: unknown) => caught,
    );

    // Assert
    expect(error).toBeInstanceOf(Error);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});

describe('markNotificationRead', () => {
  it('marks an unread one read and takes it off the count in the same transaction', async () => {
    // Arrange
    const item = stored();
    dynamo.on(GetCommand).resolves({ Item: item });
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    const read = await markNotificationRead(alice, item.notificationId);

    // Assert
    expect(read.isRead).toBe(true);
    expect(read.readAt).toEqual(expect.any(String));
    const [patch, counter] = writesOf(0);
    expect(patch?.sk).toBe(`$notification_1#notificationId_${item.notificationId}`);
    expect(counterValues(counter)).toEqual({ ':unreadCount_u0': -1, ':unreadInterview_u0': -1 });
  });

  it('answers one already read as it is, writing nothing', async () => {
    // Arrange
    const item = stored({ isRead: true, readAt: '2026-03-01T13:00:00.000Z' });
    dynamo.on(GetCommand).resolves({ Item: item });

    // Act
    const read = await markNotificationRead(alice, item.notificationId);

    // Assert
    expect(read.readAt).toBe('2026-03-01T13:00:00.000Z');
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('decides again when someone else marked it first, and does not count it twice', async () => {
    // Arrange
    const item = stored();
    dynamo
      .on(GetCommand)
      .resolvesOnce({ Item: item })
      .resolves({ Item: { ...item, isRead: true, readAt: '2026-03-01T13:00:00.000Z' } });
    dynamo.on(TransactWriteCommand).callsFake(cancelled(['ConditionalCheckFailed', 'None']));

    // Act
    const read = await markNotificationRead(alice, item.notificationId);

    // Assert
    expect(read.isRead).toBe(true);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
    expect(dynamo.commandCalls(GetCommand)).toHaveLength(2);
  });

  it('marks an archived one read without touching the count, which it had already left', async () => {
    // Arrange
    const item = stored({ isArchived: true, archivedAt: '2026-03-01T13:00:00.000Z', unreadIndexKey: '#none' });
    dynamo.on(GetCommand).resolves({ Item: item });
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    await markNotificationRead(alice, item.notificationId);

    // Assert
    expect(writesOf(0)).toHaveLength(1);
  });

  it("is a 404 for an id that is not in the caller's own inbox", async () => {
    // Arrange
    dynamo.on(GetCommand).resolves({});

    // Act
    const error = await markNotificationRead(alice, 'ntf_01JABCDEFGHJKMNPQRSTVWXYZ9').catch(
      (caught: unknown) => caught,
    );

    // Assert
    expect(error).toBeInstanceOf(NotFoundError);
    expect(dynamo.commandCalls(GetCommand)[0]?.args[0].input.Key?.pk).toBe(
      `$assist-ten#tenantId_${alice.tenantId}#userId_${alice.userId}`,
    );
  });

  it('waits and tries again when parallel clicks contend for the counter', async () => {
    // Arrange
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const item = stored();
    dynamo.on(GetCommand).resolves({ Item: item });
    const conflict = cancelled(['TransactionConflict', 'None']);
    let calls = 0;
    dynamo.on(TransactWriteCommand).callsFake(async () => {
      calls++;
      if (calls <= 4) conflict();
      return {};
    });

    // Act
    const read = await markNotificationRead(alice, item.notificationId);

    // Assert
    expect(read.isRead).toBe(true);
    expect(calls).toBe(5);
  });

  it('gives up with a 409 when the contention does not end', async () => {
    // Arrange
    vi.spyOn(Math, 'random').mockReturnValue(0);
    dynamo.on(GetCommand).resolves({ Item: stored() });
    dynamo.on(TransactWriteCommand).callsFake(cancelled(['TransactionConflict', 'None']));

    // Act
    const error = await markNotificationRead(alice, 'ntf_01JABCDEFGHJKMNPQRSTVWXYZ8').catch(
      (caught: unknown) => caught,
    );

    // Assert
    expect(error).toBeInstanceOf(ConflictError);
  });
});

describe('archiveNotification', () => {
  it('takes an unread one off the count as it leaves the inbox', async () => {
    // Arrange
    const item = stored();
    dynamo.on(GetCommand).resolves({ Item: item });
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    await archiveNotification(alice, item.notificationId);

    // Assert
    const [patch, counter] = writesOf(0);
    expect(patch?.expression).toMatch(/REMOVE .*#gsi1pk/);
    expect(counterValues(counter)).toEqual({ ':unreadCount_u0': -1, ':unreadInterview_u0': -1 });
  });

  it('leaves the count alone for one already read, and writes nothing for one already archived', async () => {
    // Arrange
    const read = stored({ isRead: true });
    const archived = stored({ isArchived: true, isRead: true });
    dynamo.on(GetCommand).resolvesOnce({ Item: read }).resolves({ Item: archived });
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    await archiveNotification(alice, read.notificationId);
    await archiveNotification(alice, archived.notificationId);

    // Assert
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
    expect(writesOf(0)).toHaveLength(1);
  });
});

describe('onNotificationExpired', () => {
  const expired = (overrides: Partial<NotificationItem> = {}) => {
    const { inboxIndexKey: _inbox, unreadIndexKey: _unread, __edb_e__, __edb_v__, ...item } = stored(overrides);
    return item as NotificationItem;
  };

  it('takes an unread one off the count together with the mark that it did', async () => {
    // Arrange
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    await onNotificationExpired(expired());

    // Assert
    const [mark, counter] = writesOf(0);
    expect(mark).toEqual({ kind: 'Put', entity: 'notificationExpiry' });
    expect(counterValues(counter)).toEqual({ ':unreadCount_u0': -1, ':unreadInterview_u0': -1 });
  });

  it('does nothing the second time the stream delivers the same removal', async () => {
    // Arrange
    dynamo.on(TransactWriteCommand).callsFake(cancelled(['ConditionalCheckFailed', 'None']));

    // Act
    const outcome = await onNotificationExpired(expired()).then(
      () => 'resolved',
      () => 'rejected',
    );

    // Assert
    expect(outcome).toBe('resolved');
  });

  it('writes nothing for one that was read or archived: it was no longer counted', async () => {
    // Act
    await onNotificationExpired(expired({ isRead: true }));
    await onNotificationExpired(expired({ isArchived: true }));

    // Assert
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});

describe('markAllNotificationsRead', () => {
  it('marks a page in one transaction with the counter, re-reading it when one changed meanwhile', async () => {
    // Arrange
    const [first, second, third] = [stored(), stored({ type: 'system' }), stored()];
    dynamo.on(QueryCommand).resolves({ Items: [first, second, third] });
    dynamo
      .on(TransactWriteCommand)
      .callsFakeOnce(cancelled(['None', 'ConditionalCheckFailed', 'None', 'None']))
      .resolves({});
    dynamo.on(BatchGetCommand).resolves({
      Responses: { 'offline-table': [first, { ...second, isRead: true }, third] },
      UnprocessedKeys: {},
    });

    // Act
    const result = await markAllNotificationsRead(alice, undefined);

    // Assert
    expect(result).toEqual({ updated: 2 });
    expect(writesOf(0)).toHaveLength(4);
    const retry = writesOf(1);
    expect(retry.map((write) => write.sk)).toEqual([
      `$notification_1#notificationId_${first.notificationId}`,
      `$notification_1#notificationId_${third.notificationId}`,
      '$inboxCounter_1',
    ]);
    expect(counterValues(retry.at(-1))).toEqual({ ':unreadCount_u0': -2, ':unreadInterview_u0': -2 });
  });

  it('walks every page of the unread index with its cursor, a transaction per page', async () => {
    // Arrange
    const cursorKey = { pk: 'p', sk: 's', gsi2pk: 'g', gsi2sk: 'h' };
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [stored(), stored()], LastEvaluatedKey: cursorKey })
      .resolves({ Items: [stored()] });
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    const result = await markAllNotificationsRead(alice, undefined);

    // Assert
    expect(result).toEqual({ updated: 3 });
    const queries = dynamo.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(queries.map((query) => query.IndexName)).toEqual(['gsi2', 'gsi2']);
    expect(queries.map((query) => query.Limit)).toEqual([99, 99]);
    expect(queries[1]?.ExclusiveStartKey).toEqual(cursorKey);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(2);
  });

  it('reads the unread-by-type index when given a type, and marks nothing in an empty one', async () => {
    // Arrange
    dynamo.on(QueryCommand).resolves({ Items: [] });

    // Act
    const result = await markAllNotificationsRead(alice, 'proctoring');

    // Assert
    expect(result).toEqual({ updated: 0 });
    expect(dynamo.commandCalls(QueryCommand)[0]?.args[0].input.IndexName).toBe('gsi4');
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});

describe('readAllTypeOf', () => {
  it('takes the type from the body or the query', () => {
    // Act
    const fromBody = readAllTypeOf({ type: 'system' }, {});
    const fromQuery = readAllTypeOf({}, { type: 'interview' });
    const both = readAllTypeOf({ type: 'system' }, { type: 'system' });
    const neither = readAllTypeOf({}, {});

    // Assert
    expect([fromBody, fromQuery, both, neither]).toEqual(['system', 'interview', 'system', undefined]);
  });

  it('refuses two different types with a 400 on the field', () => {
    // Act
    const error = thrownBy(() => readAllTypeOf({ type: 'system' }, { type: 'interview' }));

    // Assert
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors?.[0]?.field).toBe('type');
  });
});
