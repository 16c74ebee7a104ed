import { DEFAULT_PROCTORING_THRESHOLDS, type ProctoringThresholds } from '../identity/settings.model.ts';
import { EVENT_TYPE_NOUNS, ordinal } from './event-labels.ts';
import {
  PROCTORING_SEVERITIES,
  type ProctoringEventType,
  type ProctoringSeverity,
  type ReviewStatus,
} from './proctoring.model.ts';

/**
 * The severity rules (docs/proctoring-scoring.md):
 * - an event starts at the tenant's severity for its type (`thresholds[eventType]`);
 * - it is not counted, and never escalated, when the assessment allows its type, when a
 *   reviewer dismissed it, or when it repeats a clientEventId (the copy with the smallest
 *   proctoringEventId is the one counted; a repeat mirrors its severity);
 * - duration: lasting 30 s or more raises it one level, 120 s or more two levels;
 * - frequency: among the counted events of its type detected in the trailing 5 minutes
 *   (t − 300 s < d ≤ t, in detectedAt order, ties by id, itself included), being the 3rd or
 *   later raises it one level, the 6th or later two levels;
 * - the raise is the larger of the two, capped at critical. Confirmed counts like pending:
 *   a reviewer's confirmation agrees with the machine, it does not add to it.
 */

/** Largest first: the first step an event reaches is its raise. */
export const DURATION_STEPS = [
  { minSeconds: 120, raise: 2 },
  { minSeconds: 30, raise: 1 },
] as const;

export const FREQUENCY_WINDOW_SECONDS = 300;

/** Largest first, like DURATION_STEPS: `nth` is the event's place among its type's in the window. */
export const FREQUENCY_STEPS = [
  { nth: 6, raise: 2 },
  { nth: 3, raise: 1 },
] as const;

/** One stored event, as much of it as the rules read. */
export interface EvaluatedInputEvent {
  proctoringEventId: string;
  clientEventId: string;
  eventType: ProctoringEventType;
  /** ISO 8601, checked by the ingestion schema. */
  detectedAt: string;
  durationSeconds?: number | undefined;
  reviewStatus: ReviewStatus;
}

/** A session's events, in any order. */
export type EvaluatedInput = readonly EvaluatedInputEvent[];

export interface EventSeverity {
  severity: ProctoringSeverity;
  /** Whether it costs the session integrity points and counts toward others' frequency. */
  counted: boolean;
  /** The proctoringEventId of the copy that is counted, when this one repeats its clientEventId. */
  duplicateOf?: string;
  /** Why it was raised or not counted, in short English fragments ("3rd tab switch in 5 minutes"). */
  reasons: string[];
}

/** By proctoringEventId, in detectedAt order (ties by id). */
export type EvaluatedEvents = ReadonlyMap<string, EventSeverity>;

const WINDOW_MS = FREQUENCY_WINDOW_SECONDS * 1000;
const WINDOW_TEXT = `${FREQUENCY_WINDOW_SECONDS / 60} minutes`;
const CRITICAL = PROCTORING_SEVERITIES.length - 1;

// Ingestion only stores valid ISO times; an unreadable one sorts as the epoch rather than breaking the sort.
const timeOf = (iso: string): number => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? 0 : ms;
};

// Code-unit order, not locale order: ULIDs sort by time that way, and the result must not depend on the host.
const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const chronological = (a: EvaluatedInputEvent, b: EvaluatedInputEvent): number =>
  timeOf(a.detectedAt) - timeOf(b.detectedAt) || compareIds(a.proctoringEventId, b.proctoringEventId);

// Settings saved before a type existed do not name it; the platform default stands in.
const baseSeverity = (thresholds: Partial<ProctoringThresholds>, eventType: ProctoringEventType): ProctoringSeverity =>
  thresholds[eventType] ?? DEFAULT_PROCTORING_THRESHOLDS[eventType];

export const durationRaise = (durationSeconds: number | undefined): number =>
  DURATION_STEPS.find((step) => (durationSeconds ?? 0) >= step.minSeconds)?.raise ?? 0;

export const frequencyRaise = (nth: number): number => FREQUENCY_STEPS.find((step) => nth >= step.nth)?.raise ?? 0;

export const raised = (severity: ProctoringSeverity, levels: number): ProctoringSeverity =>
  PROCTORING_SEVERITIES[Math.min(CRITICAL, PROCTORING_SEVERITIES.indexOf(severity) + levels)] ?? 'critical';

/** Each counted event's place among its type's counted events in the trailing window, itself included. */
const placesInWindow = (sameType: readonly EvaluatedInputEvent[]): number[] => {
  const times = sameType.map((event) => timeOf(event.detectedAt));
  let oldest = 0;
  return times.map((time, index) => {
    while ((times[oldest] ?? time) <= time - WINDOW_MS) oldest += 1;
    return index - oldest + 1;
  });
};

const escalated = (event: EvaluatedInputEvent, base: ProctoringSeverity, nth: number): EventSeverity => {
  const byDuration = durationRaise(event.durationSeconds);
  const byFrequency = frequencyRaise(nth);
  const reasons: string[] = [];
  // Floored: 119.9 s shows as 119 s, on the same side of the 120 s step as the rule saw it.
  if (byDuration) reasons.push(`lasted ${Math.floor(event.durationSeconds ?? 0)} s`);
  if (byFrequency) reasons.push(`${ordinal(nth)} ${EVENT_TYPE_NOUNS[event.eventType].one} in ${WINDOW_TEXT}`);
  return { severity: raised(base, Math.max(byDuration, byFrequency)), counted: true, reasons };
};

/**
 * The severity of each of a session's events, and whether it counts toward the integrity
 * score. The same events in any order give the same result: everything is decided in
 * detectedAt order with ids breaking ties.
 */
export const evaluateSeverities = (
  events: EvaluatedInput,
  thresholds: Partial<ProctoringThresholds>,
  allowedEvents: readonly string[],
): Map<string, EventSeverity> => {
  // One stored event read twice (pages of a query overlapping) is still one event.
  const distinct = new Map(events.map((event) => [event.proctoringEventId, event]));
  const ordered = [...distinct.values()].sort(chronological);

  const originals = new Map<string, string>();
  for (const { clientEventId, proctoringEventId } of ordered) {
    const known = originals.get(clientEventId);
    if (known === undefined || compareIds(proctoringEventId, known) < 0) {
      originals.set(clientEventId, proctoringEventId);
    }
  }

  const allowed = new Set(allowedEvents);
  const decided = new Map<string, EventSeverity>();
  const countedByType = new Map<ProctoringEventType, EvaluatedInputEvent[]>();
  for (const event of ordered) {
    if (originals.get(event.clientEventId) !== event.proctoringEventId) continue;
    const base = baseSeverity(thresholds, event.eventType);
    if (allowed.has(event.eventType)) {
      decided.set(event.proctoringEventId, { severity: base, counted: false, reasons: ['allowed by the assessment'] });
    } else if (event.reviewStatus === 'dismissed') {
      decided.set(event.proctoringEventId, { severity: base, counted: false, reasons: ['dismissed by a reviewer'] });
    } else {
      const sameType = countedByType.get(event.eventType);
      if (sameType) sameType.push(event);
      else countedByType.set(event.eventType, [event]);
    }
  }
  for (const [eventType, sameType] of countedByType) {
    const base = baseSeverity(thresholds, eventType);
    const places = placesInWindow(sameType);
    sameType.forEach((event, index) => {
      decided.set(event.proctoringEventId, escalated(event, base, places[index] ?? 1));
    });
  }

  const result = new Map<string, EventSeverity>();
  for (const event of ordered) {
    const originalId = originals.get(event.clientEventId) ?? event.proctoringEventId;
    const original = decided.get(originalId);
    if (!original) continue;
    result.set(
      event.proctoringEventId,
      originalId === event.proctoringEventId
        ? original
        : {
            severity: original.severity,
            counted: false,
            duplicateOf: originalId,
            reasons: [`repeat of ${originalId}`],
          },
    );
  }
  return result;
};
