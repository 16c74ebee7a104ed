import { advanceApplication } from '../applications/application.stage.ts';
import { AssessmentEntity } from '../assessments/assessment.entity.ts';
import type { AnswerResponse } from '../assessments/question.content.ts';
import type { QuestionItem } from '../assessments/question.entity.ts';
import { getQuestionsByIds, questionContentOf } from '../assessments/question-set.service.ts';
import { eventWrite } from '../events/record.ts';
import { auditWrite } from '../platform/audit.ts';
import { isoNow } from '../shared/clock.ts';
import { systemPrincipal } from '../shared/principal.ts';
import { transactWrite, update } from '../shared/transaction.ts';
import { AnswerEntity, type AnswerItem } from './answer.entity.ts';
import { countedAnswers } from './candidate-session.service.ts';
import { aggregateResult, type ScoredQuestion } from './scoring/result.ts';
import { QuestionScore, type Result } from './scoring/score.schema.ts';
import { scoreAnswer } from './scoring/score-answer.ts';
import { type TextScorer, textScorerFromEnv } from './scoring/text-scorer.ts';
import { TestSessionEntity, type TestSessionItem } from './test-session.entity.ts';

const BATCH_ATTEMPTS = 4;

/** Best first: 10000 - percentage x 100, zero-padded, then the id, so equal scores keep a stable order. */
export const rankKeyOf = (percentage: number, testSessionId: string): string =>
  `${String(10_000 - Math.round(percentage * 100)).padStart(5, '0')}#${testSessionId}`;

/** A stored score, or none when the item has none or an unreadable one (it is then scored again). */
export const storedScore = (answer: AnswerItem | undefined) => {
  const parsed = QuestionScore.safeParse(answer?.score);
  return parsed.success ? parsed.data : undefined;
};

/** Writes the answers' scores; a batch's unprocessed items are written again. */
const writeAnswerScores = async (answers: AnswerItem[]): Promise<void> => {
  let pending = answers;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const { unprocessed } = await AnswerEntity.put(pending).go();
    if (unprocessed.length && attempt >= BATCH_ATTEMPTS)
      throw new Error(`${unprocessed.length} answer scores stayed unwritten.`);
    const left = new Set(unprocessed.map((key) => key.questionId));
    pending = pending.filter((answer) => left.has(answer.questionId));
  }
};

export interface ScoredSession {
  session: TestSessionItem;
  questions: QuestionItem[];
  answers: Map<string, AnswerItem>;
  scores: ScoredQuestion[];
  result: Result;
}

/**
 * Scores every question of a session from its counted answers. A score a person gave
 * (an override) is kept as it is: scoring again never undoes a reviewer's decision.
 */
export const scoreQuestions = async (
  session: TestSessionItem,
  passingScore: number,
  scorer: TextScorer,
): Promise<ScoredSession> => {
  const [questions, { data: allAnswers }] = await Promise.all([
    getQuestionsByIds(session.tenantId, session.questionIds),
    AnswerEntity.query
      .bySession({ tenantId: session.tenantId, testSessionId: session.testSessionId })
      .go({ pages: 'all' }),
  ]);
  const answers = new Map(countedAnswers(session, allAnswers).map((answer) => [answer.questionId, answer]));
  const scores: ScoredQuestion[] = [];
  for (const question of questions) {
    const answer = answers.get(question.questionId);
    const kept = storedScore(answer);
    const content = questionContentOf(question);
    const score =
      kept?.method === 'manual'
        ? kept
        : await scoreAnswer(
            { ...content, id: question.questionId },
            answer?.response as AnswerResponse | undefined,
            scorer,
          );
    scores.push({
      question: { id: question.questionId, points: content.points, skillTags: content.skillTags },
      score: { ...score, questionId: question.questionId },
      answered: answer !== undefined,
    });
  }
  return { session, questions, answers, scores, result: aggregateResult(scores, passingScore) };
};

/** The application's next step after a scored attempt: on with a clear pass, otherwise a person decides. */
export const outcomeOf = (result: Result): 'advanced' | 'review' =>
  result.passed && !result.needsReview ? 'advanced' : 'review';

/**
 * Scores a submitted session (the tasks consumer runs it for `test_session.submitted`):
 * answers' scores, the result and its ranking, then the application moves on for a clear
 * pass, and the assessment's owner is told either way. Redelivery changes nothing: a scored
 * session is left alone, and the application is moved only from the assessment stage.
 */
export const scoreSession = async (
  tenantId: string,
  testSessionId: string,
  {
    scorer = textScorerFromEnv(),
    requestId = `score:${testSessionId}`,
  }: { scorer?: TextScorer; requestId?: string } = {},
): Promise<Result | undefined> => {
  const { data: session } = await TestSessionEntity.get({ tenantId, testSessionId }).go({ consistent: true });
  if (session?.status !== 'submitted' || session.kind !== 'assessment' || !session.assessmentId) return undefined;
  const { data: assessment } = await AssessmentEntity.get({ tenantId, assessmentId: session.assessmentId }).go();
  if (!assessment) throw new Error(`Assessment ${session.assessmentId} of session ${testSessionId} is gone`);
  const scored = await scoreQuestions(session, assessment.passingScore, scorer);
  const scoredAt = isoNow();
  const byQuestion = new Map(scored.scores.map((entry) => [entry.question.id, entry.score]));
  await writeAnswerScores(
    [...scored.answers.values()].map((answer) => ({ ...answer, score: byQuestion.get(answer.questionId), scoredAt })),
  );
  const outcome = outcomeOf(scored.result);
  const system = systemPrincipal(tenantId, requestId);
  if (outcome === 'advanced' && session.applicationId) {
    await advanceApplication(system, session.applicationId, {
      from: 'assessment',
      to: 'interview',
      reason: `Passed ${assessment.title} with ${scored.result.percentage}%`,
    });
  }
  await transactWrite([
    update(
      TestSessionEntity.patch({ tenantId, testSessionId })
        .set({
          status: 'scored',
          scoredAt,
          result: scored.result,
          rankKey: rankKeyOf(scored.result.percentage, testSessionId),
          updatedAt: scoredAt,
        })
        .composite({ scopeId: session.scopeId })
        .add({ version: 1 })
        .where(({ status }, { eq }) => eq(status, 'submitted'))
        .params(),
    ),
    eventWrite(system, 'test_session.scored', {
      testSessionId,
      assessmentId: assessment.assessmentId,
      assessmentTitle: assessment.title,
      ...(session.applicationId ? { applicationId: session.applicationId } : {}),
      percentage: scored.result.percentage,
      passed: scored.result.passed,
      needsReview: scored.result.needsReview,
      outcome,
      recipientIds: [assessment.createdBy],
    }),
    auditWrite(system, {
      action: 'test_session.scored',
      entityType: 'test_session',
      entityId: testSessionId,
      before: { status: 'submitted' },
      after: {
        status: 'scored',
        percentage: scored.result.percentage,
        passed: scored.result.passed,
        needsReview: scored.result.needsReview,
        outcome,
      },
    }),
  ]);
  return scored.result;
};
