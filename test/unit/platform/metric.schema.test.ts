import { METRIC_NAMES } from '@assist-ten/core/platform/metric.model';
import { MetricSeriesQuery } from '@assist-ten/core/platform/metric.schema';
import { describe, expect, it } from 'vitest';

const fieldsOf = (value: unknown): string[] => {
  const result = MetricSeriesQuery.safeParse(value);
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []).map((issue) => issue.path.join('.') || String(issue.code));
};

describe('MetricSeriesQuery', () => {
  it('accepts every metric name with only the name given', () => {
    for (const name of METRIC_NAMES) expect(MetricSeriesQuery.parse({ name })).toEqual({ name });
  });

  it('accepts a tenant and a date range', () => {
    const query = {
      name: 'active_users',
      tenantId: 'tnt_01JDEM00000000000000000001',
      from: '2024-02-29',
      to: '2024-03-31',
    };

    expect(MetricSeriesQuery.parse(query)).toEqual(query);
  });

  it('requires the name and refuses one that is not a metric', () => {
    expect(fieldsOf({})).toEqual(['name']);
    expect(fieldsOf({ name: 'page_views' })).toEqual(['name']);
  });

  it.each(['2025-1-31', '2025-02-30', '2023-02-29', '2025-01-31T00:00:00Z', 'yesterday', ''])(
    'refuses the date %j, naming the field',
    (value) => {
      expect(fieldsOf({ name: 'active_users', from: value })).toEqual(['from']);
      expect(fieldsOf({ name: 'active_users', to: value })).toEqual(['to']);
    },
  );

  it.each(['01JDEM00000000000000000001', 'usr_01JDEM00000000000000000001', 'tnt_', 'tnt_a-b', `tnt_${'a'.repeat(41)}`])(
    'refuses the tenant id %j',
    (tenantId) => {
      expect(fieldsOf({ name: 'active_users', tenantId })).toEqual(['tenantId']);
    },
  );

  it('refuses unknown parameters', () => {
    expect(MetricSeriesQuery.safeParse({ name: 'active_users', shard: '3' }).success).toBe(false);
  });
});
