import { countOf } from './event-labels.ts';
import { PROCTORING_SEVERITIES, type ProctoringEventType, type ProctoringSeverity } from './proctoring.model.ts';
import type { EvaluatedEvents, EvaluatedInput } from './severity.ts';

// One definition of the review queue's sort key: ingestion writes it before this module runs.
export { severityRank } from './severity-rank.ts';

/**
 * The integrity score (docs/proctoring-scoring.md): 100 less the points of every counted
 * event at its final severity, never below 0. The points grow faster than the severities so
 * that one critical signal outweighs a handful of low ones.
 */
export const SEVERITY_POINTS: Readonly<Record<ProctoringSeverity, number>> = {
  low: 1,
  medium: 4,
  high: 10,
  critical: 25,
};

export const MAX_INTEGRITY_SCORE = 100;

/** Explanations a notification carries: enough to say why, short enough to read at a glance. */
export const MAX_REASONS = 5;

export type SeverityCounts = Record<ProctoringSeverity, number>;

/** What one event type cost the session. */
export interface Deduction {
  eventType: ProctoringEventType;
  count: number;
  points: number;
  worstSeverity: ProctoringSeverity;
  /** "3 tab switches (1 high, 2 medium): −18". */
  explanation: string;
}

export interface Integrity {
  /** An integer from 0 to 100. */
  integrityScore: number;
  /** Costliest first, ties by type. */
  deductions: Deduction[];
  /** Counted events only. */
  severityCounts: SeverityCounts;
  countedEventCount: number;
  /** Distinct clientEventIds, counted or not. */
  eventCount: number;
  /** The costliest deductions' explanations, at most MAX_REASONS. */
  reasons: string[];
}

const noSeverities = (): SeverityCounts => ({ low: 0, medium: 0, high: 0, critical: 0 });

const WORST_FIRST = [...PROCTORING_SEVERITIES].reverse();

const deductionOf = (eventType: ProctoringEventType, counts: SeverityCounts): Deduction => {
  const present = WORST_FIRST.filter((severity) => counts[severity] > 0);
  const count = present.reduce((sum, severity) => sum + counts[severity], 0);
  const points = present.reduce((sum, severity) => sum + counts[severity] * SEVERITY_POINTS[severity], 0);
  // With one severity its count would repeat the total: "2 tab switches (medium)", not "(2 medium)".
  const detail =
    present.length === 1 ? present.join('') : present.map((severity) => `${counts[severity]} ${severity}`).join(', ');
  return {
    eventType,
    count,
    points,
    worstSeverity: present[0] ?? 'low',
    explanation: `${countOf(eventType, count)} (${detail}): −${points}`,
  };
};

const byCostThenType = (a: Deduction, b: Deduction): number =>
  b.points - a.points || (a.eventType < b.eventType ? -1 : a.eventType > b.eventType ? 1 : 0);

/**
 * A session's integrity score and what lowered it, from its events and their evaluation
 * (`evaluateSeverities`). An event the evaluation does not name counts for nothing.
 */
export const integrityOf = (evaluated: EvaluatedEvents, events: EvaluatedInput): Integrity => {
  const seen = new Set<string>();
  const clientEventIds = new Set<string>();
  const severityCounts = noSeverities();
  const byType = new Map<ProctoringEventType, SeverityCounts>();
  for (const event of events) {
    if (seen.has(event.proctoringEventId)) continue;
    seen.add(event.proctoringEventId);
    clientEventIds.add(event.clientEventId);
    const result = evaluated.get(event.proctoringEventId);
    if (!result?.counted) continue;
    severityCounts[result.severity] += 1;
    const counts = byType.get(event.eventType) ?? noSeverities();
    counts[result.severity] += 1;
    byType.set(event.eventType, counts);
  }
  const deductions = [...byType].map(([eventType, counts]) => deductionOf(eventType, counts)).sort(byCostThenType);
  const lost = deductions.reduce((sum, deduction) => sum + deduction.points, 0);
  return {
    integrityScore: Math.max(0, MAX_INTEGRITY_SCORE - lost),
    deductions,
    severityCounts,
    countedEventCount: PROCTORING_SEVERITIES.reduce((sum, severity) => sum + severityCounts[severity], 0),
    eventCount: clientEventIds.size,
    reasons: deductions.slice(0, MAX_REASONS).map((deduction) => deduction.explanation),
  };
};

/** Below the tenant's threshold. A threshold of 0 never flags: no score is below 0. */
export const isFlagged = (integrityScore: number, autoFlagBelowScore: number): boolean =>
  integrityScore < autoFlagBelowScore;

/**
 * Whether an event goes to the review queue: a counted event that is serious on its own, or
 * any counted event of a flagged session (the reviewer then sees the whole pattern).
 */
export const eventFlag = (severity: ProctoringSeverity, counted: boolean, sessionFlagged: boolean): boolean =>
  counted && (severity === 'high' || severity === 'critical' || sessionFlagged);
