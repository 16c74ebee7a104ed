import * as z from 'zod/mini';
import { idPattern } from '../shared/ids.ts';
import { idPath, listQuery, notEmpty, page, text, trackedView } from '../shared/schema.ts';
import { QUESTION_SET_SOURCES } from './question.model.ts';

export const MAX_SET_TITLE = 200;
export const MAX_SET_DESCRIPTION = 2_000;

const jobDescriptionId = z
  .string()
  .check(z.regex(idPattern('jobDescription'), 'A job description id such as jd_01J...'));

/** Sets made through the API are `manual`; generated ones come from question generation. */
export const CreateQuestionSetBody = z.strictObject({
  title: text(MAX_SET_TITLE),
  description: z.optional(text(MAX_SET_DESCRIPTION)),
  /** A job description of the tenant the questions are about. */
  jobDescriptionId: z.optional(jobDescriptionId),
});
export type CreateQuestionSet = z.output<typeof CreateQuestionSetBody>;

/** `null` clears `description` or `jobDescriptionId`. */
export const UpdateQuestionSetBody = z
  .strictObject({
    title: z.optional(text(MAX_SET_TITLE)),
    description: z.optional(z.nullable(text(MAX_SET_DESCRIPTION))),
    jobDescriptionId: z.optional(z.nullable(jobDescriptionId)),
  })
  .check(notEmpty);
export type UpdateQuestionSet = z.output<typeof UpdateQuestionSetBody>;

export const QuestionSetPath = idPath('questionSet');

export const ListQuestionSetsQuery = z.strictObject({
  source: z.optional(z.enum(QUESTION_SET_SOURCES)),
  ...listQuery,
});
export type ListQuestionSets = z.output<typeof ListQuestionSetsQuery>;

export const DifficultyMix = z.object({ easy: z.int(), medium: z.int(), hard: z.int() });
export type DifficultyMix = z.output<typeof DifficultyMix>;

export const QuestionSet = z.object({
  id: z.string(),
  title: z.string(),
  description: z.optional(z.string()),
  source: z.enum(QUESTION_SET_SOURCES),
  jobDescriptionId: z.optional(z.string()),
  /** Derived from the live questions: the union of their skill tags, A to Z. */
  skills: z.array(z.string()),
  difficultyMix: DifficultyMix,
  questionCount: z.int(),
  totalPoints: z.number(),
  /** An assessment using the set was published: editing a question makes a new revision of it. */
  locked: z.boolean(),
  archivedAt: z.optional(z.string()),
  ...trackedView,
});
export type QuestionSet = z.output<typeof QuestionSet>;

export const QuestionSetPage = page(QuestionSet);
