import { Entity } from 'electrodb';
import { documentClient, tableName } from './db.ts';

/**
 * UniqueValue: a claim on a value that must be unique within a scope (a tenant's user
 * emails, the platform's tenant slugs). It is written in the same transaction as its
 * owner with a condition that it does not exist yet, so two concurrent requests for the
 * same value cannot both succeed; no read-then-write.
 *
 * Access patterns:
 * - byValue  table  pk: scope + kind + value  -> who holds it
 */
export const UniqueValueEntity = new Entity(
  {
    model: { entity: 'unique', version: '1', service: 'assist-ten' },
    attributes: {
      /** A tenant id, or PLATFORM_SCOPE for values unique across the platform. */
      scope: { type: 'string', required: true, readOnly: true },
      kind: {
        // candidate-email holds a blind index (keyed hash), never an address; skill-term is a
        // taxonomy name or alias; candidate-application is `<candidateId>#<requisitionId>`.
        type: ['email', 'tenant-slug', 'candidate-email', 'skill-term', 'candidate-application'] as const,
        required: true,
        readOnly: true,
      },
      value: { type: 'string', required: true, readOnly: true },
      ownerId: { type: 'string', required: true, readOnly: true },
    },
    indexes: {
      byValue: {
        pk: { field: 'pk', composite: ['scope', 'kind', 'value'], casing: 'none' },
        sk: { field: 'sk', composite: [], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export const PLATFORM_SCOPE = '#platform';
