import { DEFAULT_SETTINGS } from '@assist-ten/core/identity/settings.model';
import {
  getSettings,
  replaceSettings,
  settingsFor,
  settingsForInvitation,
} from '@assist-ten/core/identity/settings.service';
import { ForbiddenError, PreconditionFailedError, ValidationError } from '@assist-ten/core/shared/errors';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { aPrincipal } from '../support/factories.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
afterEach(() => dynamo.reset());

const TENANT = 'tnt_settings';
const admin = aPrincipal({ userId: 'usr_admin', tenantId: TENANT, roles: ['admin'] });

const copy = <T>(value: T): T => structuredClone(value);

const storedItem = (version: number, changes: object = {}) => ({
  ...copy(DEFAULT_SETTINGS),
  ...changes,
  tenantId: TENANT,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
  createdBy: 'usr_first',
  updatedBy: 'usr_last',
  version,
  __edb_e__: 'settings',
  __edb_v__: '1',
});

const cancelled = (reasons: string[]) =>
  Object.assign(new Error('Transaction cancelled'), {
    name: 'TransactionCanceledException',
    CancellationReasons: reasons.map((Code) => ({ Code })),
  });

interface TransactItem {
  Put?: { Item: Record<string, unknown>; ConditionExpression?: string };
  Update?: {
    ConditionExpression?: string;
    ExpressionAttributeValues: Record<string, unknown>;
    UpdateExpression: string;
  };
}

const transactions = (): TransactItem[][] =>
  dynamo.commandCalls(TransactWriteCommand).map((call) => (call.args[0].input.TransactItems ?? []) as TransactItem[]);

const auditOf = (items: TransactItem[]) => items.find((item) => item.Put?.Item.__edb_e__ === 'auditlog')?.Put?.Item;

describe('settings service', () => {
  describe('getSettings', () => {
    it('answers the defaults at version 0 without bookkeeping for a tenant that never saved', async () => {
      // Arrange
      dynamo.on(GetCommand).resolves({});

      // Act
      const settings = await getSettings(admin);

      // Assert
      expect(settings).toEqual({ ...DEFAULT_SETTINGS, version: 0 });
      expect(dynamo.commandCalls(GetCommand)[0]?.args[0].input.Key).toEqual(
        expect.objectContaining({ pk: expect.stringContaining(TENANT) }),
      );
    });

    it('answers what is stored, without the tenant id or keys', async () => {
      // Arrange
      dynamo.on(GetCommand).resolves({ Item: storedItem(4, { timezone: 'Europe/Lisbon' }) });

      // Act
      const settings = await getSettings(admin);

      // Assert
      expect(settings).toMatchObject({ timezone: 'Europe/Lisbon', version: 4, updatedBy: 'usr_last' });
      expect(settings).not.toHaveProperty('tenantId');
    });

    it.each([['recruiter'], ['interviewer'], ['superadmin']] as const)('refuses a %s', async (role) => {
      // Act
      const error = await getSettings(aPrincipal({ tenantId: TENANT, roles: [role] })).catch((caught) => caught);

      // Assert
      expect(error).toBeInstanceOf(ForbiddenError);
      expect(dynamo.commandCalls(GetCommand)).toHaveLength(0);
    });
  });

  describe('settingsFor', () => {
    it("reads the named tenant's settings without a caller", async () => {
      // Arrange
      dynamo.on(GetCommand).resolves({ Item: storedItem(2, { allowedEmailDomains: ['demo.test'] }) });

      // Act
      const settings = await settingsFor(TENANT);

      // Assert
      expect(settings.allowedEmailDomains).toEqual(['demo.test']);
    });

    it('hands each caller its own copy of the defaults', async () => {
      // Arrange
      dynamo.on(GetCommand).resolves({});
      const first = await settingsFor(TENANT);
      first.proctoring.thresholds.paste = 'low';

      // Act
      const second = await settingsFor(TENANT);

      // Assert
      expect(second.proctoring.thresholds.paste).toBe(DEFAULT_SETTINGS.proctoring.thresholds.paste);
    });
  });

  describe('replaceSettings', () => {
    it('creates the item on the first save, only if none exists, with its audit entry in the same transaction', async () => {
      // Arrange
      dynamo
        .on(GetCommand)
        .resolvesOnce({})
        .resolves({ Item: storedItem(1, { timezone: 'Asia/Tokyo' }) });
      dynamo.on(TransactWriteCommand).resolves({});

      // Act
      const saved = await replaceSettings(admin, { ...copy(DEFAULT_SETTINGS), timezone: 'Asia/Tokyo' });

      // Assert
      expect(saved).toMatchObject({ timezone: 'Asia/Tokyo', version: 1 });
      const [items = []] = transactions();
      expect(items).toHaveLength(2);
      const write = items[0]?.Update;
      expect(write?.ConditionExpression).toBe('attribute_not_exists(#version)');
      expect(write?.ExpressionAttributeValues).toMatchObject({
        ':version_u0': 1,
        ':createdBy_u0': 'usr_admin',
        ':updatedBy_u0': 'usr_admin',
        ':timezone_u0': 'Asia/Tokyo',
      });
      expect(auditOf(items)).toMatchObject({
        action: 'settings.updated',
        entityType: 'settings',
        entityId: TENANT,
        tenantId: TENANT,
        actorId: 'usr_admin',
        changes: [{ field: 'timezone', before: 'UTC', after: 'Asia/Tokyo' }],
      });
    });

    it('updates a saved item only at the version it read, recording who changed it', async () => {
      // Arrange
      dynamo
        .on(GetCommand)
        .resolvesOnce({ Item: storedItem(3) })
        .resolves({ Item: storedItem(4) });
      dynamo.on(TransactWriteCommand).resolves({});
      const input = copy(DEFAULT_SETTINGS);
      input.proctoring.thresholds.looking_away = 'high';

      // Act
      await replaceSettings(admin, input);

      // Assert
      const [items = []] = transactions();
      const write = items[0]?.Update;
      expect(write?.ConditionExpression).toContain('#version = :version0');
      expect(write?.ExpressionAttributeValues).toMatchObject({ ':version0': 3, ':updatedBy_u0': 'usr_admin' });
      expect(write?.UpdateExpression).toContain('ADD #version :version_u0');
      expect(write?.UpdateExpression).not.toContain('#createdBy');
      expect(auditOf(items)?.changes).toEqual([
        {
          field: 'proctoring',
          before: expect.objectContaining({ thresholds: expect.objectContaining({ looking_away: 'low' }) }),
          after: expect.objectContaining({ thresholds: expect.objectContaining({ looking_away: 'high' }) }),
        },
      ]);
    });

    it('writes an audit entry even when nothing changed, with no field changes', async () => {
      // Arrange
      dynamo.on(GetCommand).resolves({ Item: storedItem(2) });
      dynamo.on(TransactWriteCommand).resolves({});

      // Act
      await replaceSettings(admin, copy(DEFAULT_SETTINGS));

      // Assert
      expect(auditOf(transactions()[0] ?? [])).toMatchObject({ action: 'settings.updated', changes: [] });
    });

    it('refuses a stale If-Match with 412 and writes nothing', async () => {
      // Arrange
      dynamo.on(GetCommand).resolves({ Item: storedItem(5) });

      // Act
      const error = await replaceSettings(admin, copy(DEFAULT_SETTINGS), 4).catch((caught) => caught);

      // Assert
      expect(error).toBeInstanceOf(PreconditionFailedError);
      expect(error.extensions).toEqual({ currentVersion: 5 });
      expect(transactions()).toHaveLength(0);
    });

    it('takes If-Match "0" as "only if never saved": refused once someone saved', async () => {
      // Arrange
      dynamo.on(GetCommand).resolves({ Item: storedItem(1) });

      // Act
      const error = await replaceSettings(admin, copy(DEFAULT_SETTINGS), 0).catch((caught) => caught);

      // Assert
      expect(error).toBeInstanceOf(PreconditionFailedError);
      expect(transactions()).toHaveLength(0);
    });

    it('retries a lost first-save race as an update of what the winner stored', async () => {
      // Arrange
      dynamo
        .on(GetCommand)
        .resolvesOnce({})
        .resolvesOnce({ Item: storedItem(1) })
        .resolves({ Item: storedItem(2) });
      dynamo
        .on(TransactWriteCommand)
        .rejectsOnce(cancelled(['ConditionalCheckFailed', 'None']))
        .resolves({});

      // Act
      const saved = await replaceSettings(admin, copy(DEFAULT_SETTINGS));

      // Assert
      expect(saved.version).toBe(2);
      const [first, second] = transactions();
      expect(first?.[0]?.Update?.ConditionExpression).toBe('attribute_not_exists(#version)');
      expect(second?.[0]?.Update?.ConditionExpression).toContain('#version = :version0');
      expect(second?.[0]?.Update?.ExpressionAttributeValues[':version0']).toBe(1);
    });

    it('answers 412 to the loser of a first-save race that sent If-Match "0"', async () => {
      // Arrange
      dynamo.on(GetCommand).resolves({});
      dynamo.on(TransactWriteCommand).rejects(cancelled(['ConditionalCheckFailed', 'None']));

      // Act
      const error = await replaceSettings(admin, copy(DEFAULT_SETTINGS), 0).catch((caught) => caught);

      // Assert
      expect(error).toBeInstanceOf(PreconditionFailedError);
      expect(transactions()).toHaveLength(1);
    });

    it('refuses a recruiter before reading anything', async () => {
      // Act
      const error = await replaceSettings(aPrincipal({ tenantId: TENANT }), copy(DEFAULT_SETTINGS)).catch(
        (caught) => caught,
      );

      // Assert
      expect(error).toBeInstanceOf(ForbiddenError);
      expect(dynamo.calls()).toHaveLength(0);
    });
  });

  describe('settingsForInvitation', () => {
    it('allows any domain while the tenant lists none', async () => {
      // Arrange
      dynamo.on(GetCommand).resolves({});

      // Act
      const result = settingsForInvitation(TENANT, 'someone@anywhere.example');

      // Assert
      await expect(result).resolves.toMatchObject({ allowedEmailDomains: [], version: 0 });
    });

    it('allows a listed domain', async () => {
      // Arrange
      dynamo.on(GetCommand).resolves({ Item: storedItem(1, { allowedEmailDomains: ['demo.test', 'acme.test'] }) });

      // Act
      const result = settingsForInvitation(TENANT, 'new.hire@ACME.test');

      // Assert
      await expect(result).resolves.toMatchObject({ allowedEmailDomains: ['demo.test', 'acme.test'], version: 1 });
    });

    it('refuses another domain with a 400 on the email field', async () => {
      // Arrange
      dynamo.on(GetCommand).resolves({ Item: storedItem(1, { allowedEmailDomains: ['demo.test'] }) });

      // Act
      const error = await settingsForInvitation(TENANT, 'mallory@evil.test').catch((caught) => caught);

      // Assert
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.statusCode).toBe(400);
      expect(error.errors).toEqual([
        { field: 'email', code: 'domain_not_allowed', message: 'Use an address at demo.test' },
      ]);
      expect(dynamo.commandCalls(GetCommand)[0]?.args[0].input.ConsistentRead).toBe(true);
    });

    it('names only the first five domains of a long list', async () => {
      // Arrange
      const domains = Array.from({ length: 8 }, (_, index) => `d${index}.example`);
      dynamo.on(GetCommand).resolves({ Item: storedItem(1, { allowedEmailDomains: domains }) });

      // Act
      const error = await settingsForInvitation(TENANT, 'x@evil.test').catch((caught) => caught);

      // Assert
      expect(error.errors[0].message).toBe(
        'Use an address at d0.example, d1.example, d2.example, d3.example, d4.example or 3 more',
      );
    });
  });
});
