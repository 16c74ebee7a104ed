import type { StatedSkill } from '../extraction/extracted-skill.ts';
import type { SkillRequirement } from '../extraction/extractor.ts';
import { SKILL_PROFICIENCIES } from '../requisitions/requisition.model.ts';

type Proficiency = StatedSkill['proficiency'];

export const MATCH_STATUSES = ['matched', 'partial', 'missing'] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

/** A candidate's skill: stated by a person, or extracted with how sure the extractor was (0 to 1). */
export interface CandidateSkill {
  skill: string;
  proficiency: Proficiency;
  confidence?: number | undefined;
}

export interface MatchInput {
  candidateSkills: readonly CandidateSkill[];
  required: readonly StatedSkill[];
  niceToHave: readonly StatedSkill[];
}

export interface MatchLine {
  skill: string;
  requirement: SkillRequirement;
  wanted: Proficiency;
  has?: Proficiency;
  status: MatchStatus;
  /** Levels below the wanted one; 0 when met or missing. */
  gap: number;
}

export interface MatchResult {
  /** 0 to 100. */
  score: number;
  breakdown: MatchLine[];
  explanation: string;
  requiredMet: number;
  requiredTotal: number;
}

/**
 * The formula (docs/skill-matching.md):
 * - each wanted skill earns a credit from 0 to 1: 1 at the wanted level or above, a quarter
 *   less per level below (expert wanted, advanced held: 0.75), 0 when missing;
 * - an extracted skill's credit is scaled by its confidence, but never below half: an
 *   unsure extraction still shows the skill is there;
 * - score = 80 x the mean credit of the required skills + 20 x that of the nice-to-have ones;
 *   with only one kind, 100 x its mean; with neither, 0. Rounded to an integer.
 */
export const REQUIRED_WEIGHT = 80;
export const NICE_TO_HAVE_WEIGHT = 20;
const SHARE_PER_LEVEL = 0.25;
const MIN_CERTAINTY = 0.5;

const levelOf = (proficiency: Proficiency): number => SKILL_PROFICIENCIES.indexOf(proficiency);

const nameKey = (skill: string): string => skill.trim().toLowerCase();

interface Held {
  level: number;
  certainty: number;
}

const creditOf = (wanted: number, held: Held | undefined): number =>
  held ? Math.max(0, 1 - SHARE_PER_LEVEL * Math.max(0, wanted - held.level)) * held.certainty : 0;

/** The candidate's skills by name; of several entries for one skill, each wanted skill uses the best. */
const heldSkills = (skills: readonly CandidateSkill[]): Map<string, Held[]> => {
  const held = new Map<string, Held[]>();
  for (const { skill, proficiency, confidence } of skills) {
    const certainty = Math.min(1, Math.max(MIN_CERTAINTY, confidence ?? 1));
    const key = nameKey(skill);
    held.set(key, [...(held.get(key) ?? []), { level: levelOf(proficiency), certainty }]);
  }
  return held;
};

/** Higher credit first, then higher level, then higher certainty: the same best whatever the order. */
const compareHeld = (wanted: number, a: Held, b: Held): number =>
  creditOf(wanted, a) - creditOf(wanted, b) || a.level - b.level || a.certainty - b.certainty;

const bestFor = (wanted: number, options: readonly Held[] | undefined): Held | undefined =>
  options?.reduce<Held | undefined>(
    (best, option) => (best === undefined || compareHeld(wanted, option, best) > 0 ? option : best),
    undefined,
  );

/** A skill listed twice is wanted once: as required if either list says so, at the higher level of that list. */
const wantedSkills = (required: readonly StatedSkill[], niceToHave: readonly StatedSkill[]) => {
  const wanted = new Map<string, { skill: string; requirement: SkillRequirement; level: number }>();
  const add = (requirement: SkillRequirement) => (stated: StatedSkill) => {
    const key = nameKey(stated.skill);
    const known = wanted.get(key);
    const level = levelOf(stated.proficiency);
    if (!known) wanted.set(key, { skill: stated.skill, requirement, level });
    else if (known.requirement === requirement) known.level = Math.max(known.level, level);
  };
  // Required first, so a skill in both lists stays required.
  required.forEach(add('required'));
  niceToHave.forEach(add('nice_to_have'));
  return [...wanted.entries()];
};

// Summed in sorted order: floating-point sums then do not depend on the lists' order.
const mean = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b).reduce((sum, value) => sum + value, 0) / values.length;

const LEVEL_COUNT = ['', 'one level', 'two levels', 'three levels'];

const listed = (names: readonly string[], max = 3): string =>
  names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`;

const explain = (lines: readonly MatchLine[]): string => {
  if (!lines.length) return 'The requisition lists no skills to match against.';
  const required = lines.filter((line) => line.requirement === 'required');
  const nice = lines.filter((line) => line.requirement === 'nice_to_have');
  const met = (group: readonly MatchLine[]) => group.filter((line) => line.status === 'matched').length;
  const parts: string[] = [];
  if (required.length) parts.push(`Meets ${met(required)} of ${required.length} required skills`);
  const missing = required.filter((line) => line.status === 'missing').map((line) => line.skill);
  if (missing.length) parts.push(`missing ${listed(missing)}`);
  const partial = required
    .filter((line) => line.status === 'partial')
    .map((line) => `${line.skill} ${LEVEL_COUNT[line.gap]} below ${line.wanted}`);
  if (partial.length) parts.push(listed(partial, 2));
  if (nice.length) parts.push(`${required.length ? 'has' : 'Has'} ${met(nice)} of ${nice.length} nice-to-have skills`);
  return `${parts.join('; ')}.`;
};

/** How well a candidate's skills cover a requisition's: a score, a line per wanted skill, and why. */
export const scoreMatch = ({ candidateSkills, required, niceToHave }: MatchInput): MatchResult => {
  const held = heldSkills(candidateSkills);
  const credits: Record<SkillRequirement, number[]> = { required: [], nice_to_have: [] };
  const breakdown = wantedSkills(required, niceToHave).map(([key, { skill, requirement, level }]): MatchLine => {
    const best = bestFor(level, held.get(key));
    credits[requirement].push(creditOf(level, best));
    const wanted = SKILL_PROFICIENCIES[level] as Proficiency;
    if (!best) return { skill, requirement, wanted, status: 'missing', gap: 0 };
    const gap = Math.max(0, level - best.level);
    return {
      skill,
      requirement,
      wanted,
      has: SKILL_PROFICIENCIES[best.level] as Proficiency,
      status: gap ? 'partial' : 'matched',
      gap,
    };
  });
  const { required: requiredCredits, nice_to_have: niceCredits } = credits;
  let score = 0;
  if (requiredCredits.length && niceCredits.length) {
    score = REQUIRED_WEIGHT * mean(requiredCredits) + NICE_TO_HAVE_WEIGHT * mean(niceCredits);
  } else if (requiredCredits.length || niceCredits.length) {
    score = 100 * mean(requiredCredits.length ? requiredCredits : niceCredits);
  }
  const requiredLines = breakdown.filter((line) => line.requirement === 'required');
  return {
    score: Math.round(score),
    breakdown,
    explanation: explain(breakdown),
    requiredMet: requiredLines.filter((line) => line.status === 'matched').length,
    requiredTotal: requiredLines.length,
  };
};
