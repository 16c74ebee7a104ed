import { benchCaller, createBenchAssessment, type Principal, startBenchSession } from './assessments.ts';
import { type Summary, summarise } from './stats.ts';

/** Proctoring measured against the local cloud (docs/benchmarks.md). */
export interface ProctoringTimings {
  sessions: number;
  eventsPerSession: number;
  /** POST /proctoring/events with 50 events over HTTP. */
  ingestBatch: Summary;
  /** Events accepted per second through the API, one test page sending batch after batch. */
  ingestedPerSecond: number;
  /** A session's first evaluation as the consumer runs it: every event read, decided and written. */
  evaluation: Summary;
  /** Events evaluated per second (first evaluations, which write every event). */
  evaluatedPerSecond: number;
  /** The review queue's first page (25, worst first): one Query of the sparse index. */
  reviewQueue: Summary;
}

const TYPES = ['tab_switch', 'window_blur', 'copy', 'paste', 'looking_away', 'fullscreen_exit'] as const;

export const measureProctoring = async (
  baseUrl: string,
  actor: Principal,
  { sessions = 3, batches = 10, reviewQueueReads = 100 } = {},
): Promise<ProctoringTimings> => {
  const { evaluateSession } = await import('@assist-ten/core/proctoring/evaluation.service');
  const { ProctoringEventEntity } = await import('@assist-ten/core/proctoring/proctoring-event.entity');
  const assessment = await createBenchAssessment(actor, 5);
  const call = benchCaller(baseUrl);

  const ingestBatch: number[] = [];
  const evaluation: number[] = [];
  let ingestMs = 0;
  let evaluateMs = 0;
  for (let session = 0; session < sessions; session++) {
    const { token, state } = await startBenchSession(baseUrl, actor, assessment);
    const started = performance.now();
    for (let batch = 0; batch < batches; batch++) {
      const events = Array.from({ length: 50 }, (_, index) => ({
        clientEventId: `b${batch}-e${index}`,
        eventType: TYPES[(batch * 50 + index) % TYPES.length],
        detectedAt: new Date(Date.now() - (50 - index) * 20).toISOString(),
        durationSeconds: index % 7,
      }));
      ingestBatch.push((await call('POST', '/api/v1/proctoring/events', token, { events })).ms);
    }
    ingestMs += performance.now() - started;
    // The local cloud's consumer evaluates the same session meanwhile; this times the work itself.
    const evaluating = performance.now();
    await evaluateSession(actor.tenantId, state.id, []);
    const ms = performance.now() - evaluating;
    evaluation.push(ms);
    evaluateMs += ms;
  }
  const reviewQueue: number[] = [];
  for (let read = 0; read < reviewQueueReads; read++) {
    const started = performance.now();
    await ProctoringEventEntity.query
      .reviewQueue({ tenantId: actor.tenantId, reviewQueue: 'pending' })
      .go({ limit: 25 });
    reviewQueue.push(performance.now() - started);
  }
  const events = sessions * batches * 50;
  return {
    sessions,
    eventsPerSession: batches * 50,
    ingestBatch: summarise(ingestBatch),
    ingestedPerSecond: Math.round((events / ingestMs) * 1000),
    evaluation: summarise(evaluation),
    evaluatedPerSecond: Math.round((events / evaluateMs) * 1000),
    reviewQueue: summarise(reviewQueue),
  };
};
