import { SKILL_PROFICIENCIES } from '../requisitions/requisition.model.ts';
import { SKILL_REQUIREMENTS } from './extractor.ts';

/**
 * How entities store skills (ElectroDB attribute definitions), one shape wherever a skill is
 * kept: the item form of `StatedSkill` and `ExtractedSkill` (extracted-skill.ts).
 */
export const statedSkillAttribute = {
  type: 'map',
  properties: {
    skill: { type: 'string', required: true },
    proficiency: { type: SKILL_PROFICIENCIES, required: true },
  },
} as const;

/** A list of stated skills, empty by default (a requisition's or a role's required skills). */
export const statedSkillListAttribute = {
  type: 'list',
  required: true,
  default: () => [],
  items: statedSkillAttribute,
} as const;

export const extractedSkillAttribute = {
  type: 'map',
  properties: {
    ...statedSkillAttribute.properties,
    skillId: { type: 'string' },
    category: { type: 'string' },
    yearsOfExperience: { type: 'number' },
    confidence: { type: 'number', required: true },
    evidence: { type: 'string', required: true },
  },
} as const;

/** An extracted skill of a job description: also whether the posting requires it. */
export const postingSkillAttribute = {
  type: 'map',
  properties: {
    ...extractedSkillAttribute.properties,
    requirement: { type: SKILL_REQUIREMENTS, required: true },
  },
} as const;
