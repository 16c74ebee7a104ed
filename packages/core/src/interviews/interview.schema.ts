import * as z from 'zod/mini';
import { idPattern } from '../shared/ids.ts';
import {
  boundedList,
  idPath,
  listQuery,
  notEmpty,
  page,
  text,
  timeRange,
  timeZone,
  trackedView,
} from '../shared/schema.ts';
import {
  INTERVIEW_LIMITS,
  INTERVIEW_MODES,
  INTERVIEW_STATUSES,
  INTERVIEW_TYPES,
  PARTICIPANT_ROLES,
} from './interview.model.ts';
import { canonicalZone } from './interview.rules.ts';
import { INTERVIEW_ACTIONS } from './interview.status.ts';

const idOf = (kind: 'candidate' | 'application' | 'requisition' | 'user' | 'questionSet', example: string) =>
  z.string().check(z.regex(idPattern(kind), `An id such as ${example}_01J...`));

const candidateId = idOf('candidate', 'cand');
const applicationId = idOf('application', 'app');
const requisitionId = idOf('requisition', 'req');
const userId = idOf('user', 'usr');

/** Stored as the UTC instant it names, so times from different offsets compare as text. */
const instant = z.pipe(
  z.iso.datetime({ offset: true }),
  z.transform((value) => new Date(value).toISOString()),
);

/**
 * An IANA zone name, stored in its canonical spelling (`europe/lisbon` -> `Europe/Lisbon`):
 * calendars use it as TZID. A bare offset is no zone (it knows no daylight saving time).
 */
const zone = z.pipe(
  timeZone.check(z.regex(/^[A-Za-z]/, 'An IANA time zone such as Europe/Berlin, not an offset')),
  z.transform((value) => canonicalZone(value) ?? value),
);

const duration = z
  .int()
  .check(z.minimum(INTERVIEW_LIMITS.durationMinutes.min), z.maximum(INTERVIEW_LIMITS.durationMinutes.max));

const round = z.int().check(z.minimum(INTERVIEW_LIMITS.round.min), z.maximum(INTERVIEW_LIMITS.round.max));

const panel = boundedList(userId, INTERVIEW_LIMITS.additionalInterviewers).check(
  z.refine((ids) => new Set(ids).size === ids.length, 'List each interviewer once'),
);

const meetingLink = z
  .string()
  .check(
    z.trim(),
    z.maxLength(INTERVIEW_LIMITS.meetingLinkLength),
    z.url({ protocol: /^https$/, error: 'An https:// link such as https://meet.example.com/abc' }),
  );

const location = text(INTERVIEW_LIMITS.locationLength);
const preparationNotes = text(INTERVIEW_LIMITS.notesLength);

const questionGuide = z
  .strictObject({
    questionSetId: z.optional(idOf('questionSet', 'qset')),
    questions: z.optional(boundedList(text(INTERVIEW_LIMITS.questionLength), INTERVIEW_LIMITS.questionGuide)),
  })
  .check(
    z.refine(
      (guide) => guide.questionSetId !== undefined || (guide.questions?.length ?? 0) > 0,
      'Give a questionSetId, questions, or both',
    ),
  );

/**
 * Booking an interview. The place a mode needs (video: meetingLink, onsite: location), the
 * time being ahead and the panel not repeating the lead are checked with the interview as a
 * whole (interview.rules.ts), as for a change.
 */
export const ScheduleInterviewBody = z.strictObject({
  candidateId,
  applicationId,
  requisitionId,
  interviewType: z.enum(INTERVIEW_TYPES),
  interviewMode: z.enum(INTERVIEW_MODES),
  /** ISO 8601 with an offset (`Z` or `+02:00`); stored as UTC. */
  scheduledAt: instant,
  /** Default: the tenant's interview duration. */
  durationMinutes: z.optional(duration),
  /** Default: the organiser's own time zone. */
  timeZone: z.optional(zone),
  /** Default: `timeZone`. */
  candidateTimeZone: z.optional(zone),
  /** The lead interviewer. */
  interviewerId: userId,
  additionalInterviewers: z.optional(panel),
  meetingLink: z.optional(meetingLink),
  location: z.optional(location),
  preparationNotes: z.optional(preparationNotes),
  questionGuide: z.optional(questionGuide),
  round: z.optional(round),
});
export type ScheduleInterview = z.output<typeof ScheduleInterviewBody>;

/** Only while scheduled. `null` clears an optional field. */
export const UpdateInterviewBody = z
  .strictObject({
    scheduledAt: z.optional(instant),
    durationMinutes: z.optional(duration),
    timeZone: z.optional(zone),
    candidateTimeZone: z.optional(zone),
    interviewerId: z.optional(userId),
    additionalInterviewers: z.optional(panel),
    interviewMode: z.optional(z.enum(INTERVIEW_MODES)),
    interviewType: z.optional(z.enum(INTERVIEW_TYPES)),
    meetingLink: z.optional(z.nullable(meetingLink)),
    location: z.optional(z.nullable(location)),
    preparationNotes: z.optional(z.nullable(preparationNotes)),
    questionGuide: z.optional(z.nullable(questionGuide)),
    round: z.optional(round),
  })
  .check(notEmpty);
export type UpdateInterview = z.output<typeof UpdateInterviewBody>;

export const CancelInterviewBody = z.strictObject({ reason: text(INTERVIEW_LIMITS.cancelReasonLength) });
export type CancelInterview = z.output<typeof CancelInterviewBody>;

export const InterviewPath = idPath('interview');

export const INTERVIEW_LIST_WHEN = ['upcoming', 'past'] as const;
export type InterviewListWhen = (typeof INTERVIEW_LIST_WHEN)[number];

/** The filters that pick another index than the caller's own calendar: at most one at a time. */
const SCOPES = ['candidateId', 'applicationId', 'requisitionId'] as const;

/**
 * `when`: upcoming (not ended yet, soonest first) or past (ended, latest first); `from`/`to`
 * bound the start. Without a scope, the caller's own interviews; a scope (recruiters and
 * admins) lists a candidate's, an application's or a requisition's.
 */
export const ListInterviewsQuery = z
  .strictObject({
    when: z._default(z.enum(INTERVIEW_LIST_WHEN), 'upcoming'),
    status: z.optional(z.enum(INTERVIEW_STATUSES)),
    ...timeRange,
    candidateId: z.optional(candidateId),
    applicationId: z.optional(applicationId),
    requisitionId: z.optional(requisitionId),
    ...listQuery,
  })
  .check(
    z.refine(
      (query) => query.from === undefined || query.to === undefined || Date.parse(query.from) <= Date.parse(query.to),
      { message: 'from must not be after to', path: ['from'] },
    ),
    z.refine((query) => SCOPES.filter((scope) => query[scope] !== undefined).length <= 1, {
      message: 'Give at most one of candidateId, applicationId and requisitionId',
      path: ['candidateId'],
    }),
  );
export type ListInterviews = z.output<typeof ListInterviewsQuery>;

/** Every stored field of an interview, without tenant or index attributes. */
export const InterviewRecord = z.object({
  id: z.string(),
  status: z.enum(INTERVIEW_STATUSES),
  candidateId: z.string(),
  applicationId: z.string(),
  requisitionId: z.string(),
  requisitionTitle: z.string(),
  interviewType: z.enum(INTERVIEW_TYPES),
  interviewMode: z.enum(INTERVIEW_MODES),
  round: z.int(),
  scheduledAt: z.string(),
  durationMinutes: z.int(),
  endsAt: z.string(),
  timeZone: z.string(),
  candidateTimeZone: z.string(),
  interviewerId: z.string(),
  additionalInterviewers: z.array(z.string()),
  meetingLink: z.optional(z.string()),
  location: z.optional(z.string()),
  preparationNotes: z.optional(z.string()),
  questionGuide: z.optional(
    z.object({ questionSetId: z.optional(z.string()), questions: z.optional(z.array(z.string())) }),
  ),
  /** The calendar event's SEQUENCE: raised by every change its attendees are told about. */
  sequence: z.int(),
  startedAt: z.optional(z.string()),
  endedAt: z.optional(z.string()),
  actualDurationMinutes: z.optional(z.int()),
  cancelledAt: z.optional(z.string()),
  cancelReason: z.optional(z.string()),
  noShowAt: z.optional(z.string()),
  /** When the reminder goes out, while one is pending. */
  remindAt: z.optional(z.string()),
  ...trackedView,
});
export type InterviewRecord = z.output<typeof InterviewRecord>;

/** An interview as its caller sees it: the record, and what the caller may do with it now. */
export const Interview = z.object({
  ...InterviewRecord.shape,
  /** From when it can be started or declared a no-show. */
  opensAt: z.string(),
  allowedNextStatuses: z.array(z.enum(INTERVIEW_STATUSES)),
  /** For this caller, at this moment. */
  allowedActions: z.array(z.enum(INTERVIEW_ACTIONS)),
});
export type Interview = z.output<typeof Interview>;

/** One line of a list of interviews. */
export const InterviewSummary = z.object({
  id: z.string(),
  status: z.enum(INTERVIEW_STATUSES),
  scheduledAt: z.string(),
  endsAt: z.string(),
  durationMinutes: z.int(),
  interviewType: z.enum(INTERVIEW_TYPES),
  interviewMode: z.enum(INTERVIEW_MODES),
  round: z.int(),
  candidateId: z.string(),
  applicationId: z.string(),
  requisitionId: z.string(),
  requisitionTitle: z.string(),
  /** The caller's seat in it, when they are on it. */
  role: z.optional(z.enum(PARTICIPANT_ROLES)),
});
export type InterviewSummary = z.output<typeof InterviewSummary>;

export const InterviewPage = page(InterviewSummary);
