import * as z from 'zod/mini';
import { SKILL_REQUIREMENTS } from '../extraction/extractor.ts';
import { SKILL_PROFICIENCIES } from '../requisitions/requisition.model.ts';
import { page } from '../shared/schema.ts';
import { MATCH_STATUSES } from './score.ts';

export const MatchLine = z.object({
  skill: z.string(),
  requirement: z.enum(SKILL_REQUIREMENTS),
  wanted: z.enum(SKILL_PROFICIENCIES),
  has: z.optional(z.enum(SKILL_PROFICIENCIES)),
  status: z.enum(MATCH_STATUSES),
  /** Levels below the wanted one; 0 when met or missing. */
  gap: z.int(),
});

/** How well a candidate's skills cover a requisition's, as the API shows it. */
export const SkillMatch = z.object({
  id: z.string(),
  requisitionId: z.string(),
  candidateId: z.string(),
  applicationId: z.optional(z.string()),
  /** 0 to 100. */
  score: z.int().check(z.minimum(0), z.maximum(100)),
  breakdown: z.array(MatchLine),
  explanation: z.string(),
  requiredMet: z.int(),
  requiredTotal: z.int(),
  /** The candidate's extraction id, or `override:<version>` when a recruiter's skills were scored. */
  extractorVersion: z.string(),
  requisitionVersion: z.int(),
  computedAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SkillMatch = z.output<typeof SkillMatch>;

export const SkillMatchPage = page(SkillMatch);
