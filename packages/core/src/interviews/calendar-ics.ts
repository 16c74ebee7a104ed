import ical, {
  type ICalAttendeeData,
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalAttendeeType,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';
import {
  type InterviewCalendar,
  interviewKind,
  interviewTitle,
  modeName,
  placeOf,
  webLinkOf,
} from './calendar-text.ts';
import { calendarZone, isAmbiguousWallTime, zonedTime } from './calendar-zone.ts';
import { calendarUid, endOf, type ParticipantRole } from './interview.model.ts';

/**
 * What a calendar message does to the recipient's copy of the event:
 * - invite: adds it, or replaces it with this SEQUENCE (METHOD:REQUEST, STATUS:CONFIRMED);
 * - cancel: the whole interview is called off (METHOD:CANCEL, STATUS:CANCELLED);
 * - uninvite: only the attendees named are taken off it (METHOD:CANCEL without STATUS,
 *   as RFC 5546 3.2.5 asks, since the event itself goes on).
 */
export type CalendarMessage = 'invite' | 'cancel' | 'uninvite';

export interface CalendarPerson {
  name: string;
  email: string;
}

export interface CalendarAttendee extends CalendarPerson {
  role: ParticipantRole;
}

export interface InterviewCalendarInput {
  message: CalendarMessage;
  interview: InterviewCalendar;
  /** The product's sender address, with the name of who booked the interview. */
  organizer: CalendarPerson;
  /** Everyone on the interview (invite, cancel), or only those taken off it (uninvite). */
  attendees: readonly CalendarAttendee[];
  /** DTSTAMP: when this message was made. */
  stamp: string;
}

/** A calendar to attach to an email: text/calendar with this METHOD. */
export interface CalendarAttachment {
  method: 'REQUEST' | 'CANCEL';
  ics: string;
}

const PRODUCT_ID = { company: 'Assist-Ten', product: 'Interviews', language: 'EN' } as const;

const ROLES: Readonly<Record<ParticipantRole, ICalAttendeeRole>> = {
  lead: ICalAttendeeRole.CHAIR,
  panel: ICalAttendeeRole.REQ,
  candidate: ICalAttendeeRole.REQ,
};

/** RSVP is off: replies would go to the product's no-reply sender, where nobody reads them. */
const attendeeOf = ({ name, email, role }: CalendarAttendee): ICalAttendeeData => ({
  name,
  email,
  role: ROLES[role],
  status: ICalAttendeeStatus.NEEDSACTION,
  type: ICalAttendeeType.INDIVIDUAL,
  rsvp: false,
});

/** The zone the times are written in, or undefined for UTC: also when one falls in the hour clocks repeat. */
const localZoneFor = (timeZone: string, instants: readonly string[]) => {
  const zone = calendarZone(timeZone);
  return zone && !instants.some((instant) => isAmbiguousWallTime(instant, zone.tzid)) ? zone : undefined;
};

/** What the event's body says: the link or the place, never the interviewers' notes or questions. */
const descriptionOf = (interview: InterviewCalendar, message: CalendarMessage): string => {
  const link = webLinkOf(interview);
  const place = placeOf(interview);
  return [
    ...(message === 'cancel' ? ['This interview is cancelled.'] : []),
    ...(message === 'uninvite' ? ['You are no longer on this interview.'] : []),
    `${interviewKind(interview)} for ${interview.requisitionTitle}.`,
    ...(interview.interviewMode === 'video' && link ? [`Join the video call: ${link}`] : []),
    ...(place && !(interview.interviewMode === 'video' && place === interview.meetingLink)
      ? [`${modeName(interview.interviewMode)}: ${place}`]
      : []),
  ].join('\n');
};

/**
 * The calendar of one message about one interview: one VEVENT whose UID is the interview's
 * for its whole life and whose SEQUENCE is the event's, so each message replaces the
 * recipient's copy. Times carry the interview's zone (TZID) with its VTIMEZONE, or UTC.
 * Pure: the same input gives the same text.
 */
export const interviewCalendar = ({
  message,
  interview,
  organizer,
  attendees,
  stamp,
}: InterviewCalendarInput): CalendarAttachment => {
  const method = message === 'invite' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL;
  const end = endOf(interview.scheduledAt, interview.durationMinutes);
  const zone = localZoneFor(interview.timeZone, [interview.scheduledAt, end]);
  const calendar = ical({ prodId: PRODUCT_ID, method });
  if (zone) calendar.timezone({ name: null, generator: () => zone.vtimezone });
  const link = webLinkOf(interview);
  calendar.createEvent({
    id: calendarUid(interview.interviewId),
    sequence: interview.sequence,
    stamp: new Date(stamp),
    start: zone ? zonedTime(interview.scheduledAt, zone.tzid) : new Date(interview.scheduledAt),
    end: zone ? zonedTime(end, zone.tzid) : new Date(end),
    timezone: zone?.tzid ?? null,
    summary: interviewTitle(interview),
    description: descriptionOf(interview, message),
    location: placeOf(interview) ?? null,
    url: link ?? null,
    organizer: { name: organizer.name, email: organizer.email },
    attendees: attendees.map(attendeeOf),
    status: message === 'invite' ? ICalEventStatus.CONFIRMED : message === 'cancel' ? ICalEventStatus.CANCELLED : null,
  });
  return { method, ics: calendar.toString() };
};
