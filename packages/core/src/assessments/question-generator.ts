import { ENV } from '../shared/env.ts';
import type { QuestionContent } from './question.content.ts';
import { DIFFICULTIES, type Difficulty, type QuestionType } from './question.model.ts';

export const GENERATOR_KINDS = ['local', 'bedrock'] as const;
export type GeneratorKind = (typeof GENERATOR_KINDS)[number];

/** A skill to write questions on, by its canonical name; a weight of 2 asks for twice the share of 1. */
export interface WeightedSkill {
  skill: string;
  weight?: number;
}

/** Relative weights of the difficulties, e.g. { easy: 1, medium: 2, hard: 1 }. */
export type DifficultyMix = Record<Difficulty, number>;

export interface GenerationInput {
  skills: readonly WeightedSkill[];
  /** 1 to 50. */
  count: number;
  difficultyMix: DifficultyMix;
  /** The question types allowed; all when absent. */
  types?: readonly QuestionType[];
  /** The same input and seed give the same questions (the local generator; a model is only asked at temperature 0). */
  seed: string;
  /** The text of a job description, for the model to aim its questions at (bedrock only). */
  context?: string;
}

export interface GenerationOutput {
  /** Valid `QuestionContent`, each tagged with the asked skills it tests; at most `count`. */
  questions: QuestionContent[];
  generator: GeneratorKind;
  model?: string;
  /** Which prompt (bedrock) or bank (local) produced the questions, to compare runs over time. */
  promptVersion: string;
  inputTokens?: number;
  outputTokens?: number;
  /** Fewer questions than asked: the bank had no more that fit, or the model's were invalid. */
  shortfall?: { asked: number; produced: number };
  /** Questions the model wrote that failed validation even after a re-ask, left out. */
  droppedQuestions?: number;
  /** Asked skills the bank has no questions of: served by questions of related skills, or not at all. */
  uncoveredSkills?: string[];
  /** The context was longer than the generator reads; only its beginning was sent. */
  contextTruncated?: boolean;
}

export interface QuestionGenerator {
  readonly kind: GeneratorKind;
  /** Known before a run, so that a failed run is logged with them too. */
  readonly model?: string;
  readonly promptVersion: string;
  generate(input: GenerationInput): Promise<GenerationOutput>;
}

/**
 * The generation could not produce any valid question (e.g. every answer of the model failed
 * validation). `rawOutput` is for debugging only: it may quote the job description, so it never
 * goes into a log, an event or a task's error.
 */
export class GenerationFailedError extends Error {
  readonly code = 'generation_failed';
  readonly rawOutput: string | undefined;

  constructor(message: string, options: { rawOutput?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'GenerationFailedError';
    this.rawOutput = options.rawOutput;
  }
}

/**
 * Shares `total` out in proportion to `weights` in whole numbers (largest remainder; ties go
 * to the earlier index), never giving an index more than its capacity: what a full index cannot
 * take goes to the others, in proportion. The shares add up to less than `total` only when every
 * index with a weight is full.
 */
export const apportion = (
  total: number,
  weights: readonly number[],
  capacities: readonly number[] = weights.map(() => Number.POSITIVE_INFINITY),
): number[] => {
  const shares = weights.map(() => 0);
  const room = (index: number) => (capacities[index] ?? 0) - (shares[index] ?? 0);
  let left = total;
  while (left > 0) {
    const open = weights.flatMap((weight, index) => (weight > 0 && room(index) > 0 ? [index] : []));
    const sum = open.reduce((acc, index) => acc + (weights[index] ?? 0), 0);
    if (open.length === 0 || sum <= 0) break;
    const quotas = open.map((index) => ({ index, quota: (left * (weights[index] ?? 0)) / sum }));
    let given = 0;
    for (const { index, quota } of quotas) {
      const add = Math.min(Math.floor(quota), room(index));
      shares[index] = (shares[index] ?? 0) + add;
      given += add;
    }
    const byRemainder = quotas
      .filter(({ index }) => room(index) > 0)
      .sort((a, b) => b.quota - Math.floor(b.quota) - (a.quota - Math.floor(a.quota)) || a.index - b.index);
    for (const { index } of byRemainder) {
      if (given >= left) break;
      shares[index] = (shares[index] ?? 0) + 1;
      given++;
    }
    if (given === 0) break;
    left -= given;
  }
  return shares;
};

/** How many questions of one skill and one difficulty a generation asks for. */
export interface PlannedQuestions {
  skill: string;
  difficulty: Difficulty;
  count: number;
}

export interface PlanLimits {
  /** How many questions of a skill and difficulty can be had at most (the local bank); unlimited when absent. */
  available?(skill: string, difficulty: Difficulty): number;
}

const skillWeight = ({ weight }: WeightedSkill): number => weight ?? 1;

/**
 * Which questions to make: the count shared over the skills by weight, and over the
 * difficulties by the mix, each skill's questions spread over the difficulties the mix still
 * wants most (skills taken in turn, so every skill gets its share of each difficulty).
 * Deterministic: the same input gives the same plan. Within `limits` a skill that runs out
 * of one difficulty takes another; the plan holds fewer than `count` only when nothing is left.
 */
export const planGeneration = (
  input: Pick<GenerationInput, 'skills' | 'count' | 'difficultyMix'>,
  limits: PlanLimits = {},
): PlannedQuestions[] => {
  const available = (skill: string, difficulty: Difficulty) =>
    limits.available ? limits.available(skill, difficulty) : Number.POSITIVE_INFINITY;
  const skills = input.skills.map((entry) => entry.skill);
  const perSkill = apportion(
    input.count,
    input.skills.map(skillWeight),
    skills.map((skill) => DIFFICULTIES.reduce((sum, difficulty) => sum + available(skill, difficulty), 0)),
  );
  const planned = perSkill.reduce((sum, count) => sum + count, 0);
  const wanted = apportion(
    planned,
    DIFFICULTIES.map((difficulty) => input.difficultyMix[difficulty]),
  );
  const remaining = new Map(DIFFICULTIES.map((difficulty, index) => [difficulty, wanted[index] ?? 0]));
  const taken = new Map<string, number>();
  const key = (skill: string, difficulty: Difficulty) => `${difficulty}\u0000${skill}`;
  const left = [...perSkill];
  for (let _round = 0; left.some((count) => count > 0); _round++) {
    for (const [index, skill] of skills.entries()) {
      if ((left[index] ?? 0) <= 0) continue;
      const open = DIFFICULTIES.filter(
        (difficulty) => available(skill, difficulty) > (taken.get(key(skill, difficulty)) ?? 0),
      );
      const [difficulty] = [...open].sort((a, b) => (remaining.get(b) ?? 0) - (remaining.get(a) ?? 0));
      if (!difficulty) {
        left[index] = 0;
        continue;
      }
      taken.set(key(skill, difficulty), (taken.get(key(skill, difficulty)) ?? 0) + 1);
      remaining.set(difficulty, (remaining.get(difficulty) ?? 0) - 1);
      left[index] = (left[index] ?? 0) - 1;
    }
  }
  return DIFFICULTIES.flatMap((difficulty) =>
    skills.flatMap((skill) => {
      const count = taken.get(key(skill, difficulty)) ?? 0;
      return count > 0 ? [{ skill, difficulty, count }] : [];
    }),
  );
};

const isGeneratorKind = (value: string): value is GeneratorKind =>
  (GENERATOR_KINDS as readonly string[]).includes(value);

/**
 * The generator QUESTION_GENERATOR names: `local` (the default, the seeded bank) or `bedrock`
 * (which needs BEDROCK_MODEL_ID). Any other value fails at once, naming the variable. Each is
 * loaded only when chosen: the local one brings the bank, the Bedrock one the SDK client.
 */
export const generatorFromEnv = async (): Promise<QuestionGenerator> => {
  const kind = process.env[ENV.questionGenerator] || 'local';
  if (!isGeneratorKind(kind)) {
    throw new Error(`${ENV.questionGenerator} must be one of ${GENERATOR_KINDS.join(', ')}, not "${kind}"`);
  }
  if (kind === 'bedrock') return (await import('./bedrock-question-generator.ts')).bedrockQuestionGenerator();
  return (await import('./local-question-generator.ts')).localQuestionGenerator();
};
