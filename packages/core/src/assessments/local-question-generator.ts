import { createHash } from 'node:crypto';
import { DEFAULT_SKILLS } from '../skills/default-skills.ts';
import { DIFFICULTIES, type QuestionType } from './question.model.ts';
import { BANK_VERSION, type BankQuestion, bankQuestions } from './question-bank/index.ts';
import {
  type GenerationInput,
  type GenerationOutput,
  planGeneration,
  type QuestionGenerator,
} from './question-generator.ts';

/**
 * The place a seed gives a bank entry: a hash of the seed and the entry's id. Each entry's
 * place depends on nothing else, so adding entries to the bank never reshuffles the others.
 */
const rank = (seed: string, id: string): string => createHash('sha256').update(`${seed}\u0000${id}`).digest('hex');

const categoryOf = (skill: string): string | undefined =>
  DEFAULT_SKILLS.find((entry) => entry.name === skill)?.category;

const bySkillOf = (types: readonly QuestionType[] | undefined): Map<string, BankQuestion[]> => {
  const allowed = types === undefined ? undefined : new Set<string>(types);
  const bySkill = new Map<string, BankQuestion[]>();
  for (const entry of bankQuestions()) {
    if (allowed && !allowed.has(entry.question.type)) continue;
    for (const tag of entry.question.skillTags) bySkill.set(tag, [...(bySkill.get(tag) ?? []), entry]);
  }
  return bySkill;
};

interface Pools {
  /** The entries each asked skill may be served from, in the seed's order. */
  pools: Map<string, BankQuestion[]>;
  uncovered: string[];
}

/**
 * Each asked skill's own bank questions; a skill with none borrows those of the skills of
 * its category in the default taxonomy (a tenant's own skill has no category here, and gets none).
 */
const poolsFor = (input: GenerationInput): Pools => {
  const bySkill = bySkillOf(input.types);
  const pools = new Map<string, BankQuestion[]>();
  const uncovered: string[] = [];
  for (const { skill } of input.skills) {
    let pool = bySkill.get(skill) ?? [];
    if (pool.length === 0) {
      uncovered.push(skill);
      const category = categoryOf(skill);
      pool = category
        ? [...bySkill.entries()].filter(([tag]) => categoryOf(tag) === category).flatMap(([, entries]) => entries)
        : [];
    }
    const ranked = [...new Map(pool.map((entry) => [entry.id, entry])).values()]
      .map((entry) => ({ entry, rank: rank(input.seed, entry.id) }))
      .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0))
      .map(({ entry }) => entry);
    pools.set(skill, ranked);
  }
  return { pools, uncovered };
};

/**
 * Questions drawn from the seeded bank, never invented: spread over the asked skills by
 * weight and over the difficulties by the mix (see planGeneration), only of the allowed
 * types, each bank entry at most once. The same input and seed always draw the same
 * questions. When the bank has too few, it says so (`shortfall`) rather than repeating any.
 */
export const localQuestionGenerator = (): QuestionGenerator => ({
  kind: 'local',
  promptVersion: BANK_VERSION,
  generate: async (input: GenerationInput): Promise<GenerationOutput> => {
    const { pools, uncovered } = poolsFor(input);
    const plan = planGeneration(input, {
      available: (skill, difficulty) =>
        (pools.get(skill) ?? []).filter((entry) => entry.question.difficulty === difficulty).length,
    });
    const used = new Set<string>();
    const picked: BankQuestion[] = [];
    const take = (entry: BankQuestion) => {
      used.add(entry.id);
      picked.push(entry);
    };
    for (const { skill, difficulty, count } of plan) {
      const fitting = (pools.get(skill) ?? []).filter(
        (entry) => entry.question.difficulty === difficulty && !used.has(entry.id),
      );
      for (const entry of fitting.slice(0, count)) take(entry);
    }
    // Borrowed pools may overlap an asked skill's own: fill what the overlap cost from whatever is left.
    const rest = [...pools.values()].flat().filter((entry) => !used.has(entry.id));
    for (const entry of rest) {
      if (picked.length >= input.count) break;
      if (!used.has(entry.id)) take(entry);
    }
    // Easy first; within a difficulty the seed's order, so the skills are mixed rather than in blocks.
    const questions = picked
      .map((entry) => ({
        entry,
        level: DIFFICULTIES.indexOf(entry.question.difficulty),
        rank: rank(input.seed, entry.id),
      }))
      .sort((a, b) => a.level - b.level || (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0))
      .map(({ entry }) => structuredClone(entry.question));
    return {
      questions,
      generator: 'local',
      promptVersion: BANK_VERSION,
      ...(questions.length < input.count ? { shortfall: { asked: input.count, produced: questions.length } } : {}),
      ...(uncovered.length ? { uncoveredSkills: uncovered } : {}),
    };
  },
});
