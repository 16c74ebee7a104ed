import { ConflictError, NotFoundError } from '../shared/errors.ts';
import type { AnswerItem } from './answer.entity.ts';
import { applyOverride } from './scoring/override.ts';
import { aggregateResult, type ScoredQuestion } from './scoring/result.ts';
import { QuestionScore, type Result } from './scoring/score.schema.ts';
import { rankKeyOf } from './session-scoring.ts';
import type { TestSessionItem } from './test-session.entity.ts';

/** What a question is worth and counts toward: all the result needs of it. */
export type QuestionWorth = ScoredQuestion['question'];

/** A counted answer as the override reads it. */
export type StoredAnswer = Pick<AnswerItem, 'questionId' | 'answeredAt' | 'score'>;

/** The score scoring gives a question nobody answered: nothing earned, nothing to review. */
const notAnswered = (question: QuestionWorth): QuestionScore => ({
  questionId: question.id,
  earned: 0,
  possible: question.points,
  method: 'exact',
  confidence: 1,
  needsReview: false,
  feedback: 'Not answered',
});

/**
 * The session's question scores as scoring stored them, in the session's order. Nothing is
 * scored again: a text scorer asked twice may answer differently, and one reviewer's
 * override must not move another question's score.
 */
export const storedScoresOf = (
  questions: readonly QuestionWorth[],
  answers: ReadonlyMap<string, StoredAnswer>,
): ScoredQuestion[] =>
  questions.map((question) => {
    const answer = answers.get(question.id);
    if (!answer) return { question, score: notAnswered(question), answered: false };
    const stored = QuestionScore.safeParse(answer.score);
    // scoreSession writes every counted answer's score before the session is marked scored.
    if (!stored.success) throw new Error(`The answer to ${question.id} of a scored session has no readable score`);
    return { question, score: stored.data, answered: true };
  });

export interface OverrideCase {
  session: Pick<TestSessionItem, 'testSessionId' | 'status'>;
  /** The session's questions, in its order. */
  questions: readonly QuestionWorth[];
  /** The answers that count, by question id. */
  answers: ReadonlyMap<string, StoredAnswer>;
  passingScore: number;
}

export interface OverrideDecision {
  before: QuestionScore;
  score: QuestionScore;
  result: Result;
  rankKey: string;
}

/**
 * A reviewer's score for one answer, and the session's result and ranking with it. Only a
 * scored session has scores to override; a question nobody answered has nothing to score.
 */
export const decideOverride = (
  { session, questions, answers, passingScore }: OverrideCase,
  questionId: string,
  { earned, reason }: { earned: number; reason: string },
  actorId: string,
): OverrideDecision => {
  const { testSessionId, status } = session;
  if (status !== 'scored') {
    throw new ConflictError(`Test session ${testSessionId} is ${status}: only a scored session's scores can change.`, {
      extensions: { reason: 'not_scored', currentStatus: status },
    });
  }
  const scored = storedScoresOf(questions, answers);
  const overridden = scored.find((entry) => entry.question.id === questionId);
  if (!overridden) throw new NotFoundError(`Question ${questionId} is not part of test session ${testSessionId}.`);
  if (!overridden.answered) {
    throw new ConflictError(`Question ${questionId} was not answered: there is nothing to score.`, {
      extensions: { reason: 'not_answered' },
    });
  }
  const before = overridden.score;
  const score = applyOverride(before, earned, actorId, reason);
  const result = aggregateResult(
    scored.map((entry) => (entry.question.id === questionId ? { ...entry, score } : entry)),
    passingScore,
  );
  return { before, score, result, rankKey: rankKeyOf(result.percentage, testSessionId) };
};
