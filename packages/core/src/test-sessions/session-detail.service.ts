import { candidateNameOf } from '../applications/related.ts';
import { assertAssessmentManager, loadAssessment } from '../assessments/assessment.service.ts';
import { getQuestionsByIds } from '../assessments/question-set.service.ts';
import { ProctoringSummaryEntity } from '../proctoring/proctoring-summary.entity.ts';
import { isoNow } from '../shared/clock.ts';
import { NotFoundError } from '../shared/errors.ts';
import type { Principal } from '../shared/principal.ts';
import { AnswerEntity, type AnswerItem } from './answer.entity.ts';
import { countedAnswers } from './candidate-session.service.ts';
import type { TestSessionDetail } from './results.schema.ts';
import { toSessionDetail } from './session-detail.view.ts';
import { TestSessionEntity, type TestSessionItem } from './test-session.entity.ts';

/**
 * A session of one of the tenant's assessments, or a 404. Practice sessions are their user's
 * own and never a reviewer's: they are not found here either.
 */
export const loadAssessmentSession = async (
  tenantId: string,
  id: string,
  consistent = false,
): Promise<TestSessionItem & { assessmentId: string }> => {
  const { data } = await TestSessionEntity.get({ tenantId, testSessionId: id }).go({ consistent });
  if (data?.kind !== 'assessment' || !data.assessmentId) {
    throw new NotFoundError(`Test session ${id} was not found.`);
  }
  return { ...data, assessmentId: data.assessmentId };
};

/** Every answer saved in the session, counted or not (the caller filters). */
export const answersOf = async (session: TestSessionItem, consistent = false): Promise<AnswerItem[]> => {
  const { data } = await AnswerEntity.query
    .bySession({ tenantId: session.tenantId, testSessionId: session.testSessionId })
    .go({ pages: 'all', consistent });
  return data;
};

/** What a reviewer reads of one session: its questions with the answer key, the answers that count, their scores. */
export const getTestSessionDetail = async (
  actor: Principal,
  id: string,
  { consistent = false }: { consistent?: boolean } = {},
): Promise<TestSessionDetail> => {
  assertAssessmentManager(actor);
  const { tenantId } = actor;
  const session = await loadAssessmentSession(tenantId, id, consistent);
  const [assessment, questions, answers, candidateName, proctoring] = await Promise.all([
    loadAssessment(tenantId, session.assessmentId),
    getQuestionsByIds(tenantId, session.questionIds),
    answersOf(session, consistent),
    candidateNameOf(tenantId, session.ownerId),
    ProctoringSummaryEntity.get({ tenantId, testSessionId: id }).go({ consistent }),
  ]);
  return toSessionDetail({
    session,
    assessment,
    questions,
    answers: countedAnswers(session, answers),
    candidateName,
    proctoring: proctoring.data ?? undefined,
    now: isoNow(),
  });
};
