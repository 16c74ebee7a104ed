import {
  archiveFeatureFlag,
  createFeatureFlag,
  evaluateFlagsFor,
  FLAG_CACHE_TTL_MS,
  getFeatureFlag,
  listFeatureFlags,
  updateFeatureFlag,
} from '@assist-ten/core/platform/feature-flag.service';
import {
  ConflictError,
  ForbiddenError,
  PreconditionFailedError,
  ValidationError,
} from '@assist-ten/core/shared/errors';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { aPrincipal } from '../support/factories.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
afterEach(() => dynamo.reset());

const superadmin = aPrincipal({ userId: 'usr_root', tenantId: 'tnt_platform', roles: ['superadmin'] });
const recruiter = aPrincipal({ tenantId: 'tnt_demo', roles: ['recruiter'] });

// The evaluation cache lives in the module: every test starts an hour after the last one.
let clock = Date.parse('2026-03-01T00:00:00.000Z');
beforeAll(() => vi.useFakeTimers({ toFake: ['Date'] }));
afterAll(() => vi.useRealTimers());
beforeEach(() => {
  clock += 3_600_000;
  vi.setSystemTime(clock);
});
const advance = (ms: number) => vi.setSystemTime(Date.now() + ms);

const storedFlag = (key: string, changes: object = {}) => ({
  flagKey: key,
  description: `The ${key} flag`,
  enabled: false,
  tenantOverrides: [],
  rolloutPercentage: 0,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
  createdBy: 'usr_root',
  updatedBy: 'usr_root',
  version: 1,
  __edb_e__: 'featureflag',
  __edb_v__: '1',
  ...changes,
});

const cancelled = (reasons: string[]) =>
  Object.assign(new Error('Transaction cancelled'), {
    name: 'TransactionCanceledException',
    CancellationReasons: reasons.map((Code) => ({ Code })),
  });

interface TransactItem {
  Put?: { Item: Record<string, unknown>; ConditionExpression?: string };
  Update?: { ExpressionAttributeValues: Record<string, unknown>; UpdateExpression: string };
}

const transactions = (): TransactItem[][] =>
  dynamo.commandCalls(TransactWriteCommand).map((call) => (call.args[0].input.TransactItems ?? []) as TransactItem[]);

const auditOf = (items: TransactItem[] | undefined) =>
  items?.find((item) => item.Put?.Item.__edb_e__ === 'auditlog')?.Put?.Item;

const queries = () => dynamo.commandCalls(QueryCommand).map((call) => call.args[0].input);

const rejection = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to reject, but it resolved');
};

describe('feature flag service', () => {
  describe('evaluateFlagsFor', () => {
    it("reads every live flag with one strongly consistent Query of the flags' partition", async () => {
      // Arrange
      dynamo.on(QueryCommand).resolves({
        Items: [
          storedFlag('on-for-all', { enabled: true }),
          storedFlag('demo-only', { tenantOverrides: [{ tenantId: 'tnt_demo', enabled: true }] }),
          storedFlag('admins-only', { enabled: true, targetRoles: ['admin'] }),
        ],
      });

      // Act
      const flags = await evaluateFlagsFor(recruiter);

      // Assert
      expect(flags).toEqual({ 'on-for-all': true, 'demo-only': true, 'admins-only': false });
      expect(queries()).toHaveLength(1);
      expect(queries()[0]).toMatchObject({ TableName: 'offline-table', ConsistentRead: true });
      expect(queries()[0]?.IndexName).toBeUndefined();
      expect(queries()[0]?.FilterExpression).toContain('attribute_not_exists');
    });

    it('follows every page of the partition', async () => {
      // Arrange
      dynamo
        .on(QueryCommand)
        .resolvesOnce({ Items: [storedFlag('first', { enabled: true })], LastEvaluatedKey: { pk: 'p', sk: 's' } })
        .resolvesOnce({ Items: [storedFlag('second', { enabled: true })] });

      // Act
      const flags = await evaluateFlagsFor(recruiter);

      // Assert
      expect(flags).toEqual({ first: true, second: true });
      expect(queries()[1]?.ExclusiveStartKey).toEqual({ pk: 'p', sk: 's' });
    });

    it(`answers from memory for ${FLAG_CACHE_TTL_MS} ms, then reads again`, async () => {
      // Arrange
      dynamo
        .on(QueryCommand)
        .resolvesOnce({ Items: [storedFlag('beta', { enabled: false })] })
        .resolves({ Items: [storedFlag('beta', { enabled: true })] });
      await evaluateFlagsFor(recruiter);

      // Act
      advance(FLAG_CACHE_TTL_MS - 1);
      const cached = await evaluateFlagsFor(recruiter);
      advance(1);
      const fresh = await evaluateFlagsFor(recruiter);

      // Assert
      expect(cached).toEqual({ beta: false });
      expect(fresh).toEqual({ beta: true });
      expect(queries()).toHaveLength(2);
    });

    it('evaluates the cached flags for each caller', async () => {
      // Arrange
      dynamo.on(QueryCommand).resolves({
        Items: [storedFlag('acme-only', { tenantOverrides: [{ tenantId: 'tnt_acme', enabled: true }] })],
      });

      // Act
      const demo = await evaluateFlagsFor(recruiter);
      const acme = await evaluateFlagsFor(aPrincipal({ tenantId: 'tnt_acme' }));

      // Assert
      expect([demo, acme]).toEqual([{ 'acme-only': false }, { 'acme-only': true }]);
      expect(queries()).toHaveLength(1);
    });

    it('lets concurrent callers share one read', async () => {
      // Arrange
      dynamo.on(QueryCommand).resolves({ Items: [storedFlag('beta')] });

      // Act
      await Promise.all([evaluateFlagsFor(recruiter), evaluateFlagsFor(recruiter), evaluateFlagsFor(superadmin)]);

      // Assert
      expect(queries()).toHaveLength(1);
    });

    it('does not keep a failed read: the next call reads again', async () => {
      // Arrange
      dynamo
        .on(QueryCommand)
        .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }))
        .resolves({ Items: [storedFlag('beta', { enabled: true })] });
      const failed = await rejection(evaluateFlagsFor(recruiter));

      // Act
      const flags = await evaluateFlagsFor(recruiter);

      // Assert
      expect(failed).toBeInstanceOf(Error);
      expect(flags).toEqual({ beta: true });
    });

    it('drops the cache when this environment writes a flag, so the writer sees the change at once', async () => {
      // Arrange
      dynamo
        .on(QueryCommand)
        .resolvesOnce({ Items: [] })
        .resolves({ Items: [storedFlag('brand-new', { enabled: true })] });
      dynamo.on(TransactWriteCommand).resolves({});
      dynamo.on(GetCommand).resolves({ Item: storedFlag('brand-new', { enabled: true }) });
      await evaluateFlagsFor(recruiter);

      // Act
      await createFeatureFlag(superadmin, { key: 'brand-new', description: 'x', enabled: true });
      const flags = await evaluateFlagsFor(recruiter);

      // Assert
      expect(flags).toEqual({ 'brand-new': true });
      expect(queries()).toHaveLength(2);
    });
  });

  describe('createFeatureFlag', () => {
    it('puts the flag only if its key is new, with its audit entry in the same transaction', async () => {
      // Arrange
      dynamo.on(TransactWriteCommand).resolves({});
      dynamo.on(GetCommand).resolves({ Item: storedFlag('new-dashboard', { enabled: true }) });

      // Act
      const flag = await createFeatureFlag(superadmin, {
        key: 'new-dashboard',
        description: 'The redesigned dashboard',
        enabled: true,
        tenantOverrides: { tnt_b: false, tnt_a: true },
      });

      // Assert
      const [items] = transactions();
      const put = items?.[0]?.Put;
      expect(put?.ConditionExpression).toContain('attribute_not_exists');
      expect(put?.Item).toMatchObject({
        flagKey: 'new-dashboard',
        enabled: true,
        rolloutPercentage: 0,
        tenantOverrides: [
          { tenantId: 'tnt_a', enabled: true },
          { tenantId: 'tnt_b', enabled: false },
        ],
        createdBy: 'usr_root',
      });
      expect(put?.Item).not.toHaveProperty('targetRoles');
      expect(auditOf(items)).toMatchObject({
        action: 'feature_flag.created',
        entityType: 'feature_flag',
        entityId: 'new-dashboard',
        tenantId: 'tnt_platform',
        requestId: 'req-test',
      });
      expect(flag).toMatchObject({ key: 'new-dashboard', enabled: true, tenantOverrides: {}, version: 1 });
    });

    it('answers 409 naming key when the key is taken, archived or not', async () => {
      // Arrange
      dynamo.on(TransactWriteCommand).rejects(cancelled(['ConditionalCheckFailed', 'None']));

      // Act
      const error = await rejection(createFeatureFlag(superadmin, { key: 'taken', description: 'x' }));

      // Assert
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).errors).toEqual([expect.objectContaining({ field: 'key', code: 'taken' })]);
      expect(dynamo.commandCalls(GetCommand)).toHaveLength(0);
    });

    it.each([['recruiter'], ['admin']] as const)('refuses a %s before touching the table', async (role) => {
      // Act
      const error = await rejection(createFeatureFlag(aPrincipal({ roles: [role] }), { key: 'abc', description: 'x' }));

      // Assert
      expect(error).toBeInstanceOf(ForbiddenError);
      expect(dynamo.calls()).toHaveLength(0);
    });
  });

  describe('getFeatureFlag', () => {
    it('shows the flag by key with its overrides as a map, roles in a fixed order and no table keys', async () => {
      // Arrange
      dynamo.on(GetCommand).resolves({
        Item: {
          ...storedFlag('beta', {
            tenantOverrides: [{ tenantId: 'tnt_demo', enabled: true }],
            targetRoles: ['admin', 'recruiter'],
          }),
          pk: '$assist-ten',
          sk: '$featureflag_1#flagKey_beta',
        },
      });

      // Act
      const flag = await getFeatureFlag(superadmin, 'beta');

      // Assert
      expect(flag).toMatchObject({
        key: 'beta',
        tenantOverrides: { tnt_demo: true },
        targetRoles: ['recruiter', 'admin'],
      });
      expect(Object.keys(flag).filter((field) => /^(pk|sk|gsi\d\w*|flagKey|__edb_\w+)$/.test(field))).toEqual([]);
    });

    it('answers 404 for a key nobody defined', async () => {
      // Arrange
      dynamo.on(GetCommand).resolves({});

      // Act
      const error = await rejection(getFeatureFlag(superadmin, 'nothing-here'));

      // Assert
      expect((error as { statusCode?: number }).statusCode).toBe(404);
    });
  });

  describe('listFeatureFlags', () => {
    it('reads the flag index newest first and leaves archived flags out unless asked', async () => {
      // Arrange
      dynamo.on(QueryCommand).resolves({ Items: [storedFlag('beta')] });

      // Act
      const live = await listFeatureFlags(superadmin, { limit: 10 });
      await listFeatureFlags(superadmin, { limit: 10, includeArchived: true });

      // Assert
      expect(live).toEqual({ items: [expect.objectContaining({ key: 'beta' })], nextCursor: null });
      const [withoutArchived, withArchived] = queries();
      expect(withoutArchived).toMatchObject({ IndexName: 'gsi1', ScanIndexForward: false });
      expect(withoutArchived?.FilterExpression).toContain('attribute_not_exists');
      expect(withArchived?.FilterExpression ?? '').not.toContain('archivedAt');
    });

    it('refuses a cursor of another list with 400 naming cursor', async () => {
      // Arrange
      const foreign = Buffer.from(JSON.stringify({ gsi1pk: 'tnt_demo', gsi1sk: 'x' })).toString('base64url');

      // Act
      const error = await rejection(listFeatureFlags(superadmin, { limit: 10, cursor: foreign }));

      // Assert
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).errors?.[0]?.field).toBe('cursor');
      expect(queries()).toHaveLength(0);
    });
  });

  describe('updateFeatureFlag', () => {
    it('merges the overrides: null removes one, unnamed tenants keep theirs', async () => {
      // Arrange
      const stored = storedFlag('beta', {
        tenantOverrides: [
          { tenantId: 'tnt_a', enabled: true },
          { tenantId: 'tnt_b', enabled: false },
        ],
      });
      dynamo.on(GetCommand).resolves({ Item: stored });
      dynamo.on(TransactWriteCommand).resolves({});

      // Act
      await updateFeatureFlag(superadmin, 'beta', { tenantOverrides: { tnt_b: null, tnt_c: true } });

      // Assert
      const [items] = transactions();
      expect(Object.values(items?.[0]?.Update?.ExpressionAttributeValues ?? {})).toContainEqual([
        { tenantId: 'tnt_a', enabled: true },
        { tenantId: 'tnt_c', enabled: true },
      ]);
      expect(auditOf(items)).toMatchObject({ action: 'feature_flag.updated', entityId: 'beta' });
      expect(auditOf(items)?.changes).toEqual([
        {
          field: 'tenantOverrides',
          before: { tnt_a: true, tnt_b: false },
          after: { tnt_a: true, tnt_c: true },
        },
      ]);
    });

    it('removes the target roles for null, so the flag applies to every role again', async () => {
      // Arrange
      dynamo.on(GetCommand).resolves({ Item: storedFlag('beta', { targetRoles: ['admin'] }) });
      dynamo.on(TransactWriteCommand).resolves({});

      // Act
      await updateFeatureFlag(superadmin, 'beta', { targetRoles: null });

      // Assert
      expect(transactions()[0]?.[0]?.Update?.UpdateExpression).toMatch(/REMOVE #targetRoles/);
    });

    it('refuses a merge that would pass the override limit with 400 naming tenantOverrides', async () => {
      // Arrange
      const full = Array.from({ length: 500 }, (_, n) => ({ tenantId: `tnt_${n}`, enabled: true }));
      dynamo.on(GetCommand).resolves({ Item: storedFlag('beta', { tenantOverrides: full }) });

      // Act
      const error = await rejection(updateFeatureFlag(superadmin, 'beta', { tenantOverrides: { tnt_one_more: true } }));

      // Assert
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).errors?.[0]).toMatchObject({ field: 'tenantOverrides', code: 'too_many' });
      expect(transactions()).toHaveLength(0);
    });

    it('refuses to change an archived flag with 409', async () => {
      // Arrange
      dynamo.on(GetCommand).resolves({ Item: storedFlag('old', { archivedAt: '2026-02-01T00:00:00.000Z' }) });

      // Act
      const error = await rejection(updateFeatureFlag(superadmin, 'old', { enabled: true }));

      // Assert
      expect(error).toBeInstanceOf(ConflictError);
      expect(transactions()).toHaveLength(0);
    });

    it('answers 412 for a stale If-Match and writes nothing', async () => {
      // Arrange
      dynamo.on(GetCommand).resolves({ Item: storedFlag('beta', { version: 3 }) });

      // Act
      const error = await rejection(updateFeatureFlag(superadmin, 'beta', { enabled: true }, 2));

      // Assert
      expect(error).toBeInstanceOf(PreconditionFailedError);
      expect(transactions()).toHaveLength(0);
    });
  });

  describe('archiveFeatureFlag', () => {
    it('stamps archivedAt, guarded by the version read, with an archived audit entry', async () => {
      // Arrange
      dynamo.on(GetCommand).resolves({ Item: storedFlag('beta', { version: 2 }) });
      dynamo.on(TransactWriteCommand).resolves({});

      // Act
      await archiveFeatureFlag(superadmin, 'beta', 2);

      // Assert
      const [items] = transactions();
      expect(items?.[0]?.Update?.UpdateExpression).toContain('#archivedAt');
      expect(items?.[0]?.Update?.ExpressionAttributeValues).toMatchObject({ ':version0': 2 });
      expect(auditOf(items)).toMatchObject({ action: 'feature_flag.archived', entityType: 'feature_flag' });
    });

    it('refuses to archive a flag twice with 409', async () => {
      // Arrange
      dynamo.on(GetCommand).resolves({ Item: storedFlag('old', { archivedAt: '2026-02-01T00:00:00.000Z' }) });

      // Act
      const error = await rejection(archiveFeatureFlag(superadmin, 'old'));

      // Assert
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).extensions).toEqual({ archivedAt: '2026-02-01T00:00:00.000Z' });
    });
  });
});
