import { lookbackFrom } from './booking.rules.ts';
import type { InterviewListWhen } from './interview.schema.ts';

/**
 * Which stretch of a start-sorted partition a list reads. Every index of interviews sorts by
 * start, so `upcoming`/`past` and `from`/`to` become one key range; whether an interview has
 * ended is then one filter on its end, over at most the longest interview's length of items.
 */
export interface ListWindow {
  /** Inclusive lower bound of the start. */
  lower: string;
  /** Exclusive upper bound of the start. */
  upper: string;
  order: 'asc' | 'desc';
  /** Past lists keep the ended interviews, upcoming lists the others. */
  ended: boolean;
}

/** Below and above every ISO time, so an open end stays within the entity's own keys. */
const EARLIEST = '0';
const LATEST = '~';

const utc = (time: string): string => new Date(time).toISOString();
const justAfter = (time: string): string => new Date(Date.parse(time) + 1).toISOString();
/** Bounds are key text (ISO times and the two sentinels): they compare as text, not as numbers. */
const earlier = (a: string, b: string): string => [a, b].sort()[0] ?? a;
const later = (a: string, b: string): string => [a, b].sort()[1] ?? b;

export const listWindow = (
  { when, from, to }: { when: InterviewListWhen; from?: string | undefined; to?: string | undefined },
  now: string,
): ListWindow => {
  const floor = from === undefined ? EARLIEST : utc(from);
  const ceiling = to === undefined ? LATEST : justAfter(to);
  if (when === 'upcoming') {
    // Started up to the longest interview's length ago and maybe still running.
    const running = lookbackFrom({ scheduledAt: now, endsAt: now });
    return { lower: later(floor, running), upper: ceiling, order: 'asc', ended: false };
  }
  // Whatever starts at or after now has not ended.
  return { lower: floor, upper: earlier(ceiling, now), order: 'desc', ended: true };
};

/** A window with nothing in it: DynamoDB refuses a BETWEEN whose bounds are reversed. */
export const isEmptyWindow = (window: ListWindow): boolean => window.lower >= window.upper;
