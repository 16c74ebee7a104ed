import type { TransitionTable } from '../shared/state-machine.ts';

/** The vocabulary of interviews, shared by their entities, schemas, rules, calendar and reminders. */

export const INTERVIEW_TYPES = [
  'technical',
  'behavioral',
  'system_design',
  'coding',
  'hr',
  'culture_fit',
  'panel',
] as const;
export type InterviewType = (typeof INTERVIEW_TYPES)[number];

export const INTERVIEW_MODES = ['video', 'phone', 'onsite'] as const;
export type InterviewMode = (typeof INTERVIEW_MODES)[number];

export const INTERVIEW_STATUSES = ['scheduled', 'in_progress', 'completed', 'cancelled', 'no_show'] as const;
export type InterviewStatus = (typeof INTERVIEW_STATUSES)[number];

/** scheduled -> in_progress -> completed; scheduled -> cancelled | no_show. */
export const INTERVIEW_TRANSITIONS: TransitionTable<InterviewStatus> = {
  scheduled: ['in_progress', 'cancelled', 'no_show'],
  in_progress: ['completed'],
  completed: [],
  cancelled: [],
  no_show: [],
};

/** A cancelled interview frees its time; every other status keeps it (a no-show still took the slot). */
export const occupiesTime = (status: InterviewStatus): boolean => status !== 'cancelled';

/**
 * Who sits in an interview. Each has a calendar entry, and no two of one participant's
 * entries may overlap: interviewers (the lead and the panel) and the candidate alike.
 */
export const PARTICIPANT_ROLES = ['lead', 'panel', 'candidate'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export const INTERVIEW_LIMITS = {
  durationMinutes: { min: 15, max: 480 },
  /** A panel of ten in all: the booking transaction writes an entry and a calendar lock per participant. */
  additionalInterviewers: 9,
  round: { min: 1, max: 20 },
  /** An interview can be started (or declared a no-show) this long before its start, never earlier. */
  openBeforeStartMinutes: 30,
  /** How far ahead an interview may be booked. */
  bookingHorizonDays: 366,
  questionGuide: 50,
  questionLength: 1_000,
  notesLength: 5_000,
  cancelReasonLength: 1_000,
  meetingLinkLength: 2_000,
  locationLength: 500,
} as const;

/** The value of a sparse index's key attribute when the item is not in that index. */
export const NOT_INDEXED = 'none';

/**
 * Pending reminders are spread over this many partitions of the reminder index, so a
 * tenant booking a day of interviews at once does not write to one partition.
 */
export const REMINDER_SHARDS = 4;

/** The calendar UID of an interview: stable for its life, so every update replaces the same event. */
export const calendarUid = (interviewId: string): string => `${interviewId}@assist-ten`;

export const endOf = (scheduledAt: string, durationMinutes: number): string =>
  new Date(Date.parse(scheduledAt) + durationMinutes * 60_000).toISOString();

/**
 * When the reminder goes out: the tenant's lead time before the start, or none when that
 * moment has passed (the invitation that was just sent is reminder enough).
 */
export const reminderTime = (scheduledAt: string, leadMinutes: number, now: string): string | undefined => {
  const at = Date.parse(scheduledAt) - leadMinutes * 60_000;
  return at > Date.parse(now) ? new Date(at).toISOString() : undefined;
};
