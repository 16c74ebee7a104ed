import { AssessmentEntity } from '../assessments/assessment.entity.ts';
import { ConflictError, NotFoundError, TooManyRequestsError } from '../shared/errors.ts';
import { objectKey } from '../shared/files.ts';
import { newId } from '../shared/ids.ts';
import type { CandidatePrincipal } from '../shared/principal.ts';
import { put, transactWrite, update } from '../shared/transaction.ts';
import { loadCandidateSession } from '../test-sessions/candidate-session.service.ts';
import { ensureSummary } from './evaluation.service.ts';
import { ProctoringSummaryEntity } from './proctoring-summary.entity.ts';
import { SnapshotEntity } from './snapshot.entity.ts';
import { PENDING_SNAPSHOT_TTL_SECONDS, type SnapshotContentType } from './snapshot.model.ts';
import type { SnapshotUpload } from './snapshot.schema.ts';
import { allowedSnapshotUrls, nextSnapshotUrlAt, retryAfterSeconds, type SnapshotPace } from './snapshot-rate.ts';
import { presignSnapshotUpload } from './snapshot-storage.ts';

const tooSoon = (pace: SnapshotPace, issued: number, now: number) => {
  const at = nextSnapshotUrlAt(pace, issued);
  return new TooManyRequestsError(
    `Snapshots are taken every ${pace.intervalSeconds} seconds; ask for the next upload URL at ${new Date(at).toISOString()}.`,
    retryAfterSeconds(at, now),
  );
};

/** The count in the summary as the refused write found it (cancellation reasons come in DynamoDB's wire format). */
const issuedIn = (item: Record<string, unknown> | undefined): number | undefined => {
  const value = item?.snapshotUrlsIssued;
  if (typeof value === 'number') return value;
  const wire = (value as { N?: string } | undefined)?.N;
  return wire === undefined ? undefined : Number(wire);
};

/**
 * An upload slot for one webcam frame of the caller's own open session: the snapshot
 * (pending) and a presigned POST for its key alone. At most one URL per interval of the
 * assessment since the session began, plus a small burst. The count is taken by a write
 * conditional on the count still being below the allowance, in the transaction that makes
 * the snapshot, so two requests at once cannot both take the last slot.
 */
export const issueSnapshotUpload = async (
  principal: CandidatePrincipal,
  contentType: SnapshotContentType,
): Promise<SnapshotUpload> => {
  const session = await loadCandidateSession(principal);
  if (session.status !== 'in_progress') {
    throw new ConflictError('This session is over: no more snapshots are taken.', {
      extensions: { reason: 'session_submitted' },
    });
  }
  const { tenantId, testSessionId } = session;
  const { data: assessment } = await AssessmentEntity.get({ tenantId, assessmentId: principal.assessmentId }).go();
  if (!assessment) throw new NotFoundError('This test session was not found.');
  if (!assessment.proctoring.required) {
    throw new ConflictError('This assessment is not proctored: snapshots are not part of it.', {
      extensions: { reason: 'proctoring_not_required' },
    });
  }
  const pace: SnapshotPace = {
    startedAt: session.startedAt,
    intervalSeconds: assessment.proctoring.snapshotIntervalSeconds,
  };
  const summary = await ensureSummary(session);
  const now = Date.now();
  const allowed = allowedSnapshotUrls(pace, now);
  // Refused without a write when the count read is already at the allowance.
  if (summary.snapshotUrlsIssued >= allowed) throw tooSoon(pace, summary.snapshotUrlsIssued, now);
  const snapshotId = newId('snapshot');
  const key = objectKey(tenantId, 'snapshots', testSessionId, snapshotId);
  await transactWrite([
    // Not versioned: an atomic count commutes with evaluation's versioned rewrite of the score.
    update(
      ProctoringSummaryEntity.patch({ tenantId, testSessionId })
        .add({ snapshotUrlsIssued: 1 })
        .where(({ snapshotUrlsIssued }, { lt }) => lt(snapshotUrlsIssued, allowed))
        .params(),
      (item) => tooSoon(pace, issuedIn(item) ?? allowed, Date.now()),
    ),
    put(
      SnapshotEntity.create({
        tenantId,
        snapshotId,
        testSessionId,
        assessmentId: assessment.assessmentId,
        candidateId: session.ownerId,
        objectKey: key,
        contentType,
        status: 'pending',
        expiresAt: Math.floor(now / 1000) + PENDING_SNAPSHOT_TTL_SECONDS,
      }).params(),
    ),
  ]);
  const upload = await presignSnapshotUpload(key, contentType);
  const nextAt = nextSnapshotUrlAt(pace, summary.snapshotUrlsIssued + 1);
  return {
    snapshotId,
    ...upload,
    ...(nextAt > now ? { nextAllowedAt: new Date(nextAt).toISOString() } : {}),
  };
};
