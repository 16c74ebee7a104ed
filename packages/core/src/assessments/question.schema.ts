import * as z from 'zod/mini';
import { idPattern } from '../shared/ids.ts';
import { boundedList, listQuery, notEmpty, page, trackedView } from '../shared/schema.ts';
import {
  CodingContent,
  LongTextContent,
  MultipleChoiceContent,
  NumericContent,
  ShortTextContent,
  SingleChoiceContent,
  TrueFalseContent,
} from './question.content.ts';
import { DIFFICULTIES, MAX_QUESTIONS_PER_SET, QUESTION_TYPES } from './question.model.ts';
import { MAX_QUESTION_ORDER } from './question.order.ts';

/**
 * A question's content is `QuestionContent` (question.content.ts); these are the request
 * bodies around it and the staff view of a question, answer key included.
 */

const order = z.int().check(z.minimum(1), z.maximum(MAX_QUESTION_ORDER));

/** Where the question goes: its `order`; questions from there on move down. Absent or past the end: last. */
const placement = { order: z.optional(order) };

/**
 * `QuestionContent` plus where the question goes. Rules spanning fields (every correct option
 * is an option) are checked by the service on `QuestionContent` itself, naming the field.
 */
export const CreateQuestionBody = z.discriminatedUnion('type', [
  z.strictObject({ ...SingleChoiceContent.shape, ...placement }),
  z.strictObject({ ...MultipleChoiceContent.shape, ...placement }),
  z.strictObject({ ...TrueFalseContent.shape, ...placement }),
  z.strictObject({ ...NumericContent.shape, ...placement }),
  z.strictObject({ ...ShortTextContent.shape, ...placement }),
  z.strictObject({ ...LongTextContent.shape, ...placement }),
  z.strictObject({ ...CodingContent.shape, ...placement }),
]);
export type CreateQuestion = z.output<typeof CreateQuestionBody>;

/** The schema inside a default or an optional: a PATCH sets what it is sent, and no default. */
const bare = <T extends z.core.SomeType>(schema: z.ZodMiniDefault<T> | z.ZodMiniOptional<T>): T =>
  schema._zod.def.innerType;

const common = SingleChoiceContent.shape;

/**
 * The content fields to change, each with the bounds of its type's schema; `null` clears an
 * optional one. Whether they make a valid question of the question's type is checked on the
 * question as it will be (question.policy.ts), so e.g. `correctOptionIds` is held to the options.
 * `type` may be sent, but only unchanged: a question of another type is a new question.
 */
export const UpdateQuestionBody = z
  .strictObject({
    type: z.optional(z.enum(QUESTION_TYPES)),
    prompt: z.optional(common.prompt),
    points: z.optional(bare(common.points)),
    difficulty: z.optional(z.enum(DIFFICULTIES)),
    skillTags: z.optional(bare(common.skillTags)),
    timeHintSeconds: z.optional(z.nullable(bare(common.timeHintSeconds))),
    explanation: z.optional(z.nullable(bare(common.explanation))),
    options: z.optional(common.options),
    correctOptionIds: z.optional(MultipleChoiceContent.shape.correctOptionIds),
    correctAnswer: z.optional(TrueFalseContent.shape.correctAnswer),
    correctNumber: z.optional(NumericContent.shape.correctNumber),
    tolerance: z.optional(bare(NumericContent.shape.tolerance)),
    acceptedAnswers: z.optional(bare(ShortTextContent.shape.acceptedAnswers)),
    expectedAnswer: z.optional(z.nullable(bare(CodingContent.shape.expectedAnswer))),
    rubric: z.optional(z.nullable(bare(CodingContent.shape.rubric))),
    keywords: z.optional(bare(CodingContent.shape.keywords)),
    language: z.optional(CodingContent.shape.language),
    starterCode: z.optional(z.nullable(bare(CodingContent.shape.starterCode))),
  })
  .check(notEmpty);
export type UpdateQuestion = z.output<typeof UpdateQuestionBody>;

/**
 * The full new order: every live question of the set once. Ids are bounded, not held to the
 * id pattern, so that a wrong one is named in the 400 with the others.
 */
export const ReorderQuestionsBody = z.strictObject({
  questionIds: boundedList(z.string().check(z.maxLength(64)), MAX_QUESTIONS_PER_SET),
});
export type ReorderQuestions = z.output<typeof ReorderQuestionsBody>;

const questionSetId = z.string().check(z.regex(idPattern('questionSet'), 'An id such as qset_01J...'));

export const QuestionsPath = z.strictObject({ id: questionSetId });

/**
 * `questionId` is not held to the id pattern: a segment that names no question of this set
 * is simply a question we do not have (404), like any other unknown id.
 */
export const QuestionPath = z.strictObject({ id: questionSetId, questionId: z.string().check(z.maxLength(64)) });

export const ListQuestionsQuery = z.strictObject({ ...listQuery });
export type ListQuestions = z.output<typeof ListQuestionsQuery>;

/** The staff view: the content with its answer key, and where the question stands. */
export const Question = z.object({
  id: z.string(),
  questionSetId: z.optional(z.string()),
  jobDescriptionId: z.optional(z.string()),
  type: z.enum(QUESTION_TYPES),
  prompt: z.string(),
  points: z.number(),
  difficulty: z.enum(DIFFICULTIES),
  skillTags: z.array(z.string()),
  timeHintSeconds: z.optional(z.int()),
  explanation: z.optional(z.string()),
  options: z.optional(z.array(z.object({ id: z.string(), text: z.string() }))),
  correctOptionIds: z.optional(z.array(z.string())),
  correctAnswer: z.optional(z.boolean()),
  correctNumber: z.optional(z.number()),
  tolerance: z.optional(z.number()),
  acceptedAnswers: z.optional(z.array(z.string())),
  expectedAnswer: z.optional(z.string()),
  rubric: z.optional(z.string()),
  keywords: z.optional(z.array(z.object({ term: z.string(), weight: z.number() }))),
  language: z.optional(z.string()),
  starterCode: z.optional(z.string()),
  order: z.int(),
  revision: z.int(),
  previousQuestionId: z.optional(z.string()),
  replacedByQuestionId: z.optional(z.string()),
  retiredAt: z.optional(z.string()),
  ...trackedView,
});
export type Question = z.output<typeof Question>;

export const QuestionPage = page(Question);

/**
 * The answer to an edit. In a locked set the edit is a new revision: a new question (new
 * `id`, `revision` + 1) in the same place, and `replacedQuestionId` names the retired one.
 */
export const EditedQuestion = z.object({
  ...Question.shape,
  replacedQuestionId: z.optional(z.string()),
});
export type EditedQuestion = z.output<typeof EditedQuestion>;
