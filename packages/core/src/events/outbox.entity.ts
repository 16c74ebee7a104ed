import { Entity, type EntityItem } from 'electrodb';
import { documentClient, tableName } from '../shared/db.ts';
import { EVENT_TYPES } from './catalogue.ts';

/**
 * OutboxEvent: a domain event, written in the same transaction as the change that caused
 * it. Its INSERT on the table's stream is what the relay forwards to the event's queues,
 * so an event exists exactly when its change does, whatever dies afterwards.
 *
 * Access patterns:
 * - byId   table  pk: event id                  -> the event (for operators tracing one delivery)
 * - byDay  gsi1   pk: UTC day   sk: event id    -> the events of a time range, oldest first, for
 *   an operator replaying what the relay could not deliver (see replay.ts). One partition per
 *   day for the whole platform: fine far beyond our rate (an index partition takes 1,000
 *   writes/s), shard it by tenant before that.
 * The stream delivers events; nothing else reads them. TTL removes them after a week, long
 * after the stream (which keeps records 24 hours) has handed them on.
 */
export const OUTBOX_ENTITY = 'outboxEvent';

export const OutboxEventEntity = new Entity(
  {
    model: { entity: OUTBOX_ENTITY, version: '1', service: 'assist-ten' },
    attributes: {
      eventId: { type: 'string', required: true, readOnly: true },
      type: { type: EVENT_TYPES, required: true, readOnly: true },
      tenantId: { type: 'string', required: true, readOnly: true },
      occurredAt: { type: 'string', required: true, readOnly: true },
      /** `YYYY-MM-DD` of `occurredAt` (UTC): the replay index's partition. */
      day: { type: 'string', required: true, readOnly: true },
      actorId: { type: 'string', readOnly: true },
      payload: { type: 'any', required: true, readOnly: true },
      expiresAt: { type: 'number', required: true, readOnly: true },
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['eventId'], casing: 'none' },
        sk: { field: 'sk', composite: [], casing: 'none' },
      },
      byDay: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['day'], casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['eventId'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type OutboxEventItem = EntityItem<typeof OutboxEventEntity>;
