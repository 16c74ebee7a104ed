import type { ExtractedSkill } from './extracted-skill.ts';
import { lineAround } from './text-window.ts';

type Proficiency = ExtractedSkill['proficiency'];

/**
 * How the local extractor reads a level from the words around a skill
 * (docs/skill-extraction.md has the same table).
 *
 * Years of experience, when stated, decide:   < 1 beginner, 1 to < 3 intermediate,
 *                                              3 to < 6 advanced, 6 or more expert.
 * Otherwise a level word in the same clause:  expert, lead, principal, architect -> expert;
 *                                              advanced, senior, strong, deep -> advanced;
 *                                              proficient, intermediate, solid, working knowledge -> intermediate;
 *                                              familiar, basic, beginner, junior, exposure, learning -> beginner.
 * Otherwise intermediate: the text names the skill and says nothing about how well.
 */
export const DEFAULT_PROFICIENCY: Proficiency = 'intermediate';

export const levelForYears = (years: number): Proficiency => {
  if (years < 1) return 'beginner';
  if (years < 3) return 'intermediate';
  if (years < 6) return 'advanced';
  return 'expert';
};

const LEVEL_WORDS: readonly [RegExp, Proficiency][] = [
  [/\b(?:expert|experts|expertise|lead|principal|architect)\b/i, 'expert'],
  [/\b(?:advanced|senior|strong|deep)\b/i, 'advanced'],
  [/\b(?:proficient|proficiency|intermediate|solid|working knowledge)\b/i, 'intermediate'],
  [/\b(?:familiar|familiarity|basic|basics|beginner|junior|exposure|learning)\b/i, 'beginner'],
];

const MAX_YEARS = 60;
const NUMBER = String.raw`(\d{1,2}(?:[.,]\d)?)`;
const YEARS = String.raw`\s*\+?\s*(?:years?|yrs?)\b`;

/** "5+ years of TypeScript", "3 years' experience with professional TypeScript": the years just before the skill. */
const YEARS_BEFORE = new RegExp(
  String.raw`${NUMBER}${YEARS}'?(?:\s+of)?(?:\s+(?:experience|exp\.?))?(?:\s+(?:with|in|of|using))?(?:\s+[\p{L}-]+){0,2}\s*$`,
  'iu',
);
/** "TypeScript (3 years)", "TypeScript: 3 yrs", "TypeScript - 4+ years": the years just after it. */
const YEARS_AFTER = new RegExp(String.raw`^\s*[(:,\-–—]?\s*${NUMBER}${YEARS}`, 'iu');
/** "TypeScript since 2015", "TypeScript (since 2019)". */
const SINCE_AFTER = /^\s*[(:,\-–—]?\s*since\s+((?:19|20)\d{2})\b/i;
/** "Since 2015, TypeScript", "since 2015 with TypeScript". */
const SINCE_BEFORE = /\bsince\s+((?:19|20)\d{2})\b[\s,]*(?:(?:with|in|using)\s+)?$/i;

const WINDOW = 60;

const lineSlices = (text: string, start: number, end: number) => lineAround(text, start, end, WINDOW);

const bounded = (years: number): number | undefined =>
  Number.isFinite(years) && years >= 0 && years <= MAX_YEARS ? years : undefined;

/** Years of experience stated next to the mention at [start, end), if any; "since <year>" counts to `now`. */
export const yearsNear = (text: string, start: number, end: number, now: Date): number | undefined => {
  const { before, after } = lineSlices(text, start, end);
  const stated = YEARS_AFTER.exec(after)?.[1] ?? YEARS_BEFORE.exec(before)?.[1];
  if (stated !== undefined) return bounded(Number(stated.replace(',', '.')));
  const since = SINCE_AFTER.exec(after)?.[1] ?? SINCE_BEFORE.exec(before)?.[1];
  return since === undefined ? undefined : bounded(now.getUTCFullYear() - Number(since));
};

/** The clause of the mention: up to the nearest comma, semicolon, parenthesis, bullet or sentence end. */
const clauseAround = (text: string, start: number, end: number): string => {
  const { before, after } = lineSlices(text, start, end);
  const opening = before.split(/[,;()•|]|\.\s/).at(-1) ?? '';
  const closing = after.split(/[,;()•|]|\.\s|\.$/)[0] ?? '';
  return `${opening} ${closing}`;
};

/** The level a word in the mention's clause gives ("expert in TypeScript", "familiar with Go"), if any. */
export const wordLevelNear = (text: string, start: number, end: number): Proficiency | undefined => {
  const clause = clauseAround(text, start, end);
  return LEVEL_WORDS.find(([pattern]) => pattern.test(clause))?.[1];
};
