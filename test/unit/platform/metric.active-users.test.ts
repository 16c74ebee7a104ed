import type { Clock } from '@assist-ten/core/shared/clock';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aPrincipal } from '../support/factories.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
afterEach(() => dynamo.reset());

/** A cold start: the set of users already counted by this process starts empty. */
const freshService = async () => {
  vi.resetModules();
  return import('@assist-ten/core/platform/metric.service');
};

const at = (iso: string): Clock => ({ now: () => new Date(iso) });
const MONDAY = at('2025-03-10T08:00:00.000Z');

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes.join(', ')}]`,
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

const sentTransactions = () => dynamo.commandCalls(TransactWriteCommand).map((call) => call.args[0].input);

describe('recordActiveUser', () => {
  it("writes today's marker, conditionally, with both active_users counters in one transaction", async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    const { recordActiveUser } = await freshService();

    await recordActiveUser(aPrincipal({ tenantId: 'tnt_a', userId: 'usr_1' }), { clock: MONDAY });

    const [transaction] = sentTransactions();
    const [mark, tenant, platform] = transaction?.TransactItems ?? [];
    expect(transaction?.TransactItems).toHaveLength(3);
    expect(mark?.Put?.Item).toMatchObject({ tenantId: 'tnt_a', userId: 'usr_1', day: '2025-03-10' });
    expect(mark?.Put?.ConditionExpression).toBe('attribute_not_exists(#pk) AND attribute_not_exists(#sk)');
    expect(mark?.Put?.Item?.expiresAt).toBeLessThan(Date.parse('2025-03-20T00:00:00Z') / 1000);
    expect(tenant?.Update?.Key?.pk).toBe('$assist-ten#scope_tnt_a#name_active_users#shard_0');
    expect(platform?.Update?.Key?.pk).toMatch(/^\$assist-ten#scope_#platform#name_active_users#shard_[0-7]$/);
  });

  it('skips the write for a user this process already counted today', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    const { recordActiveUser } = await freshService();
    const alice = aPrincipal({ userId: 'usr_alice' });

    await recordActiveUser(alice, { clock: MONDAY });
    await recordActiveUser({ ...alice, requestId: 'another' }, { clock: at('2025-03-10T23:59:59.000Z') });

    expect(sentTransactions()).toHaveLength(1);
  });

  it('writes again for another user, the same user in another tenant, or the next day', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    const { recordActiveUser } = await freshService();

    await recordActiveUser(aPrincipal({ userId: 'usr_alice' }), { clock: MONDAY });
    await recordActiveUser(aPrincipal({ userId: 'usr_bob' }), { clock: MONDAY });
    await recordActiveUser(aPrincipal({ userId: 'usr_alice', tenantId: 'tnt_other' }), { clock: MONDAY });
    await recordActiveUser(aPrincipal({ userId: 'usr_alice' }), { clock: at('2025-03-11T00:00:00.000Z') });

    expect(sentTransactions()).toHaveLength(4);
  });

  it('treats a marker that exists as counted: no failure reported, no second attempt', async () => {
    dynamo.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None', 'None'));
    const { recordActiveUser } = await freshService();
    const onFailure = vi.fn();

    await recordActiveUser(aPrincipal(), { clock: MONDAY, onFailure });
    await recordActiveUser(aPrincipal(), { clock: MONDAY, onFailure });

    expect(onFailure).not.toHaveBeenCalled();
    expect(sentTransactions()).toHaveLength(1);
  });

  it('never rejects: another failure goes to onFailure, and the next request tries again', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    dynamo.on(TransactWriteCommand).rejectsOnce(throttled).resolves({});
    const { recordActiveUser } = await freshService();
    const onFailure = vi.fn();

    await expect(recordActiveUser(aPrincipal(), { clock: MONDAY, onFailure })).resolves.toBeUndefined();
    await recordActiveUser(aPrincipal(), { clock: MONDAY, onFailure });

    expect(onFailure).toHaveBeenCalledExactlyOnceWith(throttled);
    expect(sentTransactions()).toHaveLength(2);
  });

  it('resolves without onFailure when the write fails', async () => {
    dynamo.on(TransactWriteCommand).rejects(new Error('network down'));
    const { recordActiveUser } = await freshService();

    await expect(recordActiveUser(aPrincipal(), { clock: MONDAY })).resolves.toBeUndefined();
  });
});
