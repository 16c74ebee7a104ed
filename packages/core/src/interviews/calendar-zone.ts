import type {
  ICalTemporalInstantStub,
  ICalTemporalPlainDateStub,
  ICalTemporalPlainDateTimeStub,
  ICalTemporalZonedDateTimeStub,
} from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';

/** A time zone as a calendar names it: the TZID its times carry and the VTIMEZONE that defines it. */
export interface CalendarZone {
  tzid: string;
  vtimezone: string;
}

/** What the VTIMEZONE library calls the zones that are UTC by another name. */
const UTC_TZIDS = new Set(['Etc/UTC', 'Etc/GMT']);

const knownToRuntime = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/**
 * The calendar form of an IANA zone, or undefined when its times are best written in UTC:
 * UTC itself, or a zone the VTIMEZONE library or this runtime does not know (a UTC time is
 * never wrong, only less friendly). Aliases resolve to their canonical TZID (US/Eastern ->
 * America/New_York), so the TZID of a time always names the VTIMEZONE beside it.
 */
export const calendarZone = (zone: string): CalendarZone | undefined => {
  // Checked first: the library reports a zone it does not know on the console.
  if (!knownToRuntime(zone)) return undefined;
  const block = tzlib_get_ical_block(zone);
  if (!Array.isArray(block)) return undefined;
  const [vtimezone, tzidParameter] = block;
  const tzid = tzidParameter?.replace(/^TZID=/, '');
  if (!vtimezone || !tzid || UTC_TZIDS.has(tzid) || !knownToRuntime(tzid)) return undefined;
  return { tzid, vtimezone };
};

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterIn = (zone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
};

/** The date and time a clock on the wall of `zone` shows at an instant. */
const wallClockAt = (epochMilliseconds: number, zone: string): WallClock => {
  const parts = formatterIn(zone).formatToParts(new Date(epochMilliseconds));
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((candidate) => candidate.type === type)?.value);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
  };
};

/** The shifts of the world's clock changes: 30 minutes (Lord Howe), an hour, two (Troll). */
const CLOCK_SHIFTS_MINUTES = [30, 60, 120];

const sameWallClock = (a: WallClock, b: WallClock): boolean =>
  a.year === b.year &&
  a.month === b.month &&
  a.day === b.day &&
  a.hour === b.hour &&
  a.minute === b.minute &&
  a.second === b.second;

/**
 * Whether the wall time of an instant happens twice that night: the hour repeated when
 * clocks go back. RFC 5545 (3.3.5) reads such a local time as its first occurrence, but
 * clients differ (ical.js takes the second), so either occurrence is written in UTC instead.
 */
export const isAmbiguousWallTime = (instant: string, zone: string): boolean => {
  const at = Date.parse(instant);
  const wall = wallClockAt(at, zone);
  return CLOCK_SHIFTS_MINUTES.some(
    (minutes) =>
      sameWallClock(wallClockAt(at - minutes * 60_000, zone), wall) ||
      sameWallClock(wallClockAt(at + minutes * 60_000, zone), wall),
  );
};

const pad = (value: number, length = 2): string => String(value).padStart(length, '0');

const plainDateOf = (wall: WallClock): ICalTemporalPlainDateStub => {
  const text = `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
  return { year: wall.year, month: wall.month, day: wall.day, toJSON: () => text, toString: () => text };
};

const plainDateTimeOf = (wall: WallClock, epochMilliseconds: number, zone: string): ICalTemporalPlainDateTimeStub => {
  const text = `${plainDateOf(wall).toString()}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`;
  return {
    ...wall,
    toJSON: () => text,
    toString: () => text,
    toPlainDate: () => plainDateOf(wall),
    toZonedDateTime: (other) => {
      // The generator only ever formats a wall time; reading it as another zone's would move the instant.
      if (other !== zone) throw new Error(`A wall time of ${zone} cannot be read as one of ${other}`);
      return zonedTime(epochMilliseconds, zone);
    },
  };
};

const instantOf = (epochMilliseconds: number): ICalTemporalInstantStub => {
  const text = new Date(epochMilliseconds).toISOString();
  return {
    epochMilliseconds,
    toJSON: () => text,
    toString: () => text,
    toZonedDateTimeISO: (zone) => zonedTime(epochMilliseconds, zone),
  };
};

/**
 * An instant as the wall time of `zone`, in the shape of a Temporal.ZonedDateTime that
 * ical-generator formats as `DTSTART;TZID=<zone>:<local time>`. A plain Date would not do:
 * the generator reads a Date with the process's own zone, not the event's.
 */
export const zonedTime = (instant: string | number, zone: string): ICalTemporalZonedDateTimeStub => {
  const epochMilliseconds = typeof instant === 'number' ? instant : Date.parse(instant);
  const wall = wallClockAt(epochMilliseconds, zone);
  const text = new Date(epochMilliseconds).toISOString();
  return {
    ...wall,
    timeZoneId: zone,
    toInstant: () => instantOf(epochMilliseconds),
    toPlainDateTime: () => plainDateTimeOf(wall, epochMilliseconds, zone),
    withTimeZone: (other) => zonedTime(epochMilliseconds, other),
    toJSON: () => text,
    toString: () => text,
  };
};
