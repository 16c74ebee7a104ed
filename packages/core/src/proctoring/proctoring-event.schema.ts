import * as z from 'zod/mini';
import { storableNumber, text } from '../shared/schema.ts';
import {
  EVENT_SOURCES,
  MAX_EVENTS_PER_BATCH,
  PROCTORING_EVENT_TYPES,
  PROCTORING_SEVERITIES,
  REVIEW_STATUSES,
} from './proctoring.model.ts';

/** Facts about an event, flat: a few named numbers, flags or short texts (e.g. `faceCount: 2`). */
export const EventMetadata = z
  .record(
    z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, 'A name of letters, digits and _ (at most 40)')),
    z.union([storableNumber, z.boolean(), z.string().check(z.maxLength(200))]),
  )
  .check(z.refine((metadata) => Object.keys(metadata).length <= 10, 'At most 10 entries'));
export type EventMetadata = z.output<typeof EventMetadata>;

/**
 * One event as the test page reports it. The type is checked per event, not by the schema:
 * a page that knows a newer type loses that event, not its whole batch.
 */
export const ReportedEvent = z.strictObject({
  clientEventId: z.string().check(z.regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'Up to 64 letters, digits or _ . : -')),
  eventType: text(64),
  detectedAt: z.iso.datetime({ offset: true }),
  durationSeconds: z.optional(storableNumber.check(z.minimum(0), z.maximum(86_400))),
  metadata: z.optional(EventMetadata),
});
export type ReportedEvent = z.output<typeof ReportedEvent>;

export const ReportEventsBody = z.strictObject({
  events: z.array(ReportedEvent).check(z.minLength(1), z.maxLength(MAX_EVENTS_PER_BATCH)),
});
export type ReportEvents = z.output<typeof ReportEventsBody>;

export const EVENT_OUTCOMES = ['accepted', 'duplicate', 'rejected'] as const;

/** Why an event was not kept. */
export const REJECTION_REASONS = ['unknown_event_type', 'outside_session', 'session_submitted'] as const;
export type EventRejection = (typeof REJECTION_REASONS)[number];

export const EventResult = z.object({
  clientEventId: z.string(),
  /** `duplicate`: this event was received before (same clientEventId); nothing changed. */
  outcome: z.enum(EVENT_OUTCOMES),
  proctoringEventId: z.optional(z.string()),
  reason: z.optional(z.enum(REJECTION_REASONS)),
  detail: z.optional(z.string()),
});
export type EventResult = z.output<typeof EventResult>;

export const ReportEventsResult = z.object({
  accepted: z.int(),
  duplicates: z.int(),
  rejected: z.int(),
  /** One per event sent, in the order sent. */
  results: z.array(EventResult),
});
export type ReportEventsResult = z.output<typeof ReportEventsResult>;

/** An event as reviewers see it. */
export const ProctoringEvent = z.object({
  proctoringEventId: z.string(),
  testSessionId: z.string(),
  assessmentId: z.string(),
  candidateId: z.string(),
  clientEventId: z.string(),
  source: z.enum(EVENT_SOURCES),
  eventType: z.enum(PROCTORING_EVENT_TYPES),
  detectedAt: z.string(),
  durationSeconds: z.nullable(z.number()),
  snapshotId: z.nullable(z.string()),
  metadata: EventMetadata,
  severity: z.enum(PROCTORING_SEVERITIES),
  counted: z.boolean(),
  flagged: z.boolean(),
  reviewStatus: z.enum(REVIEW_STATUSES),
  reviewedBy: z.nullable(z.string()),
  reviewedAt: z.nullable(z.string()),
  reviewNotes: z.nullable(z.string()),
  evaluatedAt: z.nullable(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.int(),
});
export type ProctoringEvent = z.output<typeof ProctoringEvent>;
