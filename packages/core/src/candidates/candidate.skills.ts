import type { StatedSkill } from '../extraction/extracted-skill.ts';
import type { CandidateItem } from './candidate.entity.ts';
import type { CandidateSkills } from './candidate.schema.ts';

type SkillFields = Pick<CandidateItem, 'extractedSkills' | 'extractedFrom' | 'skillOverride' | 'skillOverrideAt'>;

/** The skills matching and screening use: a recruiter's override wins over what a resume said. */
export const effectiveSkills = (item: SkillFields): StatedSkill[] =>
  (item.skillOverride ?? item.extractedSkills).map(({ skill, proficiency }) => ({ skill, proficiency }));

/** An extraction newer than the override: the resume changed since the recruiter decided. */
export const isOverrideStale = (item: SkillFields): boolean =>
  item.skillOverride !== undefined &&
  item.extractedFrom !== undefined &&
  (item.skillOverrideAt === undefined || item.extractedFrom.at > item.skillOverrideAt);

export const skillsView = (item: SkillFields): CandidateSkills => ({
  extracted: item.extractedSkills,
  override: item.skillOverride ?? null,
  effective: effectiveSkills(item),
  ...(item.extractedFrom ? { extractedAt: item.extractedFrom.at } : {}),
  overrideStale: isOverrideStale(item),
});
