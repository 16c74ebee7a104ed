import type { QuestionContent, QuestionContentInput } from '../question.content.ts';
import type { Difficulty } from '../question.model.ts';

/**
 * One question of the seeded bank: its content (validated by `QuestionContent` in a unit
 * test and when the bank is first read) and an id that stays the same across releases, so
 * a log or a bug report can name the entry (`ts-3`).
 */
export interface BankEntry {
  id: string;
  question: QuestionContentInput;
}

/** A bank entry as generators use it: its content parsed, defaults filled in. */
export interface BankQuestion {
  id: string;
  question: QuestionContent;
}

/** A question before its skill is known: `n` becomes the number in its id. */
interface Draft {
  n: number;
  question: QuestionContentInput;
}

/** Harder questions are worth more; written answers take longer and are worth more again. */
const OBJECTIVE_POINTS: Record<Difficulty, number> = { easy: 1, medium: 2, hard: 3 };
const WRITTEN_POINTS: Record<Difficulty, number> = { easy: 3, medium: 5, hard: 8 };
const OBJECTIVE_SECONDS: Record<Difficulty, number> = { easy: 45, medium: 90, hard: 150 };
const WRITTEN_SECONDS: Record<Difficulty, number> = { easy: 300, medium: 600, hard: 1200 };

const OPTION_IDS = ['a', 'b', 'c', 'd', 'e', 'f'] as const;

const optionsOf = (texts: readonly string[]) =>
  texts.map((text, index) => ({ id: OPTION_IDS[index] ?? `o${index}`, text }));

const idOf = (index: number): string => OPTION_IDS[index] ?? `o${index}`;

const objective = (difficulty: Difficulty) => ({
  difficulty,
  points: OBJECTIVE_POINTS[difficulty],
  timeHintSeconds: OBJECTIVE_SECONDS[difficulty],
});

const written = (difficulty: Difficulty) => ({
  difficulty,
  points: WRITTEN_POINTS[difficulty],
  timeHintSeconds: WRITTEN_SECONDS[difficulty],
});

const withExplanation = (explanation: string | undefined) => (explanation ? { explanation } : {});

/** One correct option (`correct` is its index) or several (`correct` lists their indexes). */
export const choice = (
  n: number,
  difficulty: Difficulty,
  prompt: string,
  options: readonly string[],
  correct: number | readonly number[],
  explanation?: string,
): Draft => ({
  n,
  question:
    typeof correct === 'number'
      ? {
          type: 'single_choice',
          prompt,
          ...objective(difficulty),
          options: optionsOf(options),
          correctOptionIds: [idOf(correct)],
          ...withExplanation(explanation),
        }
      : {
          type: 'multiple_choice',
          prompt,
          ...objective(difficulty),
          options: optionsOf(options),
          correctOptionIds: correct.map(idOf),
          ...withExplanation(explanation),
        },
});

export const truth = (
  n: number,
  difficulty: Difficulty,
  prompt: string,
  correctAnswer: boolean,
  explanation?: string,
): Draft => ({
  n,
  question: { type: 'true_false', prompt, ...objective(difficulty), correctAnswer, ...withExplanation(explanation) },
});

export const numeric = (
  n: number,
  difficulty: Difficulty,
  prompt: string,
  correctNumber: number,
  tolerance: number,
  explanation?: string,
): Draft => ({
  n,
  question: {
    type: 'numeric',
    prompt,
    ...objective(difficulty),
    correctNumber,
    tolerance,
    ...withExplanation(explanation),
  },
});

/** A one-line answer: any of `acceptedAnswers` is right (compared trimmed, case and spacing ignored). */
export const short = (
  n: number,
  difficulty: Difficulty,
  prompt: string,
  acceptedAnswers: readonly string[],
  explanation?: string,
): Draft => ({
  n,
  question: {
    type: 'short_text',
    prompt,
    ...objective(difficulty),
    acceptedAnswers: [...acceptedAnswers],
    keywords: acceptedAnswers.map((term) => ({ term })),
    ...withExplanation(explanation),
  },
});

/** A term a written answer should contain, optionally with its weight (`['idempotent', 2]`). */
type Term = string | readonly [term: string, weight: number];

const keywordsOf = (terms: readonly Term[]) =>
  terms.map((term) => (typeof term === 'string' ? { term } : { term: term[0], weight: term[1] }));

interface WrittenKey {
  expectedAnswer: string;
  rubric: string;
  keywords: readonly Term[];
}

export const essay = (n: number, difficulty: Difficulty, prompt: string, key: WrittenKey): Draft => ({
  n,
  question: {
    type: 'long_text',
    prompt,
    ...written(difficulty),
    expectedAnswer: key.expectedAnswer,
    rubric: key.rubric,
    keywords: keywordsOf(key.keywords),
  },
});

export const code = (
  n: number,
  difficulty: Difficulty,
  prompt: string,
  key: WrittenKey & { language: string; starterCode?: string },
): Draft => ({
  n,
  question: {
    type: 'coding',
    prompt,
    ...written(difficulty),
    language: key.language,
    ...(key.starterCode === undefined ? {} : { starterCode: key.starterCode }),
    expectedAnswer: key.expectedAnswer,
    rubric: key.rubric,
    keywords: keywordsOf(key.keywords),
  },
});

/** A code listing in a prompt, fenced as Markdown. */
export const listing = (language: string, source: string): string => `\`\`\`${language}\n${source}\n\`\`\``;

/**
 * The questions of one skill: each tagged with the skill's canonical name (the default
 * taxonomy's) and given the id `<prefix>-<n>`.
 */
export const skill = (name: string, prefix: string, drafts: readonly Draft[]): BankEntry[] =>
  drafts.map(({ n, question }) => ({ id: `${prefix}-${n}`, question: { ...question, skillTags: [name] } }));
