import * as z from 'zod/mini';
import { ID_PREFIXES, idPattern } from '../shared/ids.ts';
import { boundedList, storableNumber, text } from '../shared/schema.ts';
import { DIFFICULTIES, QUESTION_TYPES } from './question.model.ts';
import { MAX_SET_TITLE } from './question-set.schema.ts';

export const MIN_GENERATED_QUESTIONS = 1;
export const MAX_GENERATED_QUESTIONS = 50;
export const DEFAULT_GENERATED_QUESTIONS = 10;
export const MAX_GENERATION_SKILLS = 20;
export const DEFAULT_DIFFICULTY_MIX = { easy: 1, medium: 2, hard: 1 } as const;

const mixWeight = storableNumber.check(z.minimum(0), z.maximum(100));

/** Relative weights: { easy: 1, medium: 2, hard: 1 } asks for a quarter easy, half medium, a quarter hard. */
export const DifficultyMix = z
  .strictObject({ easy: mixWeight, medium: mixWeight, hard: mixWeight })
  .check(
    z.refine(
      (mix) => DIFFICULTIES.some((difficulty) => mix[difficulty] > 0),
      'Give at least one difficulty a weight above 0',
    ),
  );

/** A skill (name or alias of the tenant's taxonomy) and its share of the questions, relative to the others. */
const WeightedSkill = z.strictObject({
  skill: text(100),
  weight: z._default(z.number().check(z.minimum(0.1), z.maximum(10)), 1),
});

const skills = boundedList(WeightedSkill, MAX_GENERATION_SKILLS).check(
  z.minLength(1, 'Give at least one skill'),
  z.refine((list) => new Set(list.map(({ skill }) => skill.toLowerCase())).size === list.length, {
    message: 'Each skill may be listed once',
  }),
);

const types = z.array(z.enum(QUESTION_TYPES)).check(
  z.minLength(1, 'Allow at least one question type'),
  z.maxLength(QUESTION_TYPES.length),
  z.refine((list) => new Set(list).size === list.length, 'Each type once'),
);

const jobDescriptionId = z
  .string()
  .check(z.regex(idPattern('jobDescription'), `An id such as ${ID_PREFIXES.jobDescription}_01J...`));

/**
 * What to generate questions on: the skills of a job description (its text then guides a model
 * generator), or a list of skills. Exactly one of the two.
 */
export const GenerateQuestionsBody = z
  .strictObject({
    jobDescriptionId: z.optional(jobDescriptionId),
    skills: z.optional(skills),
    count: z._default(
      z.int().check(z.minimum(MIN_GENERATED_QUESTIONS), z.maximum(MAX_GENERATED_QUESTIONS)),
      DEFAULT_GENERATED_QUESTIONS,
    ),
    difficultyMix: z._default(DifficultyMix, { ...DEFAULT_DIFFICULTY_MIX }),
    /** The question types allowed; all when absent. */
    types: z.optional(types),
    /** The new set's title; by default one is made from the job description's title or the skills. */
    title: z.optional(text(MAX_SET_TITLE)),
  })
  .check(
    z.refine((body) => body.jobDescriptionId !== undefined || body.skills !== undefined, {
      message: 'Give skills, or a jobDescriptionId to take them from',
      path: ['skills'],
    }),
    z.refine((body) => body.jobDescriptionId === undefined || body.skills === undefined, {
      message: 'Give either jobDescriptionId or skills, not both',
      path: ['jobDescriptionId'],
    }),
  );
export type GenerateQuestions = z.output<typeof GenerateQuestionsBody>;

/**
 * A generation as the task runs it: the body as checked by the route, skills in their canonical
 * names (a job description's skills are read when the task runs), the title settled.
 */
export const GenerationRequest = z.object({
  jobDescriptionId: z.optional(z.string()),
  skills: z.optional(z.array(z.object({ skill: z.string(), weight: z.number() }))),
  count: z.int().check(z.minimum(MIN_GENERATED_QUESTIONS), z.maximum(MAX_GENERATED_QUESTIONS)),
  difficultyMix: z.object({ easy: z.number(), medium: z.number(), hard: z.number() }),
  types: z.optional(z.array(z.enum(QUESTION_TYPES))),
  title: z.string().check(z.minLength(1), z.maxLength(MAX_SET_TITLE)),
});
export type GenerationRequest = z.output<typeof GenerationRequest>;

/** The tasks queue's message of a question generation; `actorId` is the recruiter who asked, who owns the set. */
export const QuestionGenerationMessage = z.object({
  kind: z.literal('question_generation'),
  tenantId: z.string(),
  taskId: z.string(),
  actorId: z.string(),
  request: GenerationRequest,
});
export type QuestionGenerationMessage = z.output<typeof QuestionGenerationMessage>;
