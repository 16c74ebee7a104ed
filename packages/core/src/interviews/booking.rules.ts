import type { InterviewItem } from './interview.entity.ts';
import { INTERVIEW_LIMITS, type InterviewStatus, occupiesTime, type ParticipantRole } from './interview.model.ts';

/** The pure half of booking: who sits in an interview, whose time a write claims, what overlaps. */

/** A span of time, [scheduledAt, endsAt): an interview ending at 11:00 leaves 11:00 free. */
export interface Slot {
  scheduledAt: string;
  endsAt: string;
}

export interface Participant {
  participantId: string;
  role: ParticipantRole;
}

/** What the overlap check reads of a participant's calendar entry. */
export interface BookedEntry extends Slot {
  interviewId: string;
  status: InterviewStatus;
}

export interface Conflict extends Slot {
  participantId: string;
  role: ParticipantRole;
  interviewId: string;
}

type People = Pick<InterviewItem, 'interviewerId' | 'additionalInterviewers' | 'candidateId'>;

/** The lead, the panel, then the candidate: each gets a calendar entry. */
export const participantsOf = (interview: People): Participant[] => [
  { participantId: interview.interviewerId, role: 'lead' },
  ...interview.additionalInterviewers.map((participantId) => ({ participantId, role: 'panel' as const })),
  { participantId: interview.candidateId, role: 'candidate' },
];

export const overlaps = (a: Slot, b: Slot): boolean =>
  Date.parse(a.scheduledAt) < Date.parse(b.endsAt) && Date.parse(b.scheduledAt) < Date.parse(a.endsAt);

/**
 * Where a participant's entries that could overlap `slot` start: no interview is longer than
 * the longest allowed, so one starting earlier has ended by the slot's start.
 */
export const lookbackFrom = (slot: Slot): string =>
  new Date(Date.parse(slot.scheduledAt) - INTERVIEW_LIMITS.durationMinutes.max * 60_000).toISOString();

/** The entries that keep `slot` from being booked for interview `interviewId`: its own never do. */
export const conflictingEntries = <E extends BookedEntry>(
  entries: readonly E[],
  slot: Slot,
  interviewId: string,
): E[] =>
  entries.filter((entry) => entry.interviewId !== interviewId && occupiesTime(entry.status) && overlaps(entry, slot));

type Booked = People & Pick<InterviewItem, 'scheduledAt' | 'durationMinutes'>;

/**
 * Whose time a write claims, so whose calendar it must check and lock: everyone on a new
 * interview or one that moved or changed length; otherwise only people new to it (someone
 * already in it keeps the time they hold, whatever their seat).
 */
export const claimedParticipants = (before: Booked | undefined, after: Booked): Participant[] => {
  const everyone = participantsOf(after);
  if (!before || before.scheduledAt !== after.scheduledAt || before.durationMinutes !== after.durationMinutes) {
    return everyone;
  }
  const seated = new Set(participantsOf(before).map((participant) => participant.participantId));
  return everyone.filter((participant) => !seated.has(participant.participantId));
};

const HOLDER: Record<ParticipantRole, string> = {
  lead: 'The lead interviewer',
  panel: 'A panel interviewer',
  candidate: 'The candidate',
};

/** The 409's detail: who is busy, and when. */
export const describeConflicts = (conflicts: readonly Conflict[]): string =>
  conflicts
    .map(
      (conflict) =>
        `${HOLDER[conflict.role]} (${conflict.participantId}) is already booked from ${conflict.scheduledAt} to ${conflict.endsAt} (interview ${conflict.interviewId}).`,
    )
    .join(' ');
