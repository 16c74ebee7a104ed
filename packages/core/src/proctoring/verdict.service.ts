import { advanceApplication } from '../applications/application.stage.ts';
import { InvitationEntity } from '../assessments/invitation.entity.ts';
import { auditWrite } from '../platform/audit.ts';
import { isoNow } from '../shared/clock.ts';
import { ConflictError } from '../shared/errors.ts';
import type { Principal } from '../shared/principal.ts';
import { type TransactionWrite, update } from '../shared/transaction.ts';
import { versionedPatch, writeVersioned } from '../shared/versioned-write.ts';
import { loadAssessmentSession } from '../test-sessions/session-detail.service.ts';
import { TestSessionEntity, type TestSessionItem } from '../test-sessions/test-session.entity.ts';
import { NOT_INDEXED } from '../test-sessions/test-session.model.ts';
import { ensureSummary } from './evaluation.service.ts';
import { assertProctoringReviewer } from './proctoring.policy.ts';
import { ProctoringSummaryEntity, type ProctoringSummaryItem } from './proctoring-summary.entity.ts';
import type { SessionReview, VerdictRequest } from './session-review.schema.ts';
import { getSessionReview } from './session-review.service.ts';
import { decideVerdict, notScoredYet } from './verdict.rules.ts';

/** The verdict asked for is the one given: nothing to write, nothing to audit. */
class VerdictUnchangedError extends Error {}

const sessionMoved = (id: string) =>
  new ConflictError(`Test session ${id} changed while you were judging it. Read the review again.`);

const loadSummary = async (tenantId: string, testSessionId: string): Promise<ProctoringSummaryItem> => {
  const { data } = await ProctoringSummaryEntity.get({ tenantId, testSessionId }).go({ consistent: true });
  if (!data) throw new Error(`The proctoring summary of ${testSessionId} is gone`);
  return data;
};

/** The attempt counts for nothing: marked, and out of the assessment's ranking, only while still scored. */
const invalidationWrite = (session: TestSessionItem, actor: Principal, now: string): TransactionWrite =>
  update(
    TestSessionEntity.patch({ tenantId: session.tenantId, testSessionId: session.testSessionId })
      .set({ invalidatedAt: now, invalidatedBy: actor.userId, rankKey: NOT_INDEXED, updatedAt: now })
      // The ranking index's keys are rebuilt (removed: the index is sparse) from the scope it keeps.
      .composite({ scopeId: session.scopeId })
      .add({ version: 1 })
      .where(({ status }, { eq }) => eq(status, 'scored'))
      .params(),
    () => sessionMoved(session.testSessionId),
  );

/**
 * The invalidated attempt does not count against the candidate's attempts either: a resent
 * invitation grants the retake the reviewer's verdict implies.
 */
const attemptReturnedWrite = (session: TestSessionItem): TransactionWrite[] =>
  session.invitationId
    ? [
        update(
          InvitationEntity.patch({ tenantId: session.tenantId, invitationId: session.invitationId })
            .add({ attemptsUsed: -1, version: 1 })
            .where(({ attemptsUsed }, { gt }) => gt(attemptsUsed, 0))
            .params(),
        ),
      ]
    : [];

/**
 * A reviewer's verdict on a scored attempt, If-Match on the review's (summary's) version.
 * `clear` records it; `invalidate` also marks the session void and takes it out of the
 * ranking and gives the attempt back in the same transaction, then moves an application the
 * pass had advanced back to the assessment stage, so a resent invitation grants a retake. The same verdict again
 * changes nothing; after an invalidation no other verdict is possible (409). The audit entry
 * keeps the reason's length, not its words: it may quote the candidate's appeal.
 */
export const recordVerdict = async (
  actor: Principal,
  id: string,
  input: VerdictRequest,
  expectedVersion?: number,
): Promise<SessionReview> => {
  assertProctoringReviewer(actor);
  const { tenantId } = actor;
  const session = await loadAssessmentSession(tenantId, id, true);
  // Before anything is made for it: an unscored session is refused without a write.
  if (session.status !== 'scored') throw notScoredYet();
  await ensureSummary(session);
  let recorded = false;
  try {
    await writeVersioned(expectedVersion, {
      label: `The proctoring review of ${id}`,
      load: () => loadSummary(tenantId, id),
      decide: (summary) => {
        if (decideVerdict(session.status, summary.verdict, input.verdict) === 'unchanged') {
          throw new VerdictUnchangedError();
        }
        const now = isoNow();
        const invalidates = input.verdict === 'invalidate';
        recorded = true;
        return [
          versionedPatch(
            ProctoringSummaryEntity.patch({ tenantId, testSessionId: id }).set({
              verdict: input.verdict,
              verdictReason: input.reason,
              verdictBy: actor.userId,
              verdictAt: now,
            }),
            summary.version,
          ),
          ...(invalidates ? [invalidationWrite(session, actor, now), ...attemptReturnedWrite(session)] : []),
          auditWrite(actor, {
            action: invalidates ? 'test_session.invalidated' : 'test_session.proctoring_cleared',
            entityType: 'test_session',
            entityId: id,
            before: { verdict: summary.verdict ?? null, ranked: session.rankKey !== NOT_INDEXED },
            after: {
              verdict: input.verdict,
              reasonLength: input.reason.length,
              ranked: !invalidates && session.rankKey !== NOT_INDEXED,
              ...(invalidates ? { invalidatedAt: now } : {}),
            },
          }),
        ];
      },
    });
  } catch (error) {
    if (!(error instanceof VerdictUnchangedError)) throw error;
  }
  if (recorded && input.verdict === 'invalidate' && session.applicationId) {
    // Only from interview, where the pass advanced it: a person who moved it on since decided.
    await advanceApplication(actor, session.applicationId, {
      from: 'interview',
      to: 'assessment',
      reason: 'Assessment attempt invalidated after proctoring review',
    });
  }
  return getSessionReview(actor, id, {}, { consistent: true });
};
