import * as z from 'zod/mini';
import { idPattern } from '../shared/ids.ts';
import { idPath, listQuery, page, queryBoolean, text, timeRange } from '../shared/schema.ts';
import {
  PROCTORING_EVENT_TYPES,
  PROCTORING_SEVERITIES,
  REVIEW_DECISIONS,
  REVIEW_STATUSES,
} from './proctoring.model.ts';
import { ProctoringEvent } from './proctoring-event.schema.ts';

export const ProctoringEventPath = idPath('proctoringEvent');

/**
 * Filters of the reviewers' event list. Which index serves them depends on which are given
 * (review-list.plan.ts; docs/proctoring-review.md has the table).
 */
export const ListProctoringEventsQuery = z
  .strictObject({
    testSessionId: z.optional(z.string().check(z.regex(idPattern('testSession'), 'An id such as tses_01J...'))),
    reviewStatus: z.optional(z.enum(REVIEW_STATUSES)),
    severity: z.optional(z.enum(PROCTORING_SEVERITIES)),
    eventType: z.optional(z.enum(PROCTORING_EVENT_TYPES)),
    flagged: z.optional(queryBoolean),
    ...timeRange,
    ...listQuery,
  })
  .check(
    z.refine(
      (query) => query.from === undefined || query.to === undefined || Date.parse(query.from) <= Date.parse(query.to),
      { message: 'from must not be after to', path: ['from'] },
    ),
  );
export type ListProctoringEvents = z.output<typeof ListProctoringEventsQuery>;

/** A reviewer's decision on one event; it may be changed later (each change is audited). */
export const ReviewEventBody = z.strictObject({
  decision: z.enum(REVIEW_DECISIONS),
  notes: z.optional(text(2000)),
});
export type ReviewEvent = z.output<typeof ReviewEventBody>;

export const ProctoringEventPage = page(ProctoringEvent);
