import { ValidationError } from '../../shared/errors.ts';
import { round2 } from './rounding.ts';
import type { QuestionScore, Result, SkillScore } from './score.schema.ts';

export interface ScoredQuestion {
  question: { id: string; points: number; skillTags: readonly string[] };
  score: QuestionScore;
  /** The candidate gave an answer (a blank one counts as not answered). */
  answered: boolean;
}

const percentageOf = (earned: number, possible: number): number =>
  possible === 0 ? 0 : Math.min(100, round2((100 * earned) / possible));

/** Skills in a stable order: alphabetical ignoring case, then by code unit for names that differ only in case. */
const bySkill = (a: SkillScore, b: SkillScore): number =>
  a.skill.localeCompare(b.skill, 'en', { sensitivity: 'base' }) || (a.skill < b.skill ? -1 : a.skill > b.skill ? 1 : 0);

/**
 * The result of a session (docs/scoring.md, "Result"). Each question is worth its points, and
 * what it earned is kept within 0..points. A question with several skill tags counts fully
 * toward each; an untagged one toward none. `passed` compares the rounded percentage.
 */
export const aggregateResult = (scored: readonly ScoredQuestion[], passingScore: number): Result => {
  if (!(passingScore >= 0 && passingScore <= 100)) {
    throw new ValidationError('The passing score is a percentage from 0 to 100.', {
      errors: [{ field: 'passingScore', code: 'out_of_range', message: 'From 0 to 100' }],
    });
  }
  let earned = 0;
  let possible = 0;
  const skills = new Map<string, { earned: number; possible: number }>();
  for (const { question, score } of scored) {
    const points = question.points;
    const got = Math.min(points, Math.max(0, score.earned));
    earned += got;
    possible += points;
    for (const skill of new Set(question.skillTags)) {
      const total = skills.get(skill) ?? { earned: 0, possible: 0 };
      skills.set(skill, { earned: total.earned + got, possible: total.possible + points });
    }
  }
  const percentage = percentageOf(earned, possible);
  return {
    earned: round2(earned),
    possible: round2(possible),
    percentage,
    passed: percentage >= passingScore,
    needsReview: scored.some(({ score }) => score.needsReview),
    perSkill: [...skills]
      .map(([skill, total]) => ({
        skill,
        earned: round2(total.earned),
        possible: round2(total.possible),
        percentage: percentageOf(total.earned, total.possible),
      }))
      .sort(bySkill),
    questionCount: scored.length,
    answeredCount: scored.filter(({ answered }) => answered).length,
  };
};
