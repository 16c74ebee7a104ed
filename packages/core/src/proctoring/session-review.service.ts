import { pageOf } from '../shared/paging.ts';
import type { Principal } from '../shared/principal.ts';
import { loadAssessmentSession } from '../test-sessions/session-detail.service.ts';
import type { TestSessionItem } from '../test-sessions/test-session.entity.ts';
import { MAX_INTEGRITY_SCORE } from './integrity.ts';
import { assertProctoringReviewer } from './proctoring.policy.ts';
import { ProctoringSummaryEntity, type ProctoringSummaryItem } from './proctoring-summary.entity.ts';
import { sessionTimelinePage } from './review-list.service.ts';
import { SessionReview, type SessionReviewQuery } from './session-review.schema.ts';
import { SnapshotEntity, type SnapshotItem } from './snapshot.entity.ts';
import { toSnapshot } from './snapshot.schema.ts';
import { presignSnapshotDownload } from './snapshot-storage.ts';

/** Events of the first page of a timeline: most sessions fit whole. */
export const TIMELINE_PAGE = 100;
export const SNAPSHOT_PAGE = 50;

/** What a session nothing was recorded for yet shows: the summary as it would be made, not written on a read. */
const NO_SUMMARY = {
  integrityScore: MAX_INTEGRITY_SCORE,
  deductions: [],
  eventCount: 0,
  countedEventCount: 0,
  severityCounts: { low: 0, medium: 0, high: 0, critical: 0 },
  flagged: false,
  acceptedSnapshots: 0,
  rejectedSnapshots: 0,
  version: 1,
} as const;

const summaryView = (summary: ProctoringSummaryItem | undefined) => {
  const source = summary ?? NO_SUMMARY;
  const decided = summary?.verdict && summary.verdictReason && summary.verdictBy && summary.verdictAt;
  return {
    integrityScore: source.integrityScore,
    deductions: source.deductions,
    eventCount: source.eventCount,
    countedEventCount: source.countedEventCount,
    severityCounts: source.severityCounts,
    flagged: source.flagged,
    flaggedAt: summary?.flaggedAt ?? null,
    evaluatedAt: summary?.evaluatedAt ?? null,
    snapshots: { accepted: source.acceptedSnapshots, rejected: source.rejectedSnapshots },
    verdict: decided
      ? {
          verdict: summary.verdict,
          reason: summary.verdictReason,
          decidedBy: summary.verdictBy,
          decidedAt: summary.verdictAt,
        }
      : null,
    appeal:
      summary?.appealText && summary.appealedAt ? { text: summary.appealText, appealedAt: summary.appealedAt } : null,
  };
};

const sessionFacts = (session: TestSessionItem & { assessmentId: string }) => ({
  assessmentId: session.assessmentId,
  candidateId: session.ownerId,
  applicationId: session.applicationId ?? null,
  status: session.status,
  attempt: session.attempt,
  startedAt: session.startedAt,
  submittedAt: session.submittedAt ?? null,
  scoredAt: session.scoredAt ?? null,
  result:
    session.status === 'scored' && session.result
      ? { percentage: session.result.percentage, passed: session.result.passed }
      : null,
  invalidatedAt: session.invalidatedAt ?? null,
  invalidatedBy: session.invalidatedBy ?? null,
});

/** Accepted snapshots, newest first, each with a download valid for minutes (the caller may see the session). */
const acceptedSnapshots = async (tenantId: string, testSessionId: string, cursor: string | undefined) => {
  const page = await pageOf(
    SnapshotEntity.query.bySession({ tenantId, testSessionId }).where(({ status }, { eq }) => eq(status, 'accepted')),
    'gsi1pk',
    { limit: SNAPSHOT_PAGE, cursor },
    (item: SnapshotItem) => item,
  );
  const items = await Promise.all(
    page.items.map(async (item) => {
      const snapshot = toSnapshot(item);
      const download = await presignSnapshotDownload({ ...snapshot, objectKey: item.objectKey });
      return { ...snapshot, url: download.url, urlExpiresAt: download.expiresAt };
    }),
  );
  return { items, nextCursor: page.nextCursor };
};

/**
 * One session as its reviewer reads it: the test's facts, what proctoring concluded, the
 * timeline's first page and the newest accepted snapshots. Another tenant's session, or a
 * practice, is a 404. Nothing is written: a session without a summary shows the defaults.
 */
export const getSessionReview = async (
  actor: Principal,
  id: string,
  query: SessionReviewQuery = {},
  { consistent = false }: { consistent?: boolean } = {},
): Promise<SessionReview> => {
  assertProctoringReviewer(actor);
  const { tenantId } = actor;
  const session = await loadAssessmentSession(tenantId, id, consistent);
  const [{ data: summary }, timeline, snapshots] = await Promise.all([
    ProctoringSummaryEntity.get({ tenantId, testSessionId: id }).go({ consistent }),
    sessionTimelinePage(tenantId, id, TIMELINE_PAGE),
    acceptedSnapshots(tenantId, id, query.snapshotsCursor),
  ]);
  return SessionReview.parse({
    testSessionId: id,
    session: sessionFacts(session),
    summary: summaryView(summary ?? undefined),
    events: timeline.items,
    eventsNextCursor: timeline.nextCursor,
    snapshots: snapshots.items,
    snapshotsNextCursor: snapshots.nextCursor,
    version: (summary ?? NO_SUMMARY).version,
  });
};
