import { assertAssessmentManager, loadAssessment } from '../assessments/assessment.service.ts';
import { getQuestionsByIds } from '../assessments/question-set.service.ts';
import { auditWrite } from '../platform/audit.ts';
import { isoNow } from '../shared/clock.ts';
import { ConflictError } from '../shared/errors.ts';
import type { Principal } from '../shared/principal.ts';
import { update } from '../shared/transaction.ts';
import { versionedPatch, writeVersioned } from '../shared/versioned-write.ts';
import { AnswerEntity } from './answer.entity.ts';
import { countedAnswers } from './candidate-session.service.ts';
import type { ScoreOverride, TestSessionDetail } from './results.schema.ts';
import { decideOverride } from './score-override.ts';
import type { Result } from './scoring/score.schema.ts';
import { answersOf, getTestSessionDetail, loadAssessmentSession } from './session-detail.service.ts';
import { TestSessionEntity } from './test-session.entity.ts';

const answerChanged = (questionId: string) =>
  new ConflictError(`The answer to ${questionId} changed while you were scoring it. Read the session again.`);

/**
 * A reviewer's score for one answer, and the session's result and rank with it, in one
 * transaction with the audit entry. The session's version guards the whole decision: two
 * overrides of one session are decided one after the other, each on the other's result.
 * The audit entry keeps the reason's length, not its words: a reviewer may quote the answer.
 */
export const overrideAnswerScore = async (
  actor: Principal,
  id: string,
  questionId: string,
  input: ScoreOverride,
  expectedVersion?: number,
): Promise<TestSessionDetail> => {
  assertAssessmentManager(actor);
  const { tenantId } = actor;
  await writeVersioned(expectedVersion, {
    label: `Test session ${id}`,
    load: () => loadAssessmentSession(tenantId, id, true),
    decide: async (session) => {
      if (session.invalidatedAt) {
        throw new ConflictError('This attempt was invalidated after proctoring review: its scores no longer count.', {
          extensions: { reason: 'attempt_invalidated', invalidatedAt: session.invalidatedAt },
        });
      }
      const [assessment, questions, answers] = await Promise.all([
        loadAssessment(tenantId, session.assessmentId),
        getQuestionsByIds(tenantId, session.questionIds),
        answersOf(session, true),
      ]);
      const counted = new Map(countedAnswers(session, answers).map((answer) => [answer.questionId, answer]));
      const { before, score, result, rankKey } = decideOverride(
        {
          session,
          questions: questions.map((question) => ({
            id: question.questionId,
            points: question.points,
            skillTags: question.skillTags ?? [],
          })),
          answers: counted,
          passingScore: assessment.passingScore,
        },
        questionId,
        input,
        actor.userId,
      );
      const answeredAt = counted.get(questionId)?.answeredAt ?? '';
      const now = isoNow();
      const standing = (of: Pick<Result, 'percentage' | 'passed' | 'needsReview'>) => ({
        percentage: of.percentage,
        passed: of.passed,
        needsReview: of.needsReview,
      });
      return [
        versionedPatch(
          TestSessionEntity.patch({ tenantId, testSessionId: id })
            .set({ result, rankKey, updatedAt: now })
            // The ranking index's key is rebuilt from the scope it keeps.
            .composite({ scopeId: session.scopeId }),
          session.version,
        ),
        update(
          AnswerEntity.patch({ tenantId, testSessionId: id, questionId })
            .set({ score, scoredAt: now })
            .where((attributes, { eq }) => eq(attributes.answeredAt, answeredAt))
            .params(),
          () => answerChanged(questionId),
        ),
        auditWrite(actor, {
          action: 'test_session.score_overridden',
          entityType: 'test_session',
          entityId: id,
          before: {
            score: { questionId, earned: before.earned, method: before.method, needsReview: before.needsReview },
            ...standing(session.result ?? result),
          },
          after: {
            score: { questionId, earned: score.earned, method: score.method, needsReview: score.needsReview },
            reasonLength: input.reason.length,
            ...standing(result),
          },
        }),
      ];
    },
  });
  return getTestSessionDetail(actor, id, { consistent: true });
};
