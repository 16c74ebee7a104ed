import { DEFAULT_PROCTORING_THRESHOLDS, type ProctoringThresholds } from '../identity/settings.model.ts';
import { settingsFor } from '../identity/settings.service.ts';
import { isoNow } from '../shared/clock.ts';
import { isConditionalCheckFailure } from '../shared/db-errors.ts';
import { derivedIdAt } from '../shared/ids.ts';
import type { CandidatePrincipal } from '../shared/principal.ts';
import { sendQueueMessage } from '../shared/queue-message.ts';
import { loadCandidateSession } from '../test-sessions/candidate-session.service.ts';
import { answersCutoff } from '../test-sessions/session-finish.ts';
import type { TestSessionItem } from '../test-sessions/test-session.entity.ts';
import type { EvaluateSessionMessage } from './evaluation.message.ts';
import { type EventSource, isProctoringEventType, type ProctoringEventType } from './proctoring.model.ts';
import { ProctoringEventEntity } from './proctoring-event.entity.ts';
import type { EventMetadata, EventResult, ReportEventsResult, ReportedEvent } from './proctoring-event.schema.ts';
import { severityRank } from './severity-rank.ts';

/** The session an event belongs to, as every event item repeats it. */
export interface SessionRef {
  tenantId: string;
  testSessionId: string;
  assessmentId: string;
  candidateId: string;
}

export const sessionRefOf = (session: TestSessionItem): SessionRef => ({
  tenantId: session.tenantId,
  testSessionId: session.testSessionId,
  // A candidate's session always has its assessment; a practice never reaches proctoring.
  assessmentId: session.assessmentId ?? session.scopeId,
  candidateId: session.ownerId,
});

export interface EventInput {
  source: EventSource;
  clientEventId: string;
  eventType: ProctoringEventType;
  detectedAt: string;
  durationSeconds?: number;
  metadata?: EventMetadata;
  snapshotId?: string;
}

export interface RecordedEvent {
  clientEventId: string;
  proctoringEventId: string;
  /** `duplicate`: an event with this id was stored before; it was left as it was. */
  outcome: 'accepted' | 'duplicate';
}

/**
 * Clocks differ: a page's clock a little ahead of ours, or an event detected as the session
 * began, must not be lost. Further out, the event is not of this session.
 */
export const CLOCK_SKEW_SECONDS = 60;

/**
 * The event's id: the same for the same page event of the same session, however often it is
 * sent (a retried batch), and minted at its detection, so ids sort by when things happened.
 */
export const eventIdOf = (ref: SessionRef, input: Pick<EventInput, 'clientEventId' | 'detectedAt'>): string =>
  derivedIdAt(
    'proctoringEvent',
    Date.parse(input.detectedAt),
    `${ref.tenantId}/${ref.testSessionId}/${input.clientEventId}`,
  );

/**
 * Stores events, each at most once: creation is conditional on its derived key, so a retried
 * batch finds its events already there and changes nothing (a reviewed event keeps its review).
 * Each gets the tenant's severity for its type; evaluation escalates it later.
 */
export const recordEvents = async (
  ref: SessionRef,
  inputs: readonly EventInput[],
  thresholds: Partial<ProctoringThresholds>,
): Promise<RecordedEvent[]> =>
  Promise.all(
    inputs.map(async (input): Promise<RecordedEvent> => {
      const proctoringEventId = eventIdOf(ref, input);
      // Settings saved before a type existed have no severity for it: the default stands in.
      const severity = thresholds[input.eventType] ?? DEFAULT_PROCTORING_THRESHOLDS[input.eventType];
      try {
        await ProctoringEventEntity.create({
          ...ref,
          proctoringEventId,
          clientEventId: input.clientEventId,
          source: input.source,
          eventType: input.eventType,
          detectedAt: new Date(input.detectedAt).toISOString(),
          ...(input.durationSeconds === undefined ? {} : { durationSeconds: input.durationSeconds }),
          ...(input.snapshotId ? { snapshotId: input.snapshotId } : {}),
          metadata: input.metadata ?? {},
          severity,
          severityRank: severityRank(severity),
        }).go({ response: 'none' });
        return { clientEventId: input.clientEventId, proctoringEventId, outcome: 'accepted' };
      } catch (error) {
        if (!isConditionalCheckFailure(error)) throw error;
        return { clientEventId: input.clientEventId, proctoringEventId, outcome: 'duplicate' };
      }
    }),
  );

type Checked = { kind: 'keep'; input: EventInput } | { kind: 'reject'; result: EventResult };

const rejected = (clientEventId: string, reason: NonNullable<EventResult['reason']>, detail: string): Checked => ({
  kind: 'reject',
  result: { clientEventId, outcome: 'rejected', reason, detail },
});

/** Whether the page's event may belong to this session, by the server's clock. */
const checkEvent = (session: TestSessionItem, event: ReportedEvent, now: string): Checked => {
  if (session.status !== 'in_progress') {
    return rejected(event.clientEventId, 'session_submitted', 'The session is over: events are no longer recorded.');
  }
  if (!isProctoringEventType(event.eventType)) {
    return rejected(event.clientEventId, 'unknown_event_type', `"${event.eventType}" is not an event type we record.`);
  }
  const detected = Date.parse(event.detectedAt);
  const cutoff = answersCutoff(session);
  const earliest = Date.parse(session.startedAt) - CLOCK_SKEW_SECONDS * 1000;
  const latest =
    Math.min(Date.parse(now), cutoff ? Date.parse(cutoff) : Number.POSITIVE_INFINITY) + CLOCK_SKEW_SECONDS * 1000;
  if (detected < earliest || detected > latest) {
    return rejected(
      event.clientEventId,
      'outside_session',
      `detectedAt ${event.detectedAt} is outside the session (${session.startedAt} until ${cutoff ?? 'now'}).`,
    );
  }
  return {
    kind: 'keep',
    input: {
      source: 'client',
      clientEventId: event.clientEventId,
      eventType: event.eventType,
      detectedAt: event.detectedAt,
      ...(event.durationSeconds === undefined ? {} : { durationSeconds: event.durationSeconds }),
      ...(event.metadata ? { metadata: event.metadata } : {}),
    },
  };
};

/** Asks the proctoring queue to evaluate the session with these events in view. */
export const requestEvaluation = (ref: Pick<SessionRef, 'tenantId' | 'testSessionId'>, eventIds: string[]) => {
  const message: EvaluateSessionMessage = {
    kind: 'evaluate_session',
    tenantId: ref.tenantId,
    testSessionId: ref.testSessionId,
    eventIds,
  };
  return sendQueueMessage('proctoring', message);
};

/**
 * The test page's batch: each event is checked against the session, stored once, and the
 * session's evaluation is queued. The request stays cheap (a settings read and one
 * conditional write per event); severities, scores and flags are the queue's work.
 * Duplicates are queued again too: a batch retried after a failed send still gets evaluated.
 */
export const reportEvents = async (
  principal: CandidatePrincipal,
  events: readonly ReportedEvent[],
): Promise<ReportEventsResult> => {
  const session = await loadCandidateSession(principal);
  const now = isoNow();
  const checked = events.map((event) => checkEvent(session, event, now));
  const firstOf = new Map<string, EventInput>();
  for (const entry of checked) {
    if (entry.kind === 'keep' && !firstOf.has(entry.input.clientEventId))
      firstOf.set(entry.input.clientEventId, entry.input);
  }
  const ref = sessionRefOf(session);
  const recorded = firstOf.size
    ? await recordEvents(ref, [...firstOf.values()], (await settingsFor(ref.tenantId)).proctoring.thresholds)
    : [];
  const byClientId = new Map(recorded.map((entry) => [entry.clientEventId, entry]));
  const seen = new Set<string>();
  const results = checked.map((entry): EventResult => {
    if (entry.kind === 'reject') return entry.result;
    const stored = byClientId.get(entry.input.clientEventId);
    if (!stored) throw new Error(`Event ${entry.input.clientEventId} was not recorded`);
    const repeated = seen.has(stored.clientEventId);
    seen.add(stored.clientEventId);
    return {
      clientEventId: stored.clientEventId,
      outcome: repeated ? 'duplicate' : stored.outcome,
      proctoringEventId: stored.proctoringEventId,
    };
  });
  if (recorded.length)
    await requestEvaluation(
      ref,
      recorded.map((entry) => entry.proctoringEventId),
    );
  return {
    accepted: results.filter((result) => result.outcome === 'accepted').length,
    duplicates: results.filter((result) => result.outcome === 'duplicate').length,
    rejected: results.filter((result) => result.outcome === 'rejected').length,
    results,
  };
};
