import type { AnswerResponse, QuestionContent } from '../../assessments/question.content.ts';
import type { ObjectiveType } from '../../assessments/question.model.ts';
import type { QuestionScore } from './score.schema.ts';

export type ObjectiveQuestion = Extract<QuestionContent, { type: ObjectiveType }> & { id?: string };

/**
 * How far apart two numbers may be, beyond the tolerance, and still count as equal: float
 * arithmetic makes 0.1 + 0.2 come out as 0.30000000000000004, so an exact key needs this slack.
 * It is relative to the correct number's magnitude (at least 1), so it stays tiny everywhere.
 */
export const NUMERIC_RELATIVE_EPSILON = 1e-9;

const scored = (
  question: ObjectiveQuestion,
  earned: number,
  method: 'exact' | 'partial',
  feedback: string,
): QuestionScore => ({
  ...(question.id ? { questionId: question.id } : {}),
  earned,
  possible: question.points,
  method,
  // The answer key decides: there is nothing for a person to weigh.
  confidence: 1,
  needsReview: false,
  feedback,
});

const allOrNothing = (question: ObjectiveQuestion, answered: boolean, correct: boolean): QuestionScore =>
  scored(
    question,
    correct ? question.points : 0,
    'exact',
    answered ? (correct ? 'Correct' : 'Incorrect') : 'Not answered',
  );

export const isWithinTolerance = (value: number, correct: number, tolerance: number): boolean => {
  if (!Number.isFinite(value) || !Number.isFinite(correct) || !(tolerance >= 0)) return false;
  const slack = NUMERIC_RELATIVE_EPSILON * Math.max(1, Math.abs(correct));
  return Math.abs(value - correct) <= tolerance + slack;
};

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * Multiple choice, per option: points x max(0, (correct picks - wrong picks) / correct options),
 * two decimals. Every wrong pick cancels a right one, so ticking every box earns at most what
 * the wrong ticks leave, and only exactly the correct set earns full points. An id that is
 * not an option counts as a wrong pick; a repeated id counts once.
 */
export const multipleChoiceCredit = (points: number, correctIds: readonly string[], chosenIds: readonly string[]) => {
  const correct = new Set(correctIds);
  const chosen = new Set(chosenIds);
  const correctChosen = [...chosen].filter((id) => correct.has(id)).length;
  const wrongChosen = chosen.size - correctChosen;
  const net = Math.max(0, correctChosen - wrongChosen);
  // points x net x 100 is a whole number (points are halves), so the one division rounds exactly.
  const earned = correct.size === 0 ? 0 : Math.round((points * net * 100) / correct.size) / 100;
  return { earned, correctChosen, wrongChosen, correctCount: correct.size };
};

const multipleChoiceFeedback = (credit: ReturnType<typeof multipleChoiceCredit>): string => {
  if (credit.correctChosen === credit.correctCount && credit.wrongChosen === 0) return 'Correct';
  const right = `${credit.correctChosen} of ${plural(credit.correctCount, 'correct option')}`;
  return credit.wrongChosen === 0 ? right : `${right}, ${credit.wrongChosen} wrong`;
};

/**
 * Scores a single choice, multiple choice, true/false or numeric answer against the answer
 * key (docs/scoring.md). No answer, or an answer of another type, scores 0 without an error:
 * a skipped question earns nothing.
 */
export const scoreObjective = (question: ObjectiveQuestion, answer: AnswerResponse | undefined): QuestionScore => {
  switch (question.type) {
    case 'single_choice': {
      const given = answer?.type === 'single_choice' ? answer : undefined;
      return allOrNothing(question, given !== undefined, given?.optionId === question.correctOptionIds[0]);
    }
    case 'true_false': {
      const given = answer?.type === 'true_false' ? answer : undefined;
      return allOrNothing(question, given !== undefined, given?.value === question.correctAnswer);
    }
    case 'numeric': {
      const given = answer?.type === 'numeric' ? answer : undefined;
      const correct = given !== undefined && isWithinTolerance(given.value, question.correctNumber, question.tolerance);
      return allOrNothing(question, given !== undefined, correct);
    }
    case 'multiple_choice': {
      const given = answer?.type === 'multiple_choice' ? answer : undefined;
      if (!given) return scored(question, 0, 'partial', 'Not answered');
      const credit = multipleChoiceCredit(question.points, question.correctOptionIds, given.optionIds);
      return scored(question, credit.earned, 'partial', multipleChoiceFeedback(credit));
    }
  }
};
