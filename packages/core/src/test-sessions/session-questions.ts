import type { AnswerResponse, QuestionContent } from '../assessments/question.content.ts';
import type { QuestionItem } from '../assessments/question.entity.ts';
import { getQuestionsByIds, questionContentOf, toCandidateQuestion } from '../assessments/question-set.service.ts';
import { ValidationError } from '../shared/errors.ts';
import { seededOrder } from '../shared/seeded-order.ts';
import type { TestSessionItem } from './test-session.entity.ts';

/** The option order this session shows for a question: shuffled per session and question when asked, else as written. */
export const optionOrderFor = (
  session: Pick<TestSessionItem, 'testSessionId' | 'shuffleOptions'>,
  question: QuestionItem,
): string[] | undefined => {
  if (!session.shuffleOptions) return undefined;
  const options = question.options ?? [];
  return seededOrder(`${session.testSessionId}:${question.questionId}`, options, (option) => option.id).map(
    (option) => option.id,
  );
};

/** The session's questions as the candidate sees them, in the session's order. */
export const candidateQuestionsOf = async (session: TestSessionItem) => {
  const questions = await getQuestionsByIds(session.tenantId, session.questionIds);
  return questions.map((question) => toCandidateQuestion(question, optionOrderFor(session, question)));
};

const mismatch = (field: string, code: string, message: string) =>
  new ValidationError('This answer does not fit the question.', { errors: [{ field, code, message }] });

/** An answer must be of the question's type and name only its options; anything else is the client's 400. */
export const assertAnswerFits = (question: QuestionContent, answer: AnswerResponse): void => {
  if (answer.type !== question.type) {
    throw mismatch('type', 'wrong_type', `This question takes a ${question.type} answer`);
  }
  if (!('options' in question)) return;
  const known = new Set(question.options.map((option) => option.id));
  if (answer.type === 'single_choice' && !known.has(answer.optionId)) {
    throw mismatch('optionId', 'unknown_option', 'Not one of the options of this question');
  }
  if (answer.type === 'multiple_choice') {
    const index = answer.optionIds.findIndex((id) => !known.has(id));
    if (index >= 0) throw mismatch(`optionIds.${index}`, 'unknown_option', 'Not one of the options of this question');
  }
};

/** The one question of a session an answer is for; a question not in the session is unknown to it. */
export const sessionQuestion = async (session: TestSessionItem, questionId: string): Promise<QuestionContent> => {
  const [question] = await getQuestionsByIds(session.tenantId, [questionId]);
  if (!question) throw new Error(`Question ${questionId} vanished`);
  return questionContentOf(question);
};
