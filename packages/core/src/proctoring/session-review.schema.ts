import * as z from 'zod/mini';
import { MAX_CURSOR_LENGTH } from '../shared/cursor.ts';
import { idPath, text } from '../shared/schema.ts';
import { TEST_SESSION_STATUSES } from '../test-sessions/test-session.model.ts';
import { PROCTORING_EVENT_TYPES, PROCTORING_SEVERITIES, VERDICTS } from './proctoring.model.ts';
import { ProctoringEvent } from './proctoring-event.schema.ts';
import { Snapshot } from './snapshot.schema.ts';

/** A session under review is named by its test session's id. */
export const SessionReviewPath = idPath('testSession');

export const SessionReviewQuery = z.strictObject({
  /** The `snapshotsNextCursor` of a previous read: the next, older, snapshots. */
  snapshotsCursor: z.optional(z.string().check(z.maxLength(MAX_CURSOR_LENGTH))),
});
export type SessionReviewQuery = z.output<typeof SessionReviewQuery>;

/** A reviewer's verdict on the whole attempt; the reason is for the people who read the review. */
export const VerdictBody = z.strictObject({
  verdict: z.enum(VERDICTS),
  reason: text(1000),
});
export type VerdictRequest = z.output<typeof VerdictBody>;

const severityCounts = z.object(
  Object.fromEntries(PROCTORING_SEVERITIES.map((severity) => [severity, z.int()])) as Record<
    (typeof PROCTORING_SEVERITIES)[number],
    z.ZodMiniInt
  >,
);

/** The test as it went: what the session itself records. */
const SessionFacts = z.object({
  assessmentId: z.string(),
  candidateId: z.string(),
  applicationId: z.nullable(z.string()),
  status: z.enum(TEST_SESSION_STATUSES),
  attempt: z.int(),
  startedAt: z.string(),
  submittedAt: z.nullable(z.string()),
  scoredAt: z.nullable(z.string()),
  /** Once scored. */
  result: z.nullable(z.object({ percentage: z.number(), passed: z.boolean() })),
  /** The attempt was found void by a reviewer: it counts for nothing and left the ranking. */
  invalidatedAt: z.nullable(z.string()),
  invalidatedBy: z.nullable(z.string()),
});

/** What proctoring concluded: the evidence's weight, the reviewer's verdict, the candidate's appeal. */
const SummaryView = z.object({
  integrityScore: z.number(),
  /** What lowered the score, costliest first, each with its explanation. */
  deductions: z.array(
    z.object({
      eventType: z.enum(PROCTORING_EVENT_TYPES),
      count: z.int(),
      points: z.number(),
      worstSeverity: z.enum(PROCTORING_SEVERITIES),
      explanation: z.string(),
    }),
  ),
  eventCount: z.int(),
  countedEventCount: z.int(),
  severityCounts,
  flagged: z.boolean(),
  flaggedAt: z.nullable(z.string()),
  evaluatedAt: z.nullable(z.string()),
  snapshots: z.object({ accepted: z.int(), rejected: z.int() }),
  verdict: z.nullable(
    z.object({ verdict: z.enum(VERDICTS), reason: z.string(), decidedBy: z.string(), decidedAt: z.string() }),
  ),
  /** The candidate's own account, shown beside the evidence. */
  appeal: z.nullable(z.object({ text: z.string(), appealedAt: z.string() })),
});

/** An accepted snapshot with a download that works for a few minutes. */
const ReviewSnapshot = z.object({
  ...Snapshot.shape,
  url: z.string(),
  urlExpiresAt: z.string(),
});

/**
 * One session as its reviewer reads it. `version` is its proctoring summary's (what a verdict
 * changes); a session nothing was recorded for yet reads as that summary's first version.
 */
export const SessionReview = z.object({
  testSessionId: z.string(),
  session: SessionFacts,
  summary: SummaryView,
  /** The timeline from its start, oldest first; `eventsNextCursor` pages on through the event list with this testSessionId. */
  events: z.array(ProctoringEvent),
  eventsNextCursor: z.nullable(z.string()),
  /** Accepted snapshots, newest first; `snapshotsNextCursor` goes back as the `snapshotsCursor` query. */
  snapshots: z.array(ReviewSnapshot),
  snapshotsNextCursor: z.nullable(z.string()),
  version: z.int(),
});
export type SessionReview = z.output<typeof SessionReview>;
