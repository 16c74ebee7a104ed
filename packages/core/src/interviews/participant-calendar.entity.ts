import { Entity, type EntityItem } from 'electrodb';
import { timestampAttributes } from '../shared/attributes.ts';
import { documentClient, tableName } from '../shared/db.ts';

/**
 * ParticipantCalendar: the lock on one participant's calendar. Every booking that adds or
 * moves an entry of the participant checks the version it read its entries at and raises it
 * in the same transaction, so of two bookings that each saw a free slot, one fails its
 * condition, reads again and finds the other: no double-booking, without locking time slots.
 *
 * Access patterns:
 * - byParticipant  table  pk: tenant + participant -> the calendar's version
 */
export const ParticipantCalendarEntity = new Entity(
  {
    model: { entity: 'participant_calendar', version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      participantId: { type: 'string', required: true, readOnly: true },
      ...timestampAttributes,
    },
    indexes: {
      byParticipant: {
        pk: { field: 'pk', composite: ['tenantId', 'participantId'], casing: 'none' },
        sk: { field: 'sk', composite: [], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type ParticipantCalendarItem = EntityItem<typeof ParticipantCalendarEntity>;
