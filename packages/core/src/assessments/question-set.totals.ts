import type { Difficulty } from './question.model.ts';

/**
 * What a set keeps of its live questions, changed by the difference each question write makes
 * (never recomputed from the question list, which is an eventually consistent index: a count
 * read from it could miss the write just made). Each change is written under the set's
 * version, so two concurrent writes cannot both apply their difference to the same totals.
 */
export interface SetTotals {
  questionCount: number;
  totalPoints: number;
  difficultyMix: Record<Difficulty, number>;
  skillTally: { skill: string; count: number }[];
}

/** What a question contributes to its set's totals. */
export interface Counted {
  points: number;
  difficulty: Difficulty;
  skillTags: readonly string[];
}

export const EMPTY_TOTALS: SetTotals = {
  questionCount: 0,
  totalPoints: 0,
  difficultyMix: { easy: 0, medium: 0, hard: 0 },
  skillTally: [],
};

const tallied = (tally: SetTotals['skillTally'], tags: readonly string[], sign: 1 | -1) => {
  const counts = new Map(tally.map(({ skill, count }) => [skill, count]));
  for (const skill of new Set(tags)) counts.set(skill, (counts.get(skill) ?? 0) + sign);
  return [...counts].filter(([, count]) => count > 0).map(([skill, count]) => ({ skill, count }));
};

const applied = (totals: SetTotals, question: Counted, sign: 1 | -1): SetTotals => ({
  questionCount: totals.questionCount + sign,
  // Points are multiples of 0.5: sums of them are exact in binary floating point.
  totalPoints: totals.totalPoints + sign * question.points,
  difficultyMix: {
    ...totals.difficultyMix,
    [question.difficulty]: totals.difficultyMix[question.difficulty] + sign,
  },
  skillTally: tallied(totals.skillTally, question.skillTags, sign),
});

/** The totals after `added` joined and `removed` left the live questions. */
export const totalsAfter = (
  totals: SetTotals,
  { added = [], removed = [] }: { added?: readonly Counted[]; removed?: readonly Counted[] },
): SetTotals => {
  const withAdded = added.reduce((sum, question) => applied(sum, question, 1), totals);
  return removed.reduce((sum, question) => applied(sum, question, -1), withAdded);
};

/** The set's skills: every tag at least one live question carries, A to Z. */
export const skillsOf = (tally: SetTotals['skillTally']): string[] =>
  tally
    .filter(({ count }) => count > 0)
    .map(({ skill }) => skill)
    .sort((a, b) => a.localeCompare(b));

/** The totals as held by a set item. */
export const totalsOf = (item: SetTotals): SetTotals => ({
  questionCount: item.questionCount,
  totalPoints: item.totalPoints,
  difficultyMix: { easy: item.difficultyMix.easy, medium: item.difficultyMix.medium, hard: item.difficultyMix.hard },
  skillTally: item.skillTally.map(({ skill, count }) => ({ skill, count })),
});
