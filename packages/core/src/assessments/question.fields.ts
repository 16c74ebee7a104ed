import {
  CodingContent,
  LongTextContent,
  MultipleChoiceContent,
  NumericContent,
  ShortTextContent,
  SingleChoiceContent,
  TrueFalseContent,
} from './question.content.ts';
import type { QuestionType } from './question.model.ts';

/** Each question type's schema, by type: the one place that says which fields a type has. */
export const CONTENT_SCHEMAS = {
  single_choice: SingleChoiceContent,
  multiple_choice: MultipleChoiceContent,
  true_false: TrueFalseContent,
  numeric: NumericContent,
  short_text: ShortTextContent,
  long_text: LongTextContent,
  coding: CodingContent,
} as const satisfies Record<QuestionType, unknown>;

/** The content fields a question of `type` has, `type` included. */
export const contentFieldsOf = (type: QuestionType): readonly string[] => Object.keys(CONTENT_SCHEMAS[type].shape);

/** Every content field of any type: what a question item may hold besides its bookkeeping. */
export const ALL_CONTENT_FIELDS: readonly string[] = [
  ...new Set(Object.values(CONTENT_SCHEMAS).flatMap((schema) => Object.keys(schema.shape))),
];

/** Optional fields an edit may clear with `null`; the others always have a value (or a default). */
export const CLEARABLE_FIELDS = ['timeHintSeconds', 'explanation', 'expectedAnswer', 'rubric', 'starterCode'] as const;
