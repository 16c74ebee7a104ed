import { eventWrite } from '../events/record.ts';
import { auditWrite } from '../platform/audit.ts';
import { type Principal, systemPrincipal } from '../shared/principal.ts';
import { type TransactionWrite, transactWrite, update } from '../shared/transaction.ts';
import { familyRevokedWrite } from './refresh-token.service.ts';
import { TestSessionEntity, type TestSessionItem } from './test-session.entity.ts';
import { DEADLINE_GRACE_SECONDS, NOT_INDEXED, type Submission } from './test-session.model.ts';

/** Raised by the finish's own condition: someone else finished the session first. */
class AlreadyFinishedError extends Error {}

/** The deadline plus the grace a late network is given; after it, nothing the candidate sends counts. */
export const answersCutoff = (session: Pick<TestSessionItem, 'deadline' | 'submittedAt'>): string | undefined => {
  const graceEnd = session.deadline
    ? new Date(Date.parse(session.deadline) + DEADLINE_GRACE_SECONDS * 1000).toISOString()
    : undefined;
  if (!session.submittedAt) return graceEnd;
  return graceEnd && graceEnd < session.submittedAt ? graceEnd : session.submittedAt;
};

/** Past the deadline and its grace, by the server's clock. */
export const isPastDeadline = (session: Pick<TestSessionItem, 'deadline'>, now: string): boolean => {
  const cutoff = answersCutoff({ deadline: session.deadline, submittedAt: undefined });
  return cutoff !== undefined && now > cutoff;
};

/** A candidate acting, for the audit entries of what they do: their candidate id, no roles, no account. */
export const candidateActor = (tenantId: string, candidateId: string, requestId: string): Principal => ({
  userId: candidateId,
  tenantId,
  email: candidateId,
  roles: [],
  requestId,
});

/** Who finishes a session, for its audit entry: the candidate themselves, or the system's clock. */
const sessionActor = (session: TestSessionItem, submission: Submission, requestId: string): Principal =>
  submission === 'deadline'
    ? systemPrincipal(session.tenantId, requestId)
    : candidateActor(session.tenantId, session.ownerId, requestId);

/**
 * Ends an open session: its answers are final (those saved after `submittedAt` are ignored,
 * see answersCutoff), its refresh-token family stops working, and the scoring work is queued,
 * all in one transaction. Returns false when it was already finished (by the candidate, the
 * sweep, or a lazy check on access): finishing twice changes nothing.
 */
export const finishSession = async (
  session: TestSessionItem,
  submission: Submission,
  { now, requestId, extraWrites = [] }: { now: string; requestId: string; extraWrites?: TransactionWrite[] },
): Promise<boolean> => {
  const { tenantId, testSessionId } = session;
  const actor = sessionActor(session, submission, requestId);
  try {
    await transactWrite([
      update(
        TestSessionEntity.patch({ tenantId, testSessionId })
          .set({ status: 'submitted', submittedAt: now, submission, dueShard: NOT_INDEXED, updatedAt: now })
          // The due index's key is rebuilt from the shard and the deadline it keeps.
          .composite({ deadline: session.deadline ?? now })
          .add({ version: 1 })
          .where(({ status }, { eq }) => eq(status, 'in_progress'))
          .params(),
        () => new AlreadyFinishedError(),
      ),
      ...(session.familyId ? [familyRevokedWrite(tenantId, session.familyId, 'session_ended')] : []),
      eventWrite(actor, 'test_session.submitted', { testSessionId }),
      auditWrite(actor, {
        action: 'test_session.submitted',
        entityType: 'test_session',
        entityId: testSessionId,
        before: { status: 'in_progress' },
        after: { status: 'submitted', submission, submittedAt: now },
      }),
      ...extraWrites,
    ]);
    return true;
  } catch (error) {
    if (error instanceof AlreadyFinishedError) return false;
    throw error;
  }
};

/** Whether a session is over for good: finished, or open past its deadline (the sweep has not come by yet). */
export const isSessionOver = async (tenantId: string, testSessionId: string, now: string): Promise<boolean> => {
  const { data } = await TestSessionEntity.get({ tenantId, testSessionId }).go({ consistent: true });
  return data?.status !== 'in_progress' || isPastDeadline(data, now);
};
