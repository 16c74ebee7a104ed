import { ValidationError } from '../shared/errors.ts';

/**
 * The vocabulary of usage metrics: what is counted, per what day, kept how long. The
 * series helpers are pure, so day bucketing, range rules and zero-filling are tested offline.
 */
export const METRIC_NAMES = [
  /** Distinct users who made at least one request that day. */
  'active_users',
  'requisitions_created',
  'users_invited',
  'assessments_taken',
  'interviews_scheduled',
  'proctoring_events',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/**
 * The platform-wide counter of a metric is touched by every tenant's writes; spread over
 * this many partitions (one chosen at random per write, all summed at read) it stays far
 * below one partition's write limit. Changing it is safe upwards only: a read sums shards
 * 0..N-1, so lowering it would hide what the higher shards counted.
 */
export const PLATFORM_SHARDS = 8;

/** A tenant's counter is not hot: one partition, this shard. */
export const TENANT_SHARD = 0;

/** Counters are kept this long after their day, then DynamoDB's TTL removes them. */
export const METRIC_RETENTION_DAYS = 400;

/** A "who was active today" marker only has to outlive its day (plus clock skew). */
export const ACTIVE_USER_MARK_DAYS = 3;

/** A series without from/to covers this many days up to today. */
export const DEFAULT_SERIES_DAYS = 30;

/** At most a year, leap day included, per series. */
export const MAX_SERIES_DAYS = 366;

/** A UTC calendar day, `YYYY-MM-DD`. */
export type Day = string;

const DAY_MS = 86_400_000;

const startOf = (day: Day): number => Date.parse(`${day}T00:00:00.000Z`);

/** The UTC day an instant falls on: every counter is bucketed by it, whatever the caller's time zone. */
export const dayOf = (at: string | Date): Day => new Date(at).toISOString().slice(0, 10);

export const addDays = (day: Day, days: number): Day => dayOf(new Date(startOf(day) + days * DAY_MS));

/** Days from `from` to `to`, both included. */
export const daysIn = (from: Day, to: Day): number => Math.round((startOf(to) - startOf(from)) / DAY_MS) + 1;

/** Epoch seconds at which DynamoDB may delete an item about `day`, `days` after the day ends. */
export const expiryOf = (day: Day, days: number): number => Math.floor((startOf(day) + (days + 1) * DAY_MS) / 1000);

const rangeError = (code: string, message: string) =>
  new ValidationError('The date range is not valid.', { errors: [{ field: 'from', code, message }] });

/**
 * The range a series covers: `to` defaults to today, `from` to the 30 days ending at `to`.
 * An inverted or over-long range is the caller's mistake, named on `from`.
 */
export const seriesRange = (query: { from?: Day | undefined; to?: Day | undefined }, today: Day) => {
  const to = query.to ?? today;
  const from = query.from ?? addDays(to, -(DEFAULT_SERIES_DAYS - 1));
  if (from > to) throw rangeError('after_to', `from must not be after to (${to})`);
  if (daysIn(from, to) > MAX_SERIES_DAYS) {
    throw rangeError('range_too_long', `At most ${MAX_SERIES_DAYS} days from from to to`);
  }
  return { from, to };
};

export interface MetricPoint {
  day: Day;
  value: number;
}

/**
 * One point per day of the range, in order: counts of the same day (the platform's
 * shards) are summed, days nobody counted are 0, counts outside the range are ignored.
 */
export const zeroFilledSeries = (from: Day, to: Day, counts: readonly MetricPoint[]): MetricPoint[] => {
  const byDay = new Map<Day, number>();
  for (const { day, value } of counts) byDay.set(day, (byDay.get(day) ?? 0) + value);
  return Array.from({ length: Math.max(0, daysIn(from, to)) }, (_, offset) => {
    const day = addDays(from, offset);
    return { day, value: byDay.get(day) ?? 0 };
  });
};
