import { QuestionContent, type QuestionContentInput } from '@assist-ten/core/assessments/question.content';

type Of<T extends QuestionContent['type']> = Extract<QuestionContent, { type: T }>;
type InputOf<T extends QuestionContent['type']> = Omit<
  Extract<QuestionContentInput, { type: T }>,
  'type' | 'prompt'
> & {
  prompt?: string;
};

/** A question of one type, through the real schema (so defaults apply and the answer key is valid). */
const question = <T extends QuestionContent['type']>(type: T, fields: InputOf<T>): Of<T> =>
  QuestionContent.parse({ type, prompt: `A ${type} question`, ...fields }) as Of<T>;

const options = (...ids: string[]) => ids.map((id) => ({ id, text: `Option ${id}` }));

export const aSingleChoice = (fields: Partial<InputOf<'single_choice'>> = {}) =>
  question('single_choice', { options: options('a', 'b', 'c'), correctOptionIds: ['b'], ...fields });

export const aMultipleChoice = (fields: Partial<InputOf<'multiple_choice'>> = {}) =>
  question('multiple_choice', {
    options: options('a', 'b', 'c', 'd', 'e'),
    correctOptionIds: ['a', 'b', 'c'],
    ...fields,
  });

export const aTrueFalse = (fields: Partial<InputOf<'true_false'>> = {}) =>
  question('true_false', { correctAnswer: true, ...fields });

export const aNumeric = (fields: Partial<InputOf<'numeric'>> = {}) =>
  question('numeric', { correctNumber: 42, ...fields });

export const aShortText = (fields: Partial<InputOf<'short_text'>> = {}) => question('short_text', { ...fields });

export const aLongText = (fields: Partial<InputOf<'long_text'>> = {}) => question('long_text', { ...fields });

export const aCoding = (fields: Partial<InputOf<'coding'>> = {}) =>
  question('coding', { language: 'TypeScript', ...fields });
