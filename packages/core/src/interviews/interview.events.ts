import type { EventPayload } from '../events/catalogue.ts';
import type { InterviewItem } from './interview.entity.ts';
import { interviewersOf } from './interview.rules.ts';

export type InterviewCalendarPayload = EventPayload<'interview.scheduled'>;

/**
 * What an invitation (or a reminder, or a cancellation) of the interview is made of, as the
 * item stands: ids, time, zones, place and people, never the notes or questions, which are
 * the interviewers' only. Pure, so the reminder sweep builds the same payload.
 */
export const calendarPayloadOf = (interview: InterviewItem): InterviewCalendarPayload => ({
  interviewId: interview.interviewId,
  sequence: interview.sequence,
  candidateId: interview.candidateId,
  applicationId: interview.applicationId,
  requisitionId: interview.requisitionId,
  requisitionTitle: interview.requisitionTitle,
  interviewType: interview.interviewType,
  interviewMode: interview.interviewMode,
  round: interview.round,
  scheduledAt: interview.scheduledAt,
  durationMinutes: interview.durationMinutes,
  timeZone: interview.timeZone,
  candidateTimeZone: interview.candidateTimeZone,
  ...(interview.meetingLink === undefined ? {} : { meetingLink: interview.meetingLink }),
  ...(interview.location === undefined ? {} : { location: interview.location }),
  interviewerIds: interviewersOf(interview),
  organizerId: interview.createdBy,
});
