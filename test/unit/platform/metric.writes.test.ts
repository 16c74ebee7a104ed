import { PLATFORM_SHARDS, TENANT_SHARD } from '@assist-ten/core/platform/metric.model';
import { metricWrites } from '@assist-ten/core/platform/metric.service';
import { describe, expect, it } from 'vitest';

interface UpdateParams {
  Key: { pk: string; sk: string };
  UpdateExpression: string;
  ConditionExpression?: string;
  ExpressionAttributeValues: Record<string, unknown>;
}

const paramsOf = (tenantId = 'tnt_writes', at = '2025-03-09T23:30:00.000Z') =>
  metricWrites(tenantId, 'requisitions_created', 2, at).map((write) => {
    expect(write.kind).toBe('Update');
    return write.params as UpdateParams;
  });

const shardOf = (pk: string): number => Number(/#shard_(\d+)$/.exec(pk)?.[1]);

describe('metricWrites', () => {
  it("adds to the tenant's counter and one platform shard, bucketed by the UTC day", () => {
    const [tenant, platform] = paramsOf();

    expect(tenant?.Key).toEqual({
      pk: `$assist-ten#scope_tnt_writes#name_requisitions_created#shard_${TENANT_SHARD}`,
      sk: '$systemmetric_1#day_2025-03-09',
    });
    expect(platform?.Key.pk).toMatch(/^\$assist-ten#scope_#platform#name_requisitions_created#shard_\d+$/);
    expect(platform?.Key.sk).toBe('$systemmetric_1#day_2025-03-09');
  });

  it('is an unconditional ADD of the delta, so the first count of a day creates the item', () => {
    for (const params of paramsOf()) {
      expect(params.UpdateExpression).toMatch(/ADD #value :value_u0/);
      expect(params.ExpressionAttributeValues[':value_u0']).toBe(2);
      expect(params.ConditionExpression).toBeUndefined();
    }
  });

  it('sets the expiry 400 days after the day', () => {
    const [tenant] = paramsOf();

    expect(tenant?.ExpressionAttributeValues[':expiresAt_u0']).toBe(Date.parse('2026-04-14T00:00:00Z') / 1000);
  });

  it('spreads the platform counter over every shard and no others', () => {
    const shards = new Set(Array.from({ length: 400 }, () => shardOf(paramsOf()[1]?.Key.pk ?? '')));

    expect([...shards].sort((a, b) => a - b)).toEqual(Array.from({ length: PLATFORM_SHARDS }, (_, shard) => shard));
  });

  it('counts one by default, now', () => {
    const before = new Date().toISOString().slice(0, 10);
    const [tenant] = metricWrites('tnt_writes', 'users_invited').map((write) => write.params as UpdateParams);
    const after = new Date().toISOString().slice(0, 10);

    expect(tenant?.ExpressionAttributeValues[':value_u0']).toBe(1);
    expect([before, after]).toContain(tenant?.Key.sk.slice(-10));
  });
});
