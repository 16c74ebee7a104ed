import { ValidationError } from '../shared/errors.ts';

/**
 * A user's run of practice days. Days are calendar dates in the user's time zone
 * (YYYY-MM-DD), so "yesterday" means what the user means, whatever the server's clock zone.
 */
export interface PracticeStreak {
  currentStreak: number;
  longestStreak: number;
  lastPracticeDate?: string | undefined;
}

export interface UpdatedStreak {
  currentStreak: number;
  longestStreak: number;
  lastPracticeDate: string;
}

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const invalid = (field: string, message: string): ValidationError =>
  new ValidationError(message, { errors: [{ field, code: 'invalid', message }] });

// Building a formatter is costly; there are a few hundred zones at most, and invalid ones are never kept.
const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch (error) {
      throw new ValidationError('An IANA time zone such as Europe/Berlin', {
        errors: [{ field: 'timeZone', code: 'invalid', message: 'An IANA time zone such as Europe/Berlin' }],
        cause: error,
      });
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export const localDate = (instant: Date, timeZone: string): string => {
  if (Number.isNaN(instant.getTime())) throw invalid('date', 'A valid instant');
  // Parts rather than the formatted string: the layout of a locale's format may change, its parts do not.
  const parts = formatterFor(timeZone).formatToParts(instant);
  const part = (type: 'year' | 'month' | 'day') => parts.find((item) => item.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
};

/** Days since 1970-01-01 of a calendar date; UTC has no daylight saving, so differences are whole days. */
const dayNumber = (date: string, field: string): number => {
  const match = DATE.exec(date);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [Number.NaN, 0, 0];
  const time = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 2023-02-29 over to March 1st: a round trip tells a real date from such a one.
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== date) {
    throw invalid(field, 'A calendar date such as 2024-02-29');
  }
  return time / DAY_MS;
};

/**
 * The streak after a practice completed at `completedAt` (docs/scoring.md, "Practice streaks"):
 * on the same local day, unchanged; on the next, one more; later, a new streak of 1; on a day
 * before the last one (a clock skew, or a move to a zone behind), unchanged, so a streak never
 * goes backwards. The longest streak is the longest ever seen.
 */
export const nextStreak = (current: PracticeStreak, completedAt: Date, timeZone: string): UpdatedStreak => {
  const today = localDate(completedAt, timeZone);
  const kept = { currentStreak: current.currentStreak, longestStreak: current.longestStreak };
  if (current.lastPracticeDate === undefined) {
    return { currentStreak: 1, longestStreak: Math.max(kept.longestStreak, 1), lastPracticeDate: today };
  }
  const last = current.lastPracticeDate;
  const gap = dayNumber(today, 'completedAt') - dayNumber(last, 'lastPracticeDate');
  if (gap <= 0) {
    return { ...kept, longestStreak: Math.max(kept.longestStreak, kept.currentStreak), lastPracticeDate: last };
  }
  const currentStreak = gap === 1 ? kept.currentStreak + 1 : 1;
  return { currentStreak, longestStreak: Math.max(kept.longestStreak, currentStreak), lastPracticeDate: today };
};

/**
 * The streak as the user sees it at `now`: a streak whose last practice day is before
 * yesterday (in the user's zone) is broken and reads 0; the longest is kept. Nothing is
 * written: the stored streak changes only when the user practises again.
 */
export const streakOnRead = (current: PracticeStreak, now: Date, timeZone: string): PracticeStreak => {
  if (current.lastPracticeDate === undefined) {
    return { currentStreak: 0, longestStreak: current.longestStreak };
  }
  const gap = dayNumber(localDate(now, timeZone), 'now') - dayNumber(current.lastPracticeDate, 'lastPracticeDate');
  return {
    currentStreak: gap > 1 ? 0 : current.currentStreak,
    longestStreak: current.longestStreak,
    lastPracticeDate: current.lastPracticeDate,
  };
};
