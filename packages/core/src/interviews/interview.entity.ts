import { Entity, type EntityItem } from 'electrodb';
import { trackedAttributes } from '../shared/attributes.ts';
import { documentClient, tableName } from '../shared/db.ts';
import { INTERVIEW_MODES, INTERVIEW_STATUSES, INTERVIEW_TYPES } from './interview.model.ts';

/**
 * InterviewSession: one interview of a candidate for an application, led by one interviewer
 * with an optional panel. Who sits in it is also written as one calendar entry per
 * participant (InterviewCalendarEntry), which is what keeps a participant from being booked
 * twice and what "my interviews" lists; every write of the interview rewrites its entries in
 * the same transaction.
 *
 * Access patterns (the tenant is always the first composite, except the reminder index):
 * - byId           table  pk: tenant + interview id                       -> one interview
 * - byApplication  gsi1   pk: tenant + application  sk: start + id        -> an application's interviews, by time
 * - byRequisition  gsi2   pk: tenant + requisition  sk: start + id        -> a requisition's interviews, by time
 * - byCandidate    gsi3   pk: tenant + candidate    sk: start + id        -> a candidate's interviews, by time
 * - reminders      gsi4   pk: reminder shard        sk: reminder time     -> reminders due (sparse)
 *
 * `reminders` is the platform's timer, not a tenant's data: the sweep reads which interviews
 * of any tenant are due a reminder, then works on each one through its tenant's key.
 */
export const InterviewSessionEntity = new Entity(
  {
    model: { entity: 'interview_session', version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      interviewId: { type: 'string', required: true, readOnly: true },
      candidateId: { type: 'string', required: true, readOnly: true },
      applicationId: { type: 'string', required: true, readOnly: true },
      requisitionId: { type: 'string', required: true, readOnly: true },
      interviewType: { type: INTERVIEW_TYPES, required: true },
      interviewMode: { type: INTERVIEW_MODES, required: true },
      status: { type: INTERVIEW_STATUSES, required: true, default: 'scheduled' },
      /** UTC ISO instant; the time zones below only say how people read it. */
      scheduledAt: { type: 'string', required: true },
      durationMinutes: { type: 'number', required: true },
      /** scheduledAt + durationMinutes, kept so overlap checks and lists need no arithmetic. */
      endsAt: { type: 'string', required: true },
      /** IANA zone the interview was planned in: the calendar event's TZID. */
      timeZone: { type: 'string', required: true },
      /** IANA zone the candidate's invitation shows times in. */
      candidateTimeZone: { type: 'string', required: true },
      /** The lead interviewer. */
      interviewerId: { type: 'string', required: true },
      additionalInterviewers: { type: 'list', required: true, default: () => [], items: { type: 'string' } },
      meetingLink: { type: 'string' },
      location: { type: 'string' },
      /** For the interviewers; never sent to the candidate. */
      preparationNotes: { type: 'string' },
      /** For the interviewers; never sent to the candidate. */
      questionGuide: {
        type: 'map',
        properties: {
          questionSetId: { type: 'string' },
          questions: { type: 'list', items: { type: 'string' } },
        },
      },
      round: { type: 'number', required: true, default: 1 },
      /** The requisition's title when booked: calendars and notifications name the job without a read. */
      requisitionTitle: { type: 'string', required: true },
      /** The calendar event's SEQUENCE: raised by every change attendees must see (time, place, people, cancel). */
      sequence: { type: 'number', required: true, default: 0 },
      startedAt: { type: 'string' },
      endedAt: { type: 'string' },
      actualDurationMinutes: { type: 'number' },
      cancelledAt: { type: 'string' },
      cancelReason: { type: 'string' },
      noShowAt: { type: 'string' },
      /** When the reminder goes out; absent once sent, or when there is none to send. */
      remindAt: { type: 'string' },
      /** `r0`..`r3` while a reminder is pending, NOT_INDEXED otherwise (the reminder index is sparse). */
      reminderShard: { type: 'string' },
      ...trackedAttributes,
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['tenantId', 'interviewId'], casing: 'none' },
        sk: { field: 'sk', composite: [], casing: 'none' },
      },
      byApplication: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['tenantId', 'applicationId'], casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['scheduledAt', 'interviewId'], casing: 'none' },
      },
      byRequisition: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: ['tenantId', 'requisitionId'], casing: 'none' },
        sk: { field: 'gsi2sk', composite: ['scheduledAt', 'interviewId'], casing: 'none' },
      },
      byCandidate: {
        index: 'gsi3',
        pk: { field: 'gsi3pk', composite: ['tenantId', 'candidateId'], casing: 'none' },
        sk: { field: 'gsi3sk', composite: ['scheduledAt', 'interviewId'], casing: 'none' },
      },
      reminders: {
        index: 'gsi4',
        condition: (attributes) => attributes.reminderShard !== undefined && attributes.reminderShard !== 'none',
        pk: { field: 'gsi4pk', composite: ['reminderShard'], casing: 'none' },
        sk: { field: 'gsi4sk', composite: ['remindAt'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type InterviewItem = EntityItem<typeof InterviewSessionEntity>;
