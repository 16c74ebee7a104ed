import type { EventPayload } from '../events/catalogue.ts';
import type { InterviewMode, InterviewType } from './interview.model.ts';

/** What every calendar message and reminder of an interview is made of (the events' shared payload). */
export type InterviewCalendar = EventPayload<'interview.scheduled'>;

const TYPE_NAMES: Readonly<Record<InterviewType, string>> = {
  technical: 'Technical interview',
  behavioral: 'Behavioural interview',
  system_design: 'System design interview',
  coding: 'Coding interview',
  hr: 'HR interview',
  culture_fit: 'Culture fit interview',
  panel: 'Panel interview',
};

const MODE_NAMES: Readonly<Record<InterviewMode, string>> = {
  video: 'Video call',
  phone: 'Phone call',
  onsite: 'On site',
};

type Naming = Pick<InterviewCalendar, 'interviewType' | 'round' | 'requisitionTitle'>;

/** "Technical interview (round 2)". */
export const interviewKind = ({ interviewType, round }: Pick<Naming, 'interviewType' | 'round'>): string =>
  `${TYPE_NAMES[interviewType]} (round ${round})`;

/** The calendar event's title: "Technical interview (round 2): Staff Engineer". */
export const interviewTitle = (interview: Naming): string =>
  `${interviewKind(interview)}: ${interview.requisitionTitle}`;

/** "Video call", "On site", ...: how people meet. */
export const modeName = (mode: InterviewMode): string => MODE_NAMES[mode];

/** Where people meet: the place, else the link (a phone interview may name its number either way). */
export const placeOf = ({ location, meetingLink }: Pick<InterviewCalendar, 'location' | 'meetingLink'>) =>
  location ?? meetingLink;

/** The meeting link when it is a web address a calendar can open, else undefined. */
export const webLinkOf = ({ meetingLink }: Pick<InterviewCalendar, 'meetingLink'>): string | undefined => {
  if (!meetingLink) return undefined;
  try {
    const url = new URL(meetingLink);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
};

/** "1 hour 30 minutes". */
export const durationText = (minutes: number): string => {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts = [
    ...(hours ? [`${hours} hour${hours === 1 ? '' : 's'}`] : []),
    ...(rest || !hours ? [`${rest} minute${rest === 1 ? '' : 's'}`] : []),
  ];
  return parts.join(' ');
};

const format = (iso: string, zone: string, locale: string): string =>
  new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: zone,
    timeZoneName: 'long',
  }).format(new Date(iso));

/**
 * A moment as a person in `zone` reads it, naming the zone twice (its long name and its
 * IANA id), since "Eastern Time" alone is ambiguous to someone abroad. A zone or locale
 * this runtime does not know falls back to UTC in English: never a wrong time.
 */
export const timeIn = (iso: string, zone: string, locale = 'en'): string => {
  try {
    return `${format(iso, zone, locale)} (${zone})`;
  } catch {
    return `${format(iso, 'UTC', 'en')} (UTC)`;
  }
};
