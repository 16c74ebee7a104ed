import { openContact } from '../candidates/candidate.crypto.ts';
import { loadCandidate } from '../candidates/candidate.service.ts';
import type { DomainEventOf, NotificationEvent } from '../events/catalogue.ts';
import type { UserItem } from '../identity/user.entity.ts';
import {
  type CalendarAttachment,
  type CalendarAttendee,
  type CalendarMessage,
  interviewCalendar,
} from '../interviews/calendar-ics.ts';
import { type InterviewCalendar, interviewKind, timeIn } from '../interviews/calendar-text.ts';
import { type ParticipantNews, renderCandidateEmail, renderInterviewerEmail } from './email/calendar-email.ts';
import { actionLink } from './email/links.ts';
import { renderOptionsFromEnv } from './email/render.ts';
import { addressOf, type EmailMessage, emailFromEnv } from './email/sender.ts';
import { type EmailOnceOutcome, emailOnce } from './email-once.ts';
import type { NotificationDraft } from './rules.ts';

/** The events whose participants get an email of their own: a calendar message, or the candidate's reminder. */
export const PARTICIPANT_EVENT_TYPES = [
  'interview.scheduled',
  'interview.updated',
  'interview.cancelled',
  'interview.reminder_due',
] as const;
export type ParticipantEvent = DomainEventOf<(typeof PARTICIPANT_EVENT_TYPES)[number]>;

export const isParticipantEvent = (event: NotificationEvent): event is ParticipantEvent =>
  (PARTICIPANT_EVENT_TYPES as readonly string[]).includes(event.type);

/** What the participants' emails of one event came to, for the consumer's log line. Ids only. */
export interface ParticipantReport {
  emailed: number;
  /** Deactivated or unknown interviewers, and a candidate who was erased. */
  skipped: number;
  /** User or candidate ids whose email the provider refused for good. */
  undeliverable: string[];
}

interface Candidate {
  candidateId: string;
  name: string;
  email: string;
}

/** The candidate and their address in clear, or undefined once erased: nothing is sent to a person who is gone. */
const candidateOf = async (tenantId: string, candidateId: string): Promise<Candidate | undefined> => {
  const item = await loadCandidate(tenantId, candidateId);
  if (!item) return undefined;
  return { candidateId, name: item.fullName, email: (await openContact(item)).email };
};

/** The users a participant event's emails name: its interviewers, those taken off, its organiser. */
export const participantUserIds = (event: ParticipantEvent): string[] => [
  ...event.payload.interviewerIds,
  ...(event.type === 'interview.updated' ? event.payload.removedInterviewerIds : []),
  event.payload.organizerId,
];

const newsOf = (event: ParticipantEvent): Exclude<ParticipantNews, 'removed'> => {
  switch (event.type) {
    case 'interview.scheduled':
      return 'scheduled';
    case 'interview.updated':
      return event.payload.rescheduled ? 'rescheduled' : 'updated';
    case 'interview.cancelled':
      return 'cancelled';
    case 'interview.reminder_due':
      return 'reminder';
  }
};

const calendarMessageOf = (event: Exclude<ParticipantEvent, { type: 'interview.reminder_due' }>): CalendarMessage =>
  event.type === 'interview.cancelled' ? 'cancel' : 'invite';

const tally = (report: ParticipantReport, participantId: string, outcome: EmailOnceOutcome): void => {
  if (outcome === 'sent') report.emailed++;
  if (outcome === 'undeliverable') report.undeliverable.push(participantId);
};

/** The claim of one participant's email of one event: `<eventId>:<participantId>:<kind>`. */
const claimFor = (event: ParticipantEvent, participantId: string, kind: 'calendar' | 'reminder') => ({
  tenantId: event.tenantId,
  key: `${event.eventId}:${participantId}:${kind}`,
  fingerprint: event.type,
});

const tagsOf = (event: ParticipantEvent) => ({ eventType: event.type.replace('.', '_'), tenantId: event.tenantId });

/** The calendar messages of a booking, a change or a cancellation, to interviewers and candidate. */
const sendCalendars = async (
  event: Exclude<ParticipantEvent, { type: 'interview.reminder_due' }>,
  message: CalendarMessage,
  draft: NotificationDraft,
  tenantName: string,
  candidate: Candidate | undefined,
  users: ReadonlyMap<string, UserItem>,
  report: ParticipantReport,
): Promise<void> => {
  const { payload } = event;
  const news = newsOf(event);
  const removedIds = event.type === 'interview.updated' ? event.payload.removedInterviewerIds : [];
  const active = (userId: string): UserItem[] => {
    const user = users.get(userId);
    return user?.status === 'active' ? [user] : [];
  };
  const interviewers = payload.interviewerIds.flatMap(active);
  const removed = removedIds.flatMap(active);
  report.skipped += payload.interviewerIds.length + removedIds.length - interviewers.length - removed.length;

  const organizer = {
    // A calendar's organiser must be reachable: the product's address, named after who booked it.
    name: users.get(payload.organizerId)?.name ?? tenantName,
    email: addressOf(emailFromEnv()),
  };
  const attendees: CalendarAttendee[] = [
    ...interviewers.map((user) => ({
      name: user.name,
      email: user.email,
      role: user.userId === payload.interviewerIds[0] ? ('lead' as const) : ('panel' as const),
    })),
    ...(candidate ? [{ name: candidate.name, email: candidate.email, role: 'candidate' as const }] : []),
  ];
  const calendarOf = (kind: CalendarMessage, to: readonly CalendarAttendee[]): CalendarAttachment =>
    // Stamped with the event's time, so a redelivery builds the very same calendar.
    interviewCalendar({ message: kind, interview: payload, organizer, attendees: to, stamp: event.occurredAt });
  const shared = calendarOf(message, attendees);
  const link = actionLink(renderOptionsFromEnv().frontend, draft.actionUrl);

  const toInterviewer = (user: UserItem, userNews: ParticipantNews, calendar: CalendarAttachment) =>
    emailOnce(
      claimFor(event, user.userId, 'calendar'),
      (): EmailMessage => ({
        to: user.email,
        ...renderInterviewerEmail({
          news: userNews,
          interview: payload,
          tenantName,
          recipient: { name: user.name, timeZone: user.timezone, locale: user.locale },
          notice: userNews === 'removed' ? removedNotice(payload, user) : draft.content(user),
          link,
        }),
        calendar,
        tags: tagsOf(event),
      }),
    ).then((outcome) => tally(report, user.userId, outcome));

  const toCandidate = (person: Candidate) =>
    emailOnce(claimFor(event, person.candidateId, 'calendar'), () => ({
      to: person.email,
      ...renderCandidateEmail({ news, interview: payload, tenantName, candidateName: person.name }),
      calendar: shared,
      tags: tagsOf(event),
    })).then((outcome) => tally(report, person.candidateId, outcome));

  await Promise.all([
    ...interviewers.map((user) => toInterviewer(user, news, shared)),
    ...removed.map((user) =>
      toInterviewer(user, 'removed', calendarOf('uninvite', [{ name: user.name, email: user.email, role: 'panel' }])),
    ),
    ...(candidate ? [toCandidate(candidate)] : []),
  ]);
};

/**
 * The emails an interview's change sends its participants besides the notifications:
 * - scheduled, updated, cancelled: a calendar message to every interviewer (their copy of
 *   the notification, times in their zone) and to the candidate (times in the candidate's
 *   zone), one UID for the interview's life and the event's SEQUENCE; interviewers taken
 *   off the panel get a cancellation of their own;
 * - reminder due: the candidate's reminder (the interviewers' comes from the rules).
 * Sent to participants whatever their notification preferences (it is the booking itself),
 * once per event and participant, and never to a deactivated user or an erased candidate.
 */
export const emailParticipants = async (
  event: ParticipantEvent,
  draft: NotificationDraft,
  tenantName: string,
  /** At least the users of `participantUserIds(event)` that exist, read once with the event's recipients. */
  users: ReadonlyMap<string, UserItem>,
): Promise<ParticipantReport> => {
  const report: ParticipantReport = { emailed: 0, skipped: 0, undeliverable: [] };
  const candidate = await candidateOf(event.tenantId, event.payload.candidateId);
  if (!candidate) report.skipped++;
  if (event.type !== 'interview.reminder_due') {
    await sendCalendars(event, calendarMessageOf(event), draft, tenantName, candidate, users, report);
    return report;
  }
  if (candidate) {
    const outcome = await emailOnce(claimFor(event, candidate.candidateId, 'reminder'), () => ({
      to: candidate.email,
      ...renderCandidateEmail({
        news: 'reminder',
        interview: event.payload,
        tenantName,
        candidateName: candidate.name,
      }),
      tags: tagsOf(event),
    }));
    tally(report, candidate.candidateId, outcome);
  }
  return report;
};

/** What an interviewer taken off the panel reads: the interview goes on without them. */
const removedNotice = (interview: InterviewCalendar, user: UserItem) => ({
  title: `Removed from an interview: ${interview.requisitionTitle}`,
  message: `You are no longer on the ${interviewKind(interview)} for "${interview.requisitionTitle}" on ${timeIn(interview.scheduledAt, user.timezone, user.locale)}.`,
});
