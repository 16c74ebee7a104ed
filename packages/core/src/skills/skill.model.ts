/** The vocabulary of a tenant's skill taxonomy, shared by its entity, schemas and seed. */
export const SKILL_CATEGORIES = [
  'languages',
  'frameworks',
  'databases',
  'cloud',
  'devops',
  'data',
  'ml',
  'mobile',
  'testing',
  'security',
  'design',
  'product',
  'soft_skills',
  'business',
  'other',
] as const;
export type SkillCategory = (typeof SKILL_CATEGORIES)[number];

export const MAX_SKILL_NAME = 100;
export const MAX_ALIASES = 20;

/**
 * The form a term is compared in: "  Node.JS " and "node.js" are one term. NFKC first, so
 * look-alike code points (full-width letters, ligatures) cannot claim a second copy of a term.
 */
export const normaliseTerm = (term: string): string => term.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
