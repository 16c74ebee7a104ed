import { Entity, type EntityItem } from 'electrodb';
import { documentClient, tableName } from '../shared/db.ts';
import { METRIC_NAMES } from './metric.model.ts';

/**
 * SystemMetric: how much of something happened on one UTC day, for one tenant or for the
 * whole platform. `value` only ever changes by an atomic ADD written in the same
 * transaction as the change it counts, so a failed or retried write never counts twice or
 * not at all, and the first ADD of a day creates the item (an upsert, on purpose).
 *
 * No `version`, `createdBy` or `updatedBy`: nobody edits a counter, and concurrent ADDs
 * commute, so there is no lost update for optimistic concurrency to prevent (a version
 * check would only turn harmless concurrent increments into conflicts on a hot item).
 *
 * The platform scope is sharded: each write picks one of PLATFORM_SHARDS partitions at
 * random and a read sums them; a tenant's counter lives in shard TENANT_SHARD only.
 *
 * Access patterns:
 * - series  table  pk: scope + name + shard  sk: day  -> one counter's days between from and to
 *                                                        (the platform: one Query per shard)
 * DynamoDB's TTL on `expiresAt` removes a day METRIC_RETENTION_DAYS after it.
 */
export const SystemMetricEntity = new Entity(
  {
    model: { entity: 'systemmetric', version: '1', service: 'assist-ten' },
    attributes: {
      /** A tenant id, or PLATFORM_SCOPE for the platform-wide counter. */
      scope: { type: 'string', required: true, readOnly: true },
      name: { type: METRIC_NAMES, required: true, readOnly: true },
      shard: { type: 'number', required: true, readOnly: true },
      /** `YYYY-MM-DD`, UTC: sorts as text in time order. */
      day: { type: 'string', required: true, readOnly: true },
      value: { type: 'number', required: true, default: 0 },
      expiresAt: { type: 'number', required: true },
    },
    indexes: {
      series: {
        pk: { field: 'pk', composite: ['scope', 'name', 'shard'], casing: 'none' },
        sk: { field: 'sk', composite: ['day'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type SystemMetricItem = EntityItem<typeof SystemMetricEntity>;

/**
 * ActiveUserMark: "this user was counted as active on this day". Written with a condition
 * that it does not exist, in the same transaction as the `active_users` counters, so two
 * racing first requests of the day count the user once. TTL removes it after a few days.
 *
 * Access patterns:
 * - byDay  table  pk: tenant + day  sk: user  -> whether the user was counted that day (the
 *                                                conditional put's own key; never listed)
 */
export const ActiveUserMarkEntity = new Entity(
  {
    model: { entity: 'activeusermark', version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      day: { type: 'string', required: true, readOnly: true },
      userId: { type: 'string', required: true, readOnly: true },
      expiresAt: { type: 'number', required: true, readOnly: true },
    },
    indexes: {
      byDay: {
        pk: { field: 'pk', composite: ['tenantId', 'day'], casing: 'none' },
        sk: { field: 'sk', composite: ['userId'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);
