import * as z from 'zod/mini';
import { boundedList, storableNumber, text } from '../shared/schema.ts';
import {
  DIFFICULTIES,
  MAX_ACCEPTED_ANSWER,
  MAX_ACCEPTED_ANSWERS,
  MAX_CODE_ANSWER,
  MAX_EXPECTED_ANSWER,
  MAX_EXPLANATION,
  MAX_KEYWORD,
  MAX_KEYWORDS,
  MAX_OPTION_ID,
  MAX_OPTION_TEXT,
  MAX_OPTIONS,
  MAX_POINTS,
  MAX_PROMPT,
  MAX_RUBRIC,
  MAX_SKILL_TAGS,
  MAX_STARTER_CODE,
  MAX_TEXT_ANSWER,
  MAX_TIME_HINT_SECONDS,
  MIN_OPTIONS,
} from './question.model.ts';

/**
 * What a question says and how it is scored: one schema per question type, discriminated by
 * `type`. Recruiters write it, generators produce it (validated by the same schema), scoring
 * reads its answer key. Candidates never see the answer key: they get `CandidateQuestion`.
 */

const optionId = z.string().check(z.regex(/^[a-z0-9_-]{1,16}$/, `Up to ${MAX_OPTION_ID} of a-z, 0-9, _ and -`));

export const QuestionOption = z.strictObject({ id: optionId, text: text(MAX_OPTION_TEXT) });
export type QuestionOption = z.output<typeof QuestionOption>;

const uniqueIds = z.refine<{ id: string }[]>(
  (options) => new Set(options.map((option) => option.id)).size === options.length,
  {
    message: 'Each option id may be used once',
  },
);
const options = z.array(QuestionOption).check(z.minLength(MIN_OPTIONS), z.maxLength(MAX_OPTIONS), uniqueIds);

/** A term a text answer should contain; `weight` says how much it counts (default 1). */
export const Keyword = z.strictObject({
  term: text(MAX_KEYWORD),
  weight: z._default(z.number().check(z.minimum(0.1), z.maximum(10)), 1),
});
export type Keyword = z.output<typeof Keyword>;

const keywords = boundedList(Keyword, MAX_KEYWORDS);

/** Fields every question type has. */
const common = {
  prompt: text(MAX_PROMPT),
  points: z._default(z.number().check(z.minimum(0.5), z.maximum(MAX_POINTS), z.multipleOf(0.5)), 1),
  difficulty: z._default(z.enum(DIFFICULTIES), 'medium'),
  /** Canonical skill names (the tenant's taxonomy), for per-skill scores. */
  skillTags: z._default(boundedList(text(100), MAX_SKILL_TAGS), []),
  /** How long a candidate should spend, shown as guidance only. */
  timeHintSeconds: z.optional(z.int().check(z.minimum(5), z.maximum(MAX_TIME_HINT_SECONDS))),
  /** Shown after the answer in practice mode, never in a real assessment. */
  explanation: z.optional(text(MAX_EXPLANATION)),
};

/** Every listed correct option must be an option. */
const correctAmongOptions = z.refine<{ options: QuestionOption[]; correctOptionIds: string[] }>(
  (question) => question.correctOptionIds.every((id) => question.options.some((option) => option.id === id)),
  { message: 'Every correct option id must name one of the options', path: ['correctOptionIds'] },
);

export const SingleChoiceContent = z
  .strictObject({
    type: z.literal('single_choice'),
    ...common,
    options,
    correctOptionIds: z.array(optionId).check(z.length(1, 'Exactly one option is correct')),
  })
  .check(correctAmongOptions);

export const MultipleChoiceContent = z
  .strictObject({
    type: z.literal('multiple_choice'),
    ...common,
    options,
    correctOptionIds: z.array(optionId).check(
      z.minLength(1, 'At least one option is correct'),
      z.maxLength(MAX_OPTIONS),
      z.refine((ids) => new Set(ids).size === ids.length, 'Each option once'),
    ),
  })
  .check(correctAmongOptions);

export const TrueFalseContent = z.strictObject({
  type: z.literal('true_false'),
  ...common,
  correctAnswer: z.boolean(),
});

export const NumericContent = z.strictObject({
  type: z.literal('numeric'),
  ...common,
  correctNumber: storableNumber,
  /** An answer within this distance of `correctNumber` is correct. */
  tolerance: z._default(storableNumber.check(z.minimum(0)), 0),
});

/** Text answers: what a model answer says, how to mark it, and the terms that earn points. */
const textKey = {
  expectedAnswer: z.optional(text(MAX_EXPECTED_ANSWER)),
  rubric: z.optional(text(MAX_RUBRIC)),
  keywords: z._default(keywords, []),
};

export const ShortTextContent = z.strictObject({
  type: z.literal('short_text'),
  ...common,
  ...textKey,
  /** Answers that are right as they stand (compared trimmed, case and spacing ignored). */
  acceptedAnswers: z._default(boundedList(text(MAX_ACCEPTED_ANSWER), MAX_ACCEPTED_ANSWERS), []),
});

export const LongTextContent = z.strictObject({ type: z.literal('long_text'), ...common, ...textKey });

export const CodingContent = z.strictObject({
  type: z.literal('coding'),
  ...common,
  ...textKey,
  language: text(40),
  starterCode: z.optional(z.string().check(z.maxLength(MAX_STARTER_CODE))),
});

export const QuestionContent = z.discriminatedUnion('type', [
  SingleChoiceContent,
  MultipleChoiceContent,
  TrueFalseContent,
  NumericContent,
  ShortTextContent,
  LongTextContent,
  CodingContent,
]);
export type QuestionContent = z.output<typeof QuestionContent>;
export type QuestionContentInput = z.input<typeof QuestionContent>;

/** What a candidate sees of a question: no answer key, no rubric, no explanation. */
export const CandidateQuestion = z.object({
  id: z.string(),
  type: z.enum(['single_choice', 'multiple_choice', 'true_false', 'short_text', 'long_text', 'numeric', 'coding']),
  prompt: z.string(),
  points: z.number(),
  options: z.optional(z.array(z.object({ id: z.string(), text: z.string() }))),
  timeHintSeconds: z.optional(z.int()),
  language: z.optional(z.string()),
  starterCode: z.optional(z.string()),
});
export type CandidateQuestion = z.output<typeof CandidateQuestion>;

/** A candidate's answer to one question; its `type` must be the question's. */
export const AnswerResponse = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('single_choice'), optionId }),
  z.strictObject({
    type: z.literal('multiple_choice'),
    optionIds: z.array(optionId).check(
      z.maxLength(MAX_OPTIONS),
      z.refine((ids) => new Set(ids).size === ids.length, 'Each option once'),
    ),
  }),
  z.strictObject({ type: z.literal('true_false'), value: z.boolean() }),
  z.strictObject({ type: z.literal('numeric'), value: storableNumber }),
  z.strictObject({ type: z.literal('short_text'), text: z.string().check(z.maxLength(MAX_ACCEPTED_ANSWER * 5)) }),
  z.strictObject({ type: z.literal('long_text'), text: z.string().check(z.maxLength(MAX_TEXT_ANSWER)) }),
  z.strictObject({ type: z.literal('coding'), code: z.string().check(z.maxLength(MAX_CODE_ANSWER)) }),
]);
export type AnswerResponse = z.output<typeof AnswerResponse>;
