import * as z from 'zod/mini';
import { SKILL_PROFICIENCIES } from '../requisitions/requisition.model.ts';

/**
 * One skill an extractor found in a text (a resume or a job description), in the tenant's
 * taxonomy's canonical name, with how sure it is and the words it read it from.
 * Candidates and job descriptions keep these as their extracted skills.
 */
export const ExtractedSkill = z.object({
  /** Canonical name in the tenant's taxonomy (e.g. "JavaScript" for "JS"). */
  skill: z.string().check(z.minLength(1), z.maxLength(100)),
  /** The taxonomy entry it matched, when the extractor matched one. */
  skillId: z.optional(z.string()),
  category: z.optional(z.string().check(z.maxLength(100))),
  proficiency: z.enum(SKILL_PROFICIENCIES),
  yearsOfExperience: z.optional(z.number().check(z.minimum(0), z.maximum(60))),
  /** 0 to 1. */
  confidence: z.number().check(z.minimum(0), z.maximum(1)),
  /** The span of text the skill was read from, at most 300 characters. */
  evidence: z.string().check(z.maxLength(300)),
});
export type ExtractedSkill = z.output<typeof ExtractedSkill>;

/** A skill a person states (a recruiter's edit, a requisition's requirement): name and level only. */
export const StatedSkill = z.strictObject({
  skill: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  proficiency: z.enum(SKILL_PROFICIENCIES),
});
export type StatedSkill = z.output<typeof StatedSkill>;

/** One skill of a tenant's taxonomy as extractors read it: a canonical name and the other words for it. */
export interface TaxonomyEntry {
  skillId: string;
  name: string;
  category: string;
  aliases: readonly string[];
}

/** A list of stated skills of at most `max`, each skill once (whatever its case). */
export const statedSkillList = (max: number) =>
  z.array(StatedSkill).check(
    z.maxLength(max),
    z.refine((list) => new Set(list.map((entry) => entry.skill.toLowerCase())).size === list.length, {
      message: 'Each skill may be listed once',
    }),
  );
