import { AssessmentEntity } from '../assessments/assessment.entity.ts';
import { eventWrite } from '../events/record.ts';
import { settingsFor } from '../identity/settings.service.ts';
import { auditWrite } from '../platform/audit.ts';
import { isoNow } from '../shared/clock.ts';
import { GoneError } from '../shared/errors.ts';
import { transactWrite, update } from '../shared/transaction.ts';
import { invitationBySecret } from '../test-sessions/candidate-session.service.ts';
import { candidateActor } from '../test-sessions/session-finish.ts';
import { TestSessionEntity } from '../test-sessions/test-session.entity.ts';
import { alreadyAppealed, assertAppealable } from './appeal.rules.ts';
import type { AppealReceipt, AppealRequest } from './appeal.schema.ts';
import { ensureSummary } from './evaluation.service.ts';
import { ProctoringSummaryEntity } from './proctoring-summary.entity.ts';

/**
 * A candidate's appeal of the proctoring evidence of their latest attempt, sent through
 * their invitation link (its secret is the credential, as on the landing page): kept on the
 * session's summary beside the evidence, once per attempt (a condition on the write), within
 * the tenant's window. The assessment's recruiter is told. Neither the audit entry nor the
 * event carries the text or the candidate's name: the review shows them to its reviewers.
 */
export const submitAppeal = async (secret: string, input: AppealRequest, requestId: string): Promise<AppealReceipt> => {
  const invitation = await invitationBySecret(secret);
  if (invitation.status === 'revoked') {
    throw new GoneError('This invitation was withdrawn.', { extensions: { reason: 'invitation_revoked' } });
  }
  const { tenantId, testSessionId, assessmentId } = invitation;
  const [session, settings, assessment] = await Promise.all([
    testSessionId
      ? TestSessionEntity.get({ tenantId, testSessionId })
          .go({ consistent: true })
          .then(({ data }) => data ?? undefined)
      : Promise.resolve(undefined),
    settingsFor(tenantId),
    AssessmentEntity.get({ tenantId, assessmentId }).go(),
  ]);
  const now = isoNow();
  assertAppealable(session, settings.proctoring.appealWindowDays, now);
  if (!session || !assessment.data) throw new Error(`Assessment ${assessmentId} of an invitation is gone`);
  await ensureSummary(session);
  const actor = candidateActor(tenantId, session.ownerId, requestId);
  await transactWrite([
    update(
      ProctoringSummaryEntity.patch({ tenantId, testSessionId: session.testSessionId })
        .set({ appealText: input.text, appealedAt: now })
        .add({ version: 1 })
        .where(({ appealedAt }, { notExists }) => notExists(appealedAt))
        .params(),
      alreadyAppealed,
    ),
    auditWrite(actor, {
      action: 'proctoring.appeal_submitted',
      entityType: 'test_session',
      entityId: session.testSessionId,
      after: { appealedAt: now, textLength: input.text.length },
    }),
    eventWrite(actor, 'proctoring.appeal_submitted', {
      testSessionId: session.testSessionId,
      assessmentId,
      assessmentTitle: assessment.data.title,
      reviewerIds: [assessment.data.createdBy],
    }),
  ]);
  return { testSessionId: session.testSessionId, appealedAt: now };
};
