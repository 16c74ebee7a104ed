import { Entity, type EntityItem } from 'electrodb';
import { documentClient, tableName } from './db.ts';

/**
 * IdempotencyRecord: the first response to a creating request, kept for a day so a
 * retried request with the same Idempotency-Key gets that response instead of a second item.
 *
 * Access patterns:
 * - byKey  table  pk: tenant + scope (route and caller) + key  -> the record
 * Expired records are removed by the table's TTL on `expiresAt`.
 */
export const IdempotencyRecordEntity = new Entity(
  {
    model: { entity: 'idempotency', version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      scope: { type: 'string', required: true, readOnly: true },
      key: { type: 'string', required: true, readOnly: true },
      fingerprint: { type: 'string', required: true },
      state: { type: ['in_progress', 'completed'] as const, required: true },
      /** Epoch ms after which an in-progress record is taken to be abandoned (its Lambda died). */
      lockedUntil: { type: 'number', required: true },
      statusCode: { type: 'number' },
      body: { type: 'string' },
      headers: { type: 'map', properties: { etag: { type: 'string' }, location: { type: 'string' } } },
      expiresAt: { type: 'number', required: true },
    },
    indexes: {
      byKey: {
        pk: { field: 'pk', composite: ['tenantId', 'scope', 'key'], casing: 'none' },
        sk: { field: 'sk', composite: [], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type IdempotencyRecord = EntityItem<typeof IdempotencyRecordEntity>;
