import type { StatedSkill, TaxonomyEntry } from '../extraction/extracted-skill.ts';
import { type FieldError, ValidationError } from '../shared/errors.ts';
import { SkillEntity } from './skill.entity.ts';
import { normaliseTerm } from './skill.model.ts';

/**
 * Every active skill of a tenant, for the skill extractor and for checking stated skills.
 * One Query on the tenant's name index, paged until done: a taxonomy is hundreds of small items.
 */
export const loadTaxonomy = async (tenantId: string): Promise<TaxonomyEntry[]> => {
  const { data } = await SkillEntity.query
    .byTenant({ tenantId })
    .where(({ isActive }, { eq }) => eq(isActive, true))
    .go({ pages: 'all', attributes: ['skillId', 'name', 'category', 'aliases'] });
  return data.map(({ skillId, name, category, aliases }) => ({ skillId, name, category, aliases: aliases ?? [] }));
};

// Built once per loaded taxonomy, however many terms are looked up in it.
const termIndexes = new WeakMap<readonly TaxonomyEntry[], Map<string, TaxonomyEntry>>();

const termIndexOf = (taxonomy: readonly TaxonomyEntry[]): Map<string, TaxonomyEntry> => {
  let index = termIndexes.get(taxonomy);
  if (!index) {
    index = new Map(
      taxonomy.flatMap((entry) => [entry.name, ...entry.aliases].map((term) => [normaliseTerm(term), entry] as const)),
    );
    termIndexes.set(taxonomy, index);
  }
  return index;
};

/** The taxonomy entry a name or alias means, whatever its case and spacing. */
export const findSkill = (taxonomy: readonly TaxonomyEntry[], term: string): TaxonomyEntry | undefined =>
  termIndexOf(taxonomy).get(normaliseTerm(term));

/** The canonical name of a name or alias ("js" -> "JavaScript"), or undefined when the taxonomy has no such term. */
export const canonicalSkillName = (taxonomy: readonly TaxonomyEntry[], term: string): string | undefined =>
  findSkill(taxonomy, term)?.name;

/**
 * Stated skills in their canonical names. A term the taxonomy does not know, or a second
 * term for a skill already listed ("JS" after "JavaScript"), is an error naming its field
 * (`<field>.<index>.skill`), so the caller can report every one at once.
 */
export const canonicalStatedSkills = (
  taxonomy: readonly TaxonomyEntry[],
  skills: readonly StatedSkill[],
  field: string,
): { skills: StatedSkill[]; errors: FieldError[] } => {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const canonical: StatedSkill[] = [];
  for (const [index, stated] of skills.entries()) {
    const entry = findSkill(taxonomy, stated.skill);
    const at = `${field}.${index}.skill`;
    if (!entry) {
      errors.push({ field: at, code: 'unknown_skill', message: 'Not a skill or alias of your skill taxonomy' });
    } else if (seen.has(entry.skillId)) {
      errors.push({ field: at, code: 'duplicate', message: `${entry.name} is already listed` });
    } else {
      seen.add(entry.skillId);
      canonical.push({ skill: entry.name, proficiency: stated.proficiency });
    }
  }
  return { skills: canonical, errors };
};

/**
 * Lists of stated skills in the taxonomy's canonical names, read from the taxonomy only when
 * a list is given; a skill it does not know (or a repeat) is a 400 naming its field, every
 * such field at once. `fieldOf` says how a list is named in the request body.
 */
export const canonicalSkillLists = async <K extends string>(
  tenantId: string,
  lists: Partial<Record<K, readonly StatedSkill[]>>,
  fieldOf: (key: K) => string = (key) => key,
): Promise<Partial<Record<K, StatedSkill[]>>> => {
  const given = (Object.entries(lists) as [K, readonly StatedSkill[] | undefined][]).filter(
    (entry): entry is [K, readonly StatedSkill[]] => entry[1] !== undefined,
  );
  if (given.length === 0) return {};
  const taxonomy = await loadTaxonomy(tenantId);
  const result: Partial<Record<K, StatedSkill[]>> = {};
  const errors: FieldError[] = [];
  for (const [key, skills] of given) {
    const checked = canonicalStatedSkills(taxonomy, skills, fieldOf(key));
    result[key] = checked.skills;
    errors.push(...checked.errors);
  }
  if (errors.length) {
    throw new ValidationError('Some skills are not in your skill taxonomy: add them there, or use their names.', {
      errors,
    });
  }
  return result;
};
