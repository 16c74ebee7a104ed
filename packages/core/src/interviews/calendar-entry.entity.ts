import { Entity, type EntityItem } from 'electrodb';
import { timestampAttributes } from '../shared/attributes.ts';
import { documentClient, tableName } from '../shared/db.ts';
import { INTERVIEW_MODES, INTERVIEW_STATUSES, INTERVIEW_TYPES, PARTICIPANT_ROLES } from './interview.model.ts';

/**
 * InterviewCalendarEntry: one participant's place in one interview (the lead, each panel
 * interviewer, the candidate), with what a list of "my interviews" shows. It lives in the
 * participant's partition, sorted by start, so the booking's overlap check is one strongly
 * consistent Query (an index could lag behind a booking that just landed).
 *
 * Access patterns:
 * - byParticipant  table  pk: tenant + participant           sk: start + interview -> someone's interviews by time
 * - byStatus       gsi1   pk: tenant + participant + status  sk: start + interview -> someone's interviews of one status, by time
 */
export const InterviewCalendarEntryEntity = new Entity(
  {
    model: { entity: 'interview_calendar_entry', version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      /** A user id (interviewers) or a candidate id. */
      participantId: { type: 'string', required: true, readOnly: true },
      interviewId: { type: 'string', required: true, readOnly: true },
      role: { type: PARTICIPANT_ROLES, required: true },
      scheduledAt: { type: 'string', required: true, readOnly: true },
      endsAt: { type: 'string', required: true },
      durationMinutes: { type: 'number', required: true },
      status: { type: INTERVIEW_STATUSES, required: true },
      interviewType: { type: INTERVIEW_TYPES, required: true },
      interviewMode: { type: INTERVIEW_MODES, required: true },
      round: { type: 'number', required: true },
      candidateId: { type: 'string', required: true, readOnly: true },
      applicationId: { type: 'string', required: true, readOnly: true },
      requisitionId: { type: 'string', required: true, readOnly: true },
      requisitionTitle: { type: 'string', required: true },
      ...timestampAttributes,
    },
    indexes: {
      byParticipant: {
        pk: { field: 'pk', composite: ['tenantId', 'participantId'], casing: 'none' },
        sk: { field: 'sk', composite: ['scheduledAt', 'interviewId'], casing: 'none' },
      },
      byStatus: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['tenantId', 'participantId', 'status'], casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['scheduledAt', 'interviewId'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type CalendarEntryItem = EntityItem<typeof InterviewCalendarEntryEntity>;
