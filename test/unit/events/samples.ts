import type { DomainEvent, EventPayload } from '@assist-ten/core/events/catalogue';
import { newId } from '@assist-ten/core/shared/ids';

/** One user id per role an event names, so a test can tell recipients apart. */
export const people = {
  actor: 'usr_01JDEM00000000000000000A01',
  owner: 'usr_01JDEM00000000000000000A02',
  manager: 'usr_01JDEM00000000000000000A03',
  interviewerA: 'usr_01JDEM00000000000000000A04',
  interviewerB: 'usr_01JDEM00000000000000000A05',
  reviewer: 'usr_01JDEM00000000000000000A06',
} as const;

const envelope = { tenantId: 'tnt_01JDEM00000000000000000001', occurredAt: '2026-11-24T10:00:00.000Z' };
const id = 'int_01JDEM00000000000000000001';

/**
 * The calendar facts every interview event carries: a video interview of the lead
 * (interviewerA) and the panel (interviewerB) booked by `people.owner`, 14:30 UTC on
 * 1 December 2026, planned in Lisbon for a candidate in New York.
 */
export const interviewCalendar = (
  overrides: Partial<EventPayload<'interview.scheduled'>> = {},
): EventPayload<'interview.scheduled'> => ({
  interviewId: id,
  sequence: 0,
  candidateId: 'cand_01JDEM00000000000000000001',
  applicationId: 'app_01JDEM00000000000000000001',
  requisitionId: 'req_01JDEM00000000000000000001',
  requisitionTitle: 'Staff Engineer',
  interviewType: 'technical',
  interviewMode: 'video',
  round: 2,
  scheduledAt: '2026-12-01T14:30:00.000Z',
  durationMinutes: 60,
  timeZone: 'Europe/Lisbon',
  candidateTimeZone: 'America/New_York',
  meetingLink: 'https://meet.example.test/abc-defg-hij',
  interviewerIds: [people.interviewerA, people.interviewerB],
  organizerId: people.owner,
  ...overrides,
});

/** A valid event of every type of the catalogue, caused by `people.actor`. */
export const sampleEvents = (): DomainEvent[] => [
  {
    ...envelope,
    eventId: newId('event'),
    actorId: people.actor,
    type: 'requisition.published',
    payload: {
      requisitionId: newId('requisition'),
      title: 'Staff Engineer',
      createdBy: people.owner,
      hiringManagerId: people.manager,
    },
  },
  {
    ...envelope,
    eventId: newId('event'),
    actorId: people.actor,
    type: 'user.roles_changed',
    payload: { userId: people.owner, before: ['recruiter'], after: ['admin', 'recruiter'] },
  },
  {
    ...envelope,
    eventId: newId('event'),
    actorId: people.actor,
    type: 'interview.scheduled',
    // The organiser booked themselves onto the panel.
    payload: interviewCalendar({
      interviewerIds: [people.interviewerA, people.interviewerB, people.actor],
      organizerId: people.actor,
    }),
  },
  {
    ...envelope,
    eventId: newId('event'),
    actorId: people.actor,
    type: 'interview.updated',
    payload: {
      ...interviewCalendar({
        sequence: 1,
        scheduledAt: '2026-12-02T09:00:00.000Z',
        interviewerIds: [people.interviewerA],
      }),
      rescheduled: true,
      removedInterviewerIds: [people.interviewerB],
    },
  },
  {
    ...envelope,
    eventId: newId('event'),
    actorId: people.actor,
    type: 'interview.cancelled',
    payload: interviewCalendar({ sequence: 2 }),
  },
  {
    ...envelope,
    eventId: newId('event'),
    type: 'interview.reminder_due',
    payload: interviewCalendar(),
  },
  {
    ...envelope,
    eventId: newId('event'),
    actorId: people.interviewerA,
    type: 'feedback.submitted',
    payload: {
      feedbackId: 'fb_01JDEM00000000000000000001',
      interviewId: id,
      applicationId: 'app_01JDEM00000000000000000001',
      requisitionTitle: 'Staff Engineer',
      round: 2,
      interviewerId: people.interviewerA,
      organizerId: people.owner,
      hiringManagerId: people.manager,
      allSubmitted: false,
    },
  },
  {
    ...envelope,
    eventId: newId('event'),
    actorId: people.owner,
    type: 'feedback.excused',
    payload: {
      feedbackId: 'fb_01JDEM00000000000000000002',
      interviewId: id,
      applicationId: 'app_01JDEM00000000000000000001',
      requisitionTitle: 'Staff Engineer',
      round: 2,
      interviewerId: people.interviewerB,
      organizerId: people.owner,
      hiringManagerId: people.manager,
      allSubmitted: true,
    },
  },
  {
    ...envelope,
    eventId: newId('event'),
    type: 'proctoring.session_flagged',
    payload: {
      testSessionId: 'ts_01JDEM00000000000000000001',
      assessmentId: 'asmt_01JDEM00000000000000000001',
      assessmentTitle: 'TypeScript basics',
      integrityScore: 42,
      critical: false,
      reasons: ['7 tab switches (3 high, 4 medium): −46', '1 multiple faces detected (1 critical): −25'],
      reviewerIds: [people.reviewer, people.owner],
    },
  },
  {
    ...envelope,
    eventId: newId('event'),
    actorId: people.actor,
    type: 'proctoring.appeal_submitted',
    payload: {
      testSessionId: 'tses_01JDEM00000000000000000001',
      assessmentId: 'asmt_01JDEM00000000000000000001',
      assessmentTitle: 'TypeScript basics',
      reviewerIds: [people.reviewer],
    },
  },
  {
    ...envelope,
    eventId: newId('event'),
    actorId: people.actor,
    type: 'invitation.created',
    payload: {
      invitationId: 'inv_01JDEM00000000000000000001',
      assessmentId: 'asm_01JDEM00000000000000000001',
      assessmentTitle: 'TypeScript basics',
      candidateName: 'Ada Lovelace',
      assessmentOwnerId: people.owner,
      hiringManagerId: people.manager,
    },
  },
  {
    ...envelope,
    eventId: newId('event'),
    actorId: people.actor,
    type: 'application.stage_changed',
    payload: {
      applicationId: 'app_01JDEM00000000000000000001',
      candidateName: 'Ada Lovelace',
      requisitionId: newId('requisition'),
      requisitionTitle: 'Staff Engineer',
      from: 'screening',
      to: 'interview',
      recruiterId: people.owner,
      hiringManagerId: people.manager,
    },
  },
  {
    ...envelope,
    eventId: newId('event'),
    actorId: people.actor,
    type: 'note.mentioned',
    payload: {
      noteId: 'note_01JDEM00000000000000000001',
      applicationId: 'app_01JDEM00000000000000000001',
      requisitionId: newId('requisition'),
      requisitionTitle: 'Staff Engineer',
      authorId: people.actor,
      mentionedUserIds: [people.owner, people.manager],
    },
  },
  {
    ...envelope,
    eventId: newId('event'),
    actorId: people.actor,
    type: 'requisition.skills_changed',
    payload: { requisitionId: newId('requisition'), version: 3 },
  },
  {
    ...envelope,
    eventId: newId('event'),
    actorId: people.actor,
    type: 'candidate.skills_changed',
    payload: { candidateId: newId('candidate') },
  },
  {
    ...envelope,
    eventId: newId('event'),
    actorId: people.actor,
    type: 'application.created',
    payload: {
      applicationId: newId('application'),
      candidateId: newId('candidate'),
      requisitionId: newId('requisition'),
    },
  },
  {
    ...envelope,
    eventId: newId('event'),
    actorId: people.actor,
    type: 'test_session.submitted',
    payload: { testSessionId: newId('testSession') },
  },
  {
    ...envelope,
    eventId: newId('event'),
    type: 'test_session.scored',
    payload: {
      testSessionId: newId('testSession'),
      assessmentId: newId('assessment'),
      assessmentTitle: 'Front-end screen',
      applicationId: newId('application'),
      percentage: 72.5,
      passed: true,
      needsReview: true,
      outcome: 'review',
      recipientIds: [people.actor],
    },
  },
];
