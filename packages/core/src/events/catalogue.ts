import * as z from 'zod/mini';
import { INTERVIEW_MODES, INTERVIEW_TYPES } from '../interviews/interview.model.ts';
import { STAFF_ROLES } from '../shared/principal.ts';
import type { QueueName } from '../shared/queues.ts';
import { prefixedId } from '../shared/schema.ts';

/**
 * The domain events other parts of the system react to, each with the facts its consumers
 * need, so a consumer never has to read the producer's entities back (they may have moved
 * on by then). Producers record them with `eventWrite` in the transaction of the change.
 */
const userId = prefixedId;
const name = z.string().check(z.maxLength(300));
const title = z.string().check(z.maxLength(300));
const userIds = z.array(userId).check(z.maxLength(50));

/** An interviewer's feedback on an interview settled: submitted, or excused. */
const feedbackSettled = z.object({
  feedbackId: prefixedId,
  interviewId: prefixedId,
  applicationId: prefixedId,
  requisitionTitle: title,
  round: z.int(),
  /** Whose feedback it is: who submitted it, or who was excused from it. */
  interviewerId: userId,
  /** Who booked the interview: the recruiter who reads the scorecard. */
  organizerId: userId,
  hiringManagerId: z.optional(userId),
  /** Every interviewer of the interview has now submitted or been excused: the scorecard is complete for it. */
  allSubmitted: z.boolean(),
});

/**
 * What a calendar invitation of an interview is made of. No candidate name or address, no
 * notes or questions: delivery reads the participants' names and addresses when it sends.
 */
const interviewCalendar = z.object({
  interviewId: prefixedId,
  /** The calendar event's SEQUENCE at this change. */
  sequence: z.int(),
  candidateId: prefixedId,
  applicationId: prefixedId,
  requisitionId: prefixedId,
  requisitionTitle: title,
  interviewType: z.enum(INTERVIEW_TYPES),
  interviewMode: z.enum(INTERVIEW_MODES),
  round: z.int(),
  scheduledAt: z.iso.datetime({ offset: true }),
  durationMinutes: z.int(),
  timeZone: z.string().check(z.maxLength(100)),
  candidateTimeZone: z.string().check(z.maxLength(100)),
  meetingLink: z.optional(z.string().check(z.maxLength(2_000))),
  location: z.optional(z.string().check(z.maxLength(500))),
  /** The lead first, then the panel. */
  interviewerIds: z.array(userId).check(z.minLength(1), z.maxLength(10)),
  /** Who booked it. */
  organizerId: userId,
});

export const EVENT_PAYLOADS = {
  'requisition.published': z.object({
    requisitionId: prefixedId,
    title,
    hiringManagerId: z.optional(userId),
    /** The requisition's owner, who may not be the one who published it. */
    createdBy: userId,
  }),
  'user.roles_changed': z.object({
    userId,
    before: z.array(z.enum(STAFF_ROLES)),
    after: z.array(z.enum(STAFF_ROLES)),
  }),
  /** Booked: every participant gets a calendar invitation (METHOD:REQUEST), interviewers an inbox item too. */
  'interview.scheduled': interviewCalendar,
  /**
   * Moved, or its place or people changed: participants get the invitation again with a
   * higher SEQUENCE, and interviewers taken off the panel get a cancellation.
   */
  'interview.updated': z.extend(interviewCalendar, {
    /** The start or the length changed (not only the place or the people). */
    rescheduled: z.boolean(),
    removedInterviewerIds: z.array(userId).check(z.maxLength(10)),
  }),
  /** Called off: every participant gets a cancellation (METHOD:CANCEL). The reason stays on the interview. */
  'interview.cancelled': interviewCalendar,
  /** The tenant's lead time before the start: a reminder to every participant. */
  'interview.reminder_due': interviewCalendar,
  /**
   * No candidate name and no feedback content: the recipients read both in the app, where
   * the visibility rules apply.
   */
  'feedback.submitted': feedbackSettled,
  /** A recruiter or admin (the actor) excused an interviewer from their feedback: it is no longer waited for. */
  'feedback.excused': feedbackSettled,
  'proctoring.session_flagged': z.object({
    testSessionId: prefixedId,
    assessmentId: prefixedId,
    assessmentTitle: title,
    integrityScore: z.number().check(z.minimum(0), z.maximum(100)),
    /** A critical event counted: the notification is urgent. */
    critical: z.boolean(),
    reasons: z.array(z.string().check(z.maxLength(200))).check(z.maxLength(20)),
    /** Who reviews flagged sessions of this assessment: its recruiter. */
    reviewerIds: userIds,
  }),
  /**
   * A candidate appealed the proctoring evidence of their attempt: its reviewers read the
   * appeal beside the evidence. No candidate name and no appeal text: the review shows both
   * to those who may see them.
   */
  'proctoring.appeal_submitted': z.object({
    testSessionId: prefixedId,
    assessmentId: prefixedId,
    assessmentTitle: title,
    reviewerIds: userIds,
  }),
  'invitation.created': z.object({
    invitationId: prefixedId,
    assessmentId: prefixedId,
    assessmentTitle: title,
    candidateName: name,
    assessmentOwnerId: userId,
    hiringManagerId: z.optional(userId),
  }),
  'application.stage_changed': z.object({
    applicationId: prefixedId,
    candidateName: name,
    requisitionId: prefixedId,
    requisitionTitle: title,
    from: z.string().check(z.maxLength(50)),
    to: z.string().check(z.maxLength(50)),
    recruiterId: z.optional(userId),
    hiringManagerId: z.optional(userId),
  }),
  /**
   * No note text and no candidate name: the note may be private in tone, and the requisition
   * says enough to find it; the recipient reads the note itself in the app.
   */
  'note.mentioned': z.object({
    noteId: prefixedId,
    applicationId: prefixedId,
    requisitionId: prefixedId,
    requisitionTitle: title,
    authorId: userId,
    /** Only the users this write newly mentions, never the author. */
    mentionedUserIds: z.array(userId).check(z.minLength(1), z.maxLength(20)),
  }),
  /** Its required or nice-to-have skills changed: every applicant's match is scored again. */
  'requisition.skills_changed': z.object({ requisitionId: prefixedId, version: z.int() }),
  /** A recruiter set or cleared a candidate's skills: their matches are scored again. */
  'candidate.skills_changed': z.object({ candidateId: prefixedId }),
  /** A candidate applied: the pair's match is scored. */
  'application.created': z.object({
    applicationId: prefixedId,
    candidateId: prefixedId,
    requisitionId: prefixedId,
  }),
  /** A candidate's answers are final (they submitted, or the deadline passed): the session is scored. */
  'test_session.submitted': z.object({ testSessionId: prefixedId }),
  /**
   * A session was scored: its recruiters learn the outcome. No candidate name (the result
   * view shows it to those who may see it); the requisition and assessment say enough.
   */
  'test_session.scored': z.object({
    testSessionId: prefixedId,
    assessmentId: prefixedId,
    assessmentTitle: title,
    applicationId: z.optional(prefixedId),
    percentage: z.number().check(z.minimum(0), z.maximum(100)),
    passed: z.boolean(),
    needsReview: z.boolean(),
    /** Where the application went: the next stage, or nowhere until someone reviews it. */
    outcome: z.enum(['advanced', 'review']),
    recipientIds: userIds,
  }),
} as const;

export type EventType = keyof typeof EVENT_PAYLOADS;
export const EVENT_TYPES = Object.keys(EVENT_PAYLOADS) as EventType[];
export type EventPayload<T extends EventType> = z.output<(typeof EVENT_PAYLOADS)[T]>;

const envelope = <T extends EventType>(type: T) =>
  z.object({
    eventId: prefixedId,
    type: z.literal(type),
    tenantId: prefixedId,
    occurredAt: z.iso.datetime({ offset: true }),
    /** The user whose request caused it; absent for the system's own changes. */
    actorId: z.optional(userId),
    payload: EVENT_PAYLOADS[type],
  });

/**
 * Where the relay sends each event: most are news for people (the notifications consumer);
 * some are work for the system (the tasks consumer). Each event has exactly one consumer.
 */
export const EVENT_QUEUES = {
  'requisition.published': 'notifications',
  'user.roles_changed': 'notifications',
  'interview.scheduled': 'notifications',
  'interview.updated': 'notifications',
  'interview.cancelled': 'notifications',
  'interview.reminder_due': 'notifications',
  'feedback.submitted': 'notifications',
  'feedback.excused': 'notifications',
  'proctoring.session_flagged': 'notifications',
  'proctoring.appeal_submitted': 'notifications',
  'invitation.created': 'notifications',
  'application.stage_changed': 'notifications',
  'note.mentioned': 'notifications',
  'requisition.skills_changed': 'tasks',
  'candidate.skills_changed': 'tasks',
  'application.created': 'tasks',
  'test_session.submitted': 'tasks',
  'test_session.scored': 'notifications',
} as const satisfies Record<EventType, QueueName>;

export type NotificationEventType = {
  [T in EventType]: (typeof EVENT_QUEUES)[T] extends 'notifications' ? T : never;
}[EventType];
export type WorkEventType = Exclude<EventType, NotificationEventType>;

const notificationEnvelopes = [
  envelope('requisition.published'),
  envelope('user.roles_changed'),
  envelope('interview.scheduled'),
  envelope('interview.updated'),
  envelope('interview.cancelled'),
  envelope('interview.reminder_due'),
  envelope('feedback.submitted'),
  envelope('feedback.excused'),
  envelope('proctoring.session_flagged'),
  envelope('proctoring.appeal_submitted'),
  envelope('invitation.created'),
  envelope('application.stage_changed'),
  envelope('note.mentioned'),
  envelope('test_session.scored'),
] as const;
const workEnvelopes = [
  envelope('requisition.skills_changed'),
  envelope('candidate.skills_changed'),
  envelope('application.created'),
  envelope('test_session.submitted'),
] as const;

/** One event as it travels through the queue; anything else in the queue is a poison message. */
export const DomainEvent = z.discriminatedUnion('type', [...notificationEnvelopes, ...workEnvelopes]);
export type DomainEvent = z.output<typeof DomainEvent>;

/** What the notifications queue carries: an event of another consumer there is a poison message. */
export const NotificationEvent = z.discriminatedUnion('type', [...notificationEnvelopes]);
export type NotificationEvent = z.output<typeof NotificationEvent>;

/** The events the tasks consumer works on. */
export const WorkEvent = z.discriminatedUnion('type', [...workEnvelopes]);
export type WorkEvent = z.output<typeof WorkEvent>;
export type DomainEventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;
