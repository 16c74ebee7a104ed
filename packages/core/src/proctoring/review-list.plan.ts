import * as z from 'zod/mini';
import { MAX_CURSOR_LENGTH } from '../shared/cursor.ts';
import { ValidationError } from '../shared/errors.ts';
import {
  PROCTORING_SEVERITIES,
  type ProctoringEventType,
  type ProctoringSeverity,
  type ReviewStatus,
} from './proctoring.model.ts';
import type { ListProctoringEvents } from './review.schema.ts';
import { severityRank } from './severity-rank.ts';

/** Critical first: the order reviewers work in. */
export const WORST_FIRST: readonly ProctoringSeverity[] = [...PROCTORING_SEVERITIES].reverse();

/** ISO instants as stored (UTC, milliseconds), so a key range compares like with like. */
export interface TimeRange {
  from?: string;
  to?: string;
}

/** What an index cannot serve by its key: filter expressions within the one Query. */
export interface Residual extends TimeRange {
  reviewStatus?: ReviewStatus;
  severity?: ProctoringSeverity;
  eventType?: ProctoringEventType;
  flagged?: boolean;
}

/**
 * Which index serves a list, and how: every list is a Query on one index (the byStatus walk
 * is one Query per severity partition, in turn).
 * - bySession: one session's timeline, oldest first; the time range is its key range.
 * - reviewQueue: flagged and pending events, worst first then oldest first; a severity is a
 *   key prefix.
 * - byStatus: one decision (or pending) per severity partition, newest first within each;
 *   without a severity the partitions are walked worst first.
 */
export type ListPlan =
  | { index: 'bySession'; testSessionId: string; order: 'asc'; range: TimeRange; residual: Residual }
  | { index: 'reviewQueue'; severityRank?: string; order: 'asc'; residual: Residual }
  | {
      index: 'byStatus';
      reviewStatus: ReviewStatus;
      severities: readonly ProctoringSeverity[];
      order: 'desc';
      range: TimeRange;
      residual: Residual;
    };

export type EventFilters = Omit<ListProctoringEvents, 'limit' | 'cursor'>;

const utc = (instant: string | undefined): string | undefined =>
  instant === undefined ? undefined : new Date(instant).toISOString();

const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined)) as T;

/** The index of the most selective filter: a session, else the review queue when asked for, else a decision. */
export const planFor = (filters: EventFilters): ListPlan => {
  const { testSessionId, reviewStatus, severity, eventType, flagged } = filters;
  const range = defined({ from: utc(filters.from), to: utc(filters.to) });
  if (testSessionId !== undefined) {
    return {
      index: 'bySession',
      testSessionId,
      order: 'asc',
      range,
      residual: defined({ reviewStatus, severity, eventType, flagged }),
    };
  }
  // The queue holds exactly the flagged, pending events: it answers the default view.
  if ((reviewStatus === undefined || reviewStatus === 'pending') && flagged !== false) {
    return {
      index: 'reviewQueue',
      order: 'asc',
      ...(severity ? { severityRank: severityRank(severity) } : {}),
      residual: defined({ eventType, ...range }),
    };
  }
  return {
    index: 'byStatus',
    reviewStatus: reviewStatus ?? 'pending',
    severities: severity ? [severity] : WORST_FIRST,
    order: 'desc',
    range,
    residual: defined({ eventType, flagged }),
  };
};

/** The moment after `to`: sort keys go on past the time (`#<event id>`), so an inclusive end is an exclusive bound 1 ms later. */
export const justAfter = (to: string): string => new Date(Date.parse(to) + 1).toISOString();

/** Where a walk over severity partitions stands: the partition, and the page cursor within it (none: from its start). */
export interface WalkPosition {
  severity: ProctoringSeverity;
  cursor: string | null;
}

const WalkCursor = z.strictObject({
  s: z.enum(PROCTORING_SEVERITIES),
  c: z.optional(z.string().check(z.maxLength(MAX_CURSOR_LENGTH))),
});

const invalidCursor = (cause?: unknown): ValidationError =>
  new ValidationError('The cursor is not valid for this list.', {
    errors: [
      { field: 'cursor', code: 'invalid_cursor', message: 'Use the nextCursor of a previous page of this list' },
    ],
    cause,
  });

export const encodeWalkCursor = (position: WalkPosition): string =>
  Buffer.from(
    JSON.stringify({ s: position.severity, ...(position.cursor ? { c: position.cursor } : {}) }),
    'utf8',
  ).toString('base64url');

/**
 * A walk's cursor, checked before use: its partition must be one this list walks. The page
 * cursor inside is checked against that partition's key when the page is read (pageOf).
 */
export const decodeWalkCursor = (cursor: string, severities: readonly ProctoringSeverity[]): WalkPosition => {
  let parsed: z.output<typeof WalkCursor>;
  try {
    parsed = WalkCursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch (error) {
    throw invalidCursor(error);
  }
  if (!severities.includes(parsed.s)) throw invalidCursor();
  return { severity: parsed.s, cursor: parsed.c ?? null };
};
