import ICAL from 'ical.js';

/** One ATTENDEE as a calendar client reads it. */
export interface ReadAttendee {
  email: string;
  name: string;
  role: string;
}

/** A calendar as a client reads it: the method, the one event, its times as instants. */
export interface ReadCalendar {
  method: string;
  uid: string;
  sequence: number;
  status: string | null;
  summary: string;
  description: string;
  location: string | null;
  url: string | null;
  /** The TZID of DTSTART, null for a UTC time. */
  tzid: string | null;
  /** The TZIDs of the calendar's VTIMEZONEs. */
  timezones: string[];
  start: string;
  end: string;
  stamp: string;
  organizer: { email: string; name: string };
  attendees: ReadAttendee[];
}

const mailbox = (value: unknown): string => String(value).replace(/^mailto:/i, '');

const parameter = (property: ICAL.Property, name: string): string => {
  const value = property.getParameter(name);
  return Array.isArray(value) ? String(value[0] ?? '') : String(value ?? '');
};

/**
 * Parses an iCalendar text with ical.js, a library that did not write it, resolving each
 * time through the calendar's own VTIMEZONE (as a client would), never the runtime's zones.
 */
export const readCalendar = (ics: string): ReadCalendar => {
  const root = new ICAL.Component(ICAL.parse(ics));
  const vtimezones = root.getAllSubcomponents('vtimezone');
  for (const vtimezone of vtimezones) ICAL.TimezoneService.register(vtimezone);
  const events = root.getAllSubcomponents('vevent');
  if (events.length !== 1) throw new Error(`Expected one VEVENT, found ${events.length}`);
  const vevent = events[0] as ICAL.Component;
  const event = new ICAL.Event(vevent);
  const dtstart = vevent.getFirstProperty('dtstart');
  const organizer = vevent.getFirstProperty('organizer');
  if (!dtstart || !organizer) throw new Error('The event has no DTSTART or ORGANIZER');
  const tzid = dtstart.getParameter('tzid');
  const text = (name: string): string | null => {
    const value = vevent.getFirstPropertyValue(name);
    return value === null ? null : String(value);
  };
  return {
    method: String(root.getFirstPropertyValue('method')),
    uid: event.uid,
    sequence: event.sequence,
    status: text('status'),
    summary: event.summary,
    description: event.description,
    location: text('location'),
    url: text('url'),
    tzid: tzid === undefined || tzid === null ? null : String(tzid),
    timezones: vtimezones.map((vtimezone) => String(vtimezone.getFirstPropertyValue('tzid'))),
    start: event.startDate.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
    stamp: (vevent.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate().toISOString(),
    organizer: { email: mailbox(organizer.getFirstValue()), name: parameter(organizer, 'cn') },
    attendees: vevent.getAllProperties('attendee').map((attendee) => ({
      email: mailbox(attendee.getFirstValue()),
      name: parameter(attendee, 'cn'),
      role: parameter(attendee, 'role'),
    })),
  };
};

const decodeQuotedPrintable = (value: string): string =>
  Buffer.from(
    value
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

const decodePart = (encoding: string | undefined, body: string): string => {
  switch (encoding?.toLowerCase()) {
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    case 'base64':
      return Buffer.from(body, 'base64').toString('utf8');
    default:
      return body;
  }
};

/** The parts of a MIME message (nested multiparts flattened): their content type and decoded body. */
export const mimeParts = (raw: string): { contentType: string; disposition: string; body: string }[] => {
  const parts: { contentType: string; disposition: string; body: string }[] = [];
  for (const chunk of raw.split(/\r?\n--[^\r\n]+/)) {
    const split = chunk.search(/\r?\n\r?\n/);
    if (split < 0) continue;
    const head = chunk.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
    const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'mi').exec(head)?.[1]?.trim();
    const contentType = header('Content-Type');
    if (!contentType || contentType.startsWith('multipart/')) continue;
    const body = chunk.slice(split).replace(/^\r?\n\r?\n/, '');
    parts.push({
      contentType,
      disposition: header('Content-Disposition') ?? '',
      body: decodePart(header('Content-Transfer-Encoding'), body),
    });
  }
  return parts;
};

/** The text/calendar alternative of an email and its METHOD parameter, or undefined when it has none. */
export const calendarPartOf = (raw: string): { method: string; ics: string } | undefined => {
  const part = mimeParts(raw).find((candidate) => candidate.contentType.startsWith('text/calendar'));
  if (!part) return undefined;
  const method = /method=([A-Z]+)/i.exec(part.contentType)?.[1] ?? '';
  return { method, ics: part.body };
};

/** The plain-text alternative of an email. */
export const textPartOf = (raw: string): string =>
  mimeParts(raw).find((part) => part.contentType.startsWith('text/plain'))?.body ?? '';
