import * as z from 'zod/mini';
import { METRIC_NAMES } from './metric.model.ts';

/** `YYYY-MM-DD`, a real calendar date (no 2025-02-30). */
const day = z.iso.date('A date such as 2025-01-31');

/**
 * One metric's daily series. Whether the range is in order and at most a year is decided
 * with its defaults, which depend on today (seriesRange in metric.model.ts).
 */
export const MetricSeriesQuery = z.strictObject({
  name: z.enum(METRIC_NAMES),
  /** Absent: the whole platform. Seeded tenants have fixed ids, so the shape is checked, not the ULID. */
  tenantId: z.optional(z.string().check(z.regex(/^tnt_[A-Za-z0-9]{1,40}$/, 'A tenant id such as tnt_01J...'))),
  from: z.optional(day),
  to: z.optional(day),
});
export type MetricSeriesFilters = z.output<typeof MetricSeriesQuery>;

export const MetricSeries = z.object({
  name: z.enum(METRIC_NAMES),
  /** The tenant id asked for, or `platform`. */
  scope: z.string(),
  from: z.string(),
  to: z.string(),
  /** Every day from `from` to `to`, in order; 0 where nothing was counted. */
  points: z.array(z.object({ day: z.string(), value: z.number() })),
});
export type MetricSeries = z.output<typeof MetricSeries>;
