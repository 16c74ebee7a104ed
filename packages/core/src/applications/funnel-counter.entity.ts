import { Entity, type EntityItem } from 'electrodb';
import { documentClient, tableName } from '../shared/db.ts';
import { COUNTER_FIELDS, type CounterField } from './funnel.model.ts';

const counter = { type: 'number' } as const;

/**
 * Flat attributes, not maps per stage: DynamoDB's ADD creates a missing top-level number
 * but refuses a path into a map that does not exist yet, and the first application of a
 * requisition finds no counter item at all (its UpdateItem creates it).
 */
const counters = Object.fromEntries(COUNTER_FIELDS.map((field) => [field, counter])) as Record<
  CounterField,
  typeof counter
>;

/**
 * FunnelCounter: the pipeline of one requisition in numbers (see funnel.model.ts). Only
 * the transactions that create or move its applications change it, by ADD, so it is exact
 * without reading a single application. No version: concurrent ADDs commute.
 *
 * Access patterns:
 * - byRequisition  table  pk: tenant + requisition  -> the counters (GET .../funnel: one GetItem)
 */
export const FunnelCounterEntity = new Entity(
  {
    model: { entity: 'funnelCounter', version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      requisitionId: { type: 'string', required: true, readOnly: true },
      ...counters,
    },
    indexes: {
      byRequisition: {
        pk: { field: 'pk', composite: ['tenantId', 'requisitionId'], casing: 'none' },
        sk: { field: 'sk', composite: [], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type FunnelCounterItem = EntityItem<typeof FunnelCounterEntity>;
