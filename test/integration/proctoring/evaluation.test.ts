import { randomUUID } from 'node:crypto';
import { DEFAULT_PROCTORING_THRESHOLDS } from '@assist-ten/core/identity/settings.model';
import { evaluateSession } from '@assist-ten/core/proctoring/evaluation.service';
import { type EventInput, recordEvents, type SessionRef } from '@assist-ten/core/proctoring/event-ingestion';
import { NOT_QUEUED } from '@assist-ten/core/proctoring/proctoring.model';
import { ProctoringEventEntity } from '@assist-ten/core/proctoring/proctoring-event.entity';
import { ProctoringSummaryEntity } from '@assist-ten/core/proctoring/proctoring-summary.entity';
import { describe, expect, it } from 'vitest';
import { candidateInSession } from '../../support/fixtures/test-sessions.ts';
import { ownerOf, wholeInbox } from '../../support/inbox.ts';
import { eventually } from '../../support/queues.ts';
import { HOME } from '../../support/users.ts';
import { whoIs } from '../../support/whoami.ts';

const recruiter = () => whoIs(HOME.recruiter);

/** A live candidate session of the home tenant, as proctoring refers to it. */
const liveSession = async (): Promise<SessionRef> => {
  const [candidate, { tenantId }] = await Promise.all([candidateInSession(), recruiter()]);
  return {
    tenantId,
    testSessionId: candidate.testSessionId,
    assessmentId: candidate.assessmentId,
    candidateId: candidate.candidateId,
  };
};

const event = (eventType: EventInput['eventType'], secondsAgo = 1): EventInput => ({
  source: 'client',
  clientEventId: randomUUID(),
  eventType,
  detectedAt: new Date(Date.now() - secondsAgo * 1000).toISOString(),
});

const summaryOf = async (ref: SessionRef) =>
  (
    await ProctoringSummaryEntity.get({ tenantId: ref.tenantId, testSessionId: ref.testSessionId }).go({
      consistent: true,
    })
  ).data;

const eventItem = async (ref: SessionRef, proctoringEventId: string) =>
  (await ProctoringEventEntity.get({ tenantId: ref.tenantId, proctoringEventId }).go({ consistent: true })).data;

describe('evaluateSession', () => {
  it('flags a session below the tenant threshold once, and tells its recruiter urgently for a critical event', async () => {
    // Arrange: 25 (critical) + 10 + 10 (high) = 45 points: the score 55 is below the default 60
    const ref = await liveSession();
    const recorded = await recordEvents(
      ref,
      [event('multiple_faces_detected', 30), event('no_face_detected', 20), event('devtools_open', 10)],
      DEFAULT_PROCTORING_THRESHOLDS,
    );
    const ids = recorded.map((entry) => entry.proctoringEventId);

    // Act: evaluated twice at once, and once more later
    const [first, second] = await Promise.all([
      evaluateSession(ref.tenantId, ref.testSessionId, ids),
      evaluateSession(ref.tenantId, ref.testSessionId, ids),
    ]);
    const third = await evaluateSession(ref.tenantId, ref.testSessionId, ids);

    // Assert: the later call finds these events taken in already, and one evaluation flagged the session
    const evaluated = [first, second].filter((report) => report.outcome === 'evaluated');
    expect(evaluated.length).toBeGreaterThan(0);
    expect(evaluated.every((report) => report.integrityScore === 55)).toBe(true);
    expect(third.outcome).toBe('skipped');
    expect(evaluated.filter((report) => report.newlyFlagged)).toHaveLength(1);
    expect(await summaryOf(ref)).toMatchObject({
      integrityScore: 55,
      flagged: true,
      countedEventCount: 3,
      severityCounts: { low: 0, medium: 0, high: 2, critical: 1 },
    });
    const { userId } = await recruiter();
    let flagged: Awaited<ReturnType<typeof wholeInbox>> = [];
    await eventually(async () => {
      flagged = (await wholeInbox(ownerOf(ref.tenantId, userId))).filter(
        (notification) => notification.relatedEntityId === ref.testSessionId,
      );
      return flagged.length > 0;
    }, "the recruiter's notification");
    expect(flagged).toHaveLength(1);
    expect(flagged[0]).toMatchObject({ type: 'proctoring', priority: 'urgent' });
  });

  it('takes a dismissed event out of the score and the review queue', async () => {
    // Arrange: a paste (high, 10 points) and a copy (medium, 4)
    const ref = await liveSession();
    const [paste, copy] = await recordEvents(ref, [event('paste'), event('copy')], DEFAULT_PROCTORING_THRESHOLDS);
    const ids = [paste?.proctoringEventId ?? '', copy?.proctoringEventId ?? ''];
    await evaluateSession(ref.tenantId, ref.testSessionId, ids);
    const queued = await eventItem(ref, ids[0] ?? '');

    // Act: a reviewer dismisses the paste
    await ProctoringEventEntity.patch({ tenantId: ref.tenantId, proctoringEventId: ids[0] ?? '' })
      .set({ reviewStatus: 'dismissed' })
      .composite({ severity: queued?.severity ?? 'high', detectedAt: queued?.detectedAt ?? '' })
      .add({ version: 1 })
      .go();
    const report = await evaluateSession(ref.tenantId, ref.testSessionId, []);

    // Assert
    expect(queued).toMatchObject({ flagged: true, reviewQueue: 'pending' });
    expect(report.integrityScore).toBe(96);
    expect(await eventItem(ref, ids[0] ?? '')).toMatchObject({
      counted: false,
      flagged: false,
      reviewQueue: NOT_QUEUED,
      reviewStatus: 'dismissed',
    });
  });

  it('escalates with frequency: the third tab switch within five minutes is high', async () => {
    // Arrange
    const ref = await liveSession();
    const recorded = await recordEvents(
      ref,
      [event('tab_switch', 200), event('tab_switch', 100), event('tab_switch', 10)],
      DEFAULT_PROCTORING_THRESHOLDS,
    );

    // Act
    await evaluateSession(
      ref.tenantId,
      ref.testSessionId,
      recorded.map((entry) => entry.proctoringEventId),
    );

    // Assert
    const severities = await Promise.all(
      recorded.map(async (entry) => (await eventItem(ref, entry.proctoringEventId))?.severity),
    );
    expect(severities).toEqual(['medium', 'medium', 'high']);
    expect((await summaryOf(ref))?.deductions[0]).toMatchObject({ eventType: 'tab_switch', count: 3, points: 18 });
  });

  it('ignores a session that does not exist', async () => {
    // Act
    const report = await evaluateSession((await recruiter()).tenantId, 'tses_01JDEM0000000000000000ZZZZ', []);

    // Assert
    expect(report.outcome).toBe('ignored');
  });
});
