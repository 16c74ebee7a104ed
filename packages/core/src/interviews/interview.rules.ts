import { ConflictError, type FieldError } from '../shared/errors.ts';
import type { InterviewItem } from './interview.entity.ts';
import { INTERVIEW_LIMITS, type InterviewMode } from './interview.model.ts';

/** The rules an interview must keep as a whole, for a booking and for every change alike. */

/** A client's clock may run a little behind ours: "now" from its point of view is still the future. */
export const CLOCK_SKEW_MS = 60_000;

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * The canonical spelling of an IANA zone (`europe/lisbon` -> `Europe/Lisbon`), which calendars
 * use as TZID; undefined for an unknown zone or a bare offset, which knows no daylight saving.
 */
export const canonicalZone = (zone: string): string | undefined => {
  try {
    const resolved = new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
    return /^[A-Za-z]/.test(resolved) ? resolved : undefined;
  } catch {
    return undefined;
  }
};

/** A new start must be ahead of now and within the booking horizon. */
export const timeProblems = (scheduledAt: string, now: string): FieldError[] => {
  const at = Date.parse(scheduledAt);
  const current = Date.parse(now);
  if (at < current - CLOCK_SKEW_MS) {
    return [{ field: 'scheduledAt', code: 'in_past', message: 'Must be in the future' }];
  }
  if (at > current + INTERVIEW_LIMITS.bookingHorizonDays * DAY_MS) {
    return [
      {
        field: 'scheduledAt',
        code: 'too_far_ahead',
        message: `At most ${INTERVIEW_LIMITS.bookingHorizonDays} days ahead`,
      },
    ];
  }
  return [];
};

/** Where people meet follows from the mode: a video call needs its link, an onsite interview its place. */
export const placeProblems = (place: {
  interviewMode: InterviewMode;
  meetingLink?: string | undefined;
  location?: string | undefined;
}): FieldError[] => {
  if (place.interviewMode === 'video' && place.meetingLink === undefined) {
    return [{ field: 'meetingLink', code: 'required', message: 'A video interview needs a meetingLink' }];
  }
  if (place.interviewMode === 'onsite' && place.location === undefined) {
    return [{ field: 'location', code: 'required', message: 'An onsite interview needs a location' }];
  }
  return [];
};

/** The lead is not also on the panel: one person, one seat, one calendar entry. */
export const panelProblems = (people: {
  interviewerId: string;
  additionalInterviewers: readonly string[];
}): FieldError[] => {
  const at = people.additionalInterviewers.indexOf(people.interviewerId);
  return at < 0
    ? []
    : [
        {
          field: `additionalInterviewers.${at}`,
          code: 'lead_on_panel',
          message: 'The lead interviewer (interviewerId) cannot also be on the panel',
        },
      ];
};

/** From when an interview can be started or declared a no-show. */
export const opensAt = (scheduledAt: string): string =>
  new Date(Date.parse(scheduledAt) - INTERVIEW_LIMITS.openBeforeStartMinutes * MINUTE_MS).toISOString();

export const isOpen = (interview: Pick<InterviewItem, 'scheduledAt'>, now: string): boolean =>
  Date.parse(now) >= Date.parse(opensAt(interview.scheduledAt));

/** Starting (or calling a no-show) hours ahead would be a mistake, not an interview. */
export const assertOpen = (interview: Pick<InterviewItem, 'scheduledAt'>, now: string, doing: string): void => {
  if (isOpen(interview, now)) return;
  const from = opensAt(interview.scheduledAt);
  throw new ConflictError(
    `An interview cannot be ${doing} before ${from}, ${INTERVIEW_LIMITS.openBeforeStartMinutes} minutes before it starts.`,
    { extensions: { opensAt: from, scheduledAt: interview.scheduledAt } },
  );
};

/** How long it really took, in whole minutes; at least one, so a quick test run still counts as held. */
export const actualDurationMinutes = (startedAt: string, endedAt: string): number =>
  Math.max(1, Math.round((Date.parse(endedAt) - Date.parse(startedAt)) / MINUTE_MS));

type Attended = Pick<
  InterviewItem,
  | 'scheduledAt'
  | 'durationMinutes'
  | 'timeZone'
  | 'candidateTimeZone'
  | 'interviewMode'
  | 'meetingLink'
  | 'location'
  | 'interviewerId'
  | 'additionalInterviewers'
>;

export interface AttendeeChange {
  /** Attendees must be told: their calendars show something else now. */
  visible: boolean;
  /** The start or the length changed. */
  rescheduled: boolean;
  /** Interviewers no longer on it, who get a cancellation. */
  removedInterviewerIds: string[];
}

/** The lead first, then the panel: the order calendars list them in. */
export const interviewersOf = (interview: Pick<Attended, 'interviewerId' | 'additionalInterviewers'>): string[] => [
  interview.interviewerId,
  ...interview.additionalInterviewers,
];

/** What a change means to the people in the interview; notes, guide, round and type are for interviewers' eyes only. */
export const attendeeChange = (before: Attended, after: Attended): AttendeeChange => {
  const rescheduled = before.scheduledAt !== after.scheduledAt || before.durationMinutes !== after.durationMinutes;
  const people = interviewersOf(after);
  const removedInterviewerIds = interviewersOf(before).filter((id) => !people.includes(id));
  const visible =
    rescheduled ||
    before.timeZone !== after.timeZone ||
    before.candidateTimeZone !== after.candidateTimeZone ||
    before.interviewMode !== after.interviewMode ||
    before.meetingLink !== after.meetingLink ||
    before.location !== after.location ||
    interviewersOf(before).join() !== people.join();
  return { visible, rescheduled, removedInterviewerIds };
};
