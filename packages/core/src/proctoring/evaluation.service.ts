import { AssessmentEntity, type AssessmentItem } from '../assessments/assessment.entity.ts';
import { eventWrite } from '../events/record.ts';
import { settingsFor } from '../identity/settings.service.ts';
import { auditWrite } from '../platform/audit.ts';
import { chunked } from '../shared/chunked.ts';
import { isoNow } from '../shared/clock.ts';
import { isConditionalCheckFailure } from '../shared/db-errors.ts';
import { systemPrincipal } from '../shared/principal.ts';
import { transactWrite, update } from '../shared/transaction.ts';
import { TestSessionEntity, type TestSessionItem } from '../test-sessions/test-session.entity.ts';
import { sessionRefOf } from './event-ingestion.ts';
import { eventFlag, type Integrity, integrityOf, isFlagged } from './integrity.ts';
import { MAX_EVENTS_PER_SESSION, NOT_QUEUED } from './proctoring.model.ts';
import { ProctoringEventEntity, type ProctoringEventItem } from './proctoring-event.entity.ts';
import { ProctoringSummaryEntity, type ProctoringSummaryItem } from './proctoring-summary.entity.ts';
import { type EventSeverity, evaluateSeverities } from './severity.ts';
import { severityRank } from './severity-rank.ts';

/** Event writes in flight at once: a first evaluation of a long session must not throttle the table. */
const WRITES_AT_ONCE = 25;
const ATTEMPTS = 5;
const RETRY_JITTER_MS = 200;

/** Someone (a reviewer, another evaluation) wrote what this evaluation read: read again and decide anew. */
class StaleEvaluationError extends Error {}

/** What evaluation did, for the consumer's log: ids and numbers, nothing personal. */
export interface EvaluationReport {
  testSessionId: string;
  /** `skipped`: a later evaluation already took in every event the message names. */
  outcome: 'evaluated' | 'skipped' | 'ignored';
  integrityScore?: number;
  flagged?: boolean;
  /** The session was flagged by this evaluation, and its recruiter told. */
  newlyFlagged?: boolean;
  eventsChanged?: number;
  attempts?: number;
}

/** The session's summary, made (conditionally, once) if nothing made it yet. */
export const ensureSummary = async (session: TestSessionItem): Promise<ProctoringSummaryItem> => {
  const key = { tenantId: session.tenantId, testSessionId: session.testSessionId };
  const { data } = await ProctoringSummaryEntity.get(key).go({ consistent: true });
  if (data) return data;
  const { assessmentId, candidateId } = sessionRefOf(session);
  try {
    await ProctoringSummaryEntity.create({ ...key, assessmentId, candidateId }).go({ response: 'none' });
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
  }
  const { data: made } = await ProctoringSummaryEntity.get(key).go({ consistent: true });
  if (!made) throw new Error(`The proctoring summary of ${session.testSessionId} was not written`);
  return made;
};

/**
 * The session's events: its index for the history, and the named ones by key with a
 * consistent read, since an index may not show an event written a moment ago.
 */
const eventsOf = async (session: TestSessionItem, eventIds: readonly string[]): Promise<ProctoringEventItem[]> => {
  const { tenantId, testSessionId } = session;
  const [{ data: indexed }, { data: named }] = await Promise.all([
    ProctoringEventEntity.query
      .bySession({ tenantId, testSessionId })
      .go({ pages: 'all', limit: MAX_EVENTS_PER_SESSION }),
    eventIds.length
      ? ProctoringEventEntity.get(eventIds.map((proctoringEventId) => ({ tenantId, proctoringEventId }))).go({
          consistent: true,
        })
      : Promise.resolve({ data: [] as ProctoringEventItem[] }),
  ]);
  const byId = new Map(indexed.map((event) => [event.proctoringEventId, event]));
  for (const event of named) byId.set(event.proctoringEventId, event);
  return [...byId.values()];
};

interface EventState {
  severity: EventSeverity['severity'];
  severityRank: string;
  counted: boolean;
  flagged: boolean;
  reviewQueue: string;
}

const stateOf = (event: ProctoringEventItem, verdict: EventSeverity, sessionFlagged: boolean): EventState => {
  const flagged = eventFlag(verdict.severity, verdict.counted, sessionFlagged);
  return {
    severity: verdict.severity,
    severityRank: severityRank(verdict.severity),
    counted: verdict.counted,
    flagged,
    reviewQueue: flagged && event.reviewStatus === 'pending' ? 'pending' : NOT_QUEUED,
  };
};

const unchanged = (event: ProctoringEventItem, state: EventState): boolean =>
  event.evaluatedAt !== undefined &&
  event.severity === state.severity &&
  event.counted === state.counted &&
  event.flagged === state.flagged &&
  event.reviewQueue === state.reviewQueue;

/**
 * One event's new state, only if no reviewer decided it since it was read. Another
 * evaluation writing it meanwhile is no conflict: the summary's conditional write settles
 * which evaluation saw the latest events, and the loser decides again and rewrites them.
 * The event's `version` (its ETag) is left alone: it counts people's decisions, so a
 * reviewer's If-Match does not go stale because the machine looked again.
 */
const writeEvent = async (event: ProctoringEventItem, state: EventState, now: string): Promise<void> => {
  try {
    await ProctoringEventEntity.patch({ tenantId: event.tenantId, proctoringEventId: event.proctoringEventId })
      .set({ ...state, evaluatedAt: now })
      // Both sparse and status indexes are rebuilt from these; they are not changed here.
      .composite({ reviewStatus: event.reviewStatus, detectedAt: event.detectedAt })
      .where(({ reviewStatus }, { eq }) => eq(reviewStatus, event.reviewStatus))
      .go({ response: 'none' });
  } catch (error) {
    if (isConditionalCheckFailure(error)) throw new StaleEvaluationError(event.proctoringEventId);
    throw error;
  }
};

const summaryChanges = (integrity: Integrity, flagged: boolean, now: string) => ({
  integrityScore: integrity.integrityScore,
  deductions: integrity.deductions,
  eventCount: integrity.eventCount,
  countedEventCount: integrity.countedEventCount,
  severityCounts: integrity.severityCounts,
  flagged,
  evaluatedAt: now,
});

/**
 * The summary's new score, only if no other evaluation wrote one since this one read it
 * (`evaluations`, not `version`: the ETag a reviewer's verdict is checked against moves
 * with people's changes, not with every batch a test page sends). The first time a session
 * is flagged, its recruiter is told (the event in the same transaction), and the flag is audited.
 */
const writeSummary = async (
  summary: ProctoringSummaryItem,
  assessment: AssessmentItem,
  integrity: Integrity,
  flagged: boolean,
  now: string,
  requestId: string,
): Promise<boolean> => {
  const newlyFlagged = flagged && !summary.flaggedAt;
  const set = { ...summaryChanges(integrity, flagged, now), ...(newlyFlagged ? { flaggedAt: now } : {}) };
  const key = { tenantId: summary.tenantId, testSessionId: summary.testSessionId };
  const system = systemPrincipal(summary.tenantId, requestId);
  await transactWrite([
    update(
      ProctoringSummaryEntity.patch(key)
        .set(set)
        .add({ evaluations: 1 })
        .where(({ evaluations }, { eq }) => eq(evaluations, summary.evaluations))
        .params(),
      () => new StaleEvaluationError(key.testSessionId),
    ),
    ...(newlyFlagged
      ? [
          eventWrite(system, 'proctoring.session_flagged', {
            testSessionId: summary.testSessionId,
            assessmentId: assessment.assessmentId,
            assessmentTitle: assessment.title,
            integrityScore: integrity.integrityScore,
            critical: integrity.severityCounts.critical > 0,
            reasons: integrity.reasons,
            reviewerIds: [assessment.createdBy],
          }),
          auditWrite(system, {
            action: 'test_session.flagged',
            entityType: 'test_session',
            entityId: summary.testSessionId,
            after: { integrityScore: integrity.integrityScore, flagged: true },
          }),
        ]
      : []),
  ]);
  return newlyFlagged;
};

const evaluateOnce = async (
  session: TestSessionItem,
  assessment: AssessmentItem,
  eventIds: readonly string[],
  requestId: string,
): Promise<Omit<EvaluationReport, 'attempts'>> => {
  const [settings, summary, events] = await Promise.all([
    settingsFor(session.tenantId),
    ensureSummary(session),
    eventsOf(session, eventIds),
  ]);
  const severities = evaluateSeverities(events, settings.proctoring.thresholds, assessment.proctoring.allowedEvents);
  const integrity = integrityOf(severities, events);
  const flagged =
    isFlagged(integrity.integrityScore, settings.proctoring.autoFlagBelowScore) ||
    events.length >= MAX_EVENTS_PER_SESSION;
  const now = isoNow();
  const changes = events.flatMap((event) => {
    const verdict = severities.get(event.proctoringEventId);
    if (!verdict) return [];
    const state = stateOf(event, verdict, flagged);
    return unchanged(event, state) ? [] : [{ event, state }];
  });
  for (const chunk of chunked(changes, WRITES_AT_ONCE)) {
    await Promise.all(chunk.map(({ event, state }) => writeEvent(event, state, now)));
  }
  const newlyFlagged = await writeSummary(summary, assessment, integrity, flagged, now, requestId);
  return {
    testSessionId: session.testSessionId,
    outcome: 'evaluated',
    integrityScore: integrity.integrityScore,
    flagged,
    newlyFlagged,
    eventsChanged: changes.length,
  };
};

/**
 * Whether an evaluation that saw every named event has already completed (its summary write
 * is the last thing it does): a test page's burst of batches then costs one evaluation, not
 * one per batch. A message naming no events (a reviewer's decision) is always evaluated.
 */
const alreadyEvaluated = async (session: TestSessionItem, eventIds: readonly string[]): Promise<boolean> => {
  if (!eventIds.length) return false;
  const { tenantId, testSessionId } = session;
  const [{ data: summary }, { data: named }] = await Promise.all([
    ProctoringSummaryEntity.get({ tenantId, testSessionId }).go({ consistent: true }),
    ProctoringEventEntity.get(eventIds.map((proctoringEventId) => ({ tenantId, proctoringEventId }))).go({
      consistent: true,
    }),
  ]);
  const settled = summary?.evaluatedAt;
  return (
    settled !== undefined &&
    named.length === eventIds.length &&
    named.every((event) => event.evaluatedAt !== undefined && event.evaluatedAt <= settled)
  );
};

/**
 * Evaluates a session from all its events: each event's severity and flag, the session's
 * integrity score, and whether it is flagged. It is a function of the events alone, so a
 * message delivered twice, or two evaluations at once, end in the same state; a write that
 * lost a race is decided again on fresh data.
 */
export const evaluateSession = async (
  tenantId: string,
  testSessionId: string,
  eventIds: readonly string[],
  requestId = 'proctoring-evaluation',
): Promise<EvaluationReport> => {
  const { data: session } = await TestSessionEntity.get({ tenantId, testSessionId }).go({ consistent: true });
  if (!session?.assessmentId) return { testSessionId, outcome: 'ignored' };
  if (await alreadyEvaluated(session, eventIds)) return { testSessionId, outcome: 'skipped' };
  const { data: assessment } = await AssessmentEntity.get({ tenantId, assessmentId: session.assessmentId }).go();
  if (!assessment) return { testSessionId, outcome: 'ignored' };
  for (let attempt = 1; ; attempt++) {
    try {
      return { ...(await evaluateOnce(session, assessment, eventIds, requestId)), attempts: attempt };
    } catch (error) {
      if (!(error instanceof StaleEvaluationError) || attempt >= ATTEMPTS) throw error;
      // Evaluations of one session arrive in bursts (a page sends a batch every few seconds): spread the retries.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * RETRY_JITTER_MS * attempt));
    }
  }
};
