import type { AnswerResponse, QuestionContent } from '../../assessments/question.content.ts';
import { scoreObjective } from './objective-scoring.ts';
import type { QuestionScore } from './score.schema.ts';
import type { TextQuestion, TextScorer } from './text-scorer.ts';

/** The text of a text answer; '' for no answer or an answer of another type (scored as blank). */
export const answerText = (question: TextQuestion, answer: AnswerResponse | undefined): string => {
  if (answer?.type !== question.type) return '';
  if (answer.type === 'coding') return answer.code;
  return answer.type === 'short_text' || answer.type === 'long_text' ? answer.text : '';
};

/** Scores any question: objective types by the answer key, text types by the given scorer. */
export const scoreAnswer = (
  question: QuestionContent & { id?: string },
  answer: AnswerResponse | undefined,
  scorer: TextScorer,
): Promise<QuestionScore> => {
  switch (question.type) {
    case 'short_text':
    case 'long_text':
    case 'coding':
      return scorer.score(question, answerText(question, answer));
    default:
      return Promise.resolve(scoreObjective(question, answer));
  }
};
