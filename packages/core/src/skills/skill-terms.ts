import { ConflictError, ValidationError } from '../shared/errors.ts';
import { put, remove, type TransactionWrite } from '../shared/transaction.ts';
import { UniqueValueEntity } from '../shared/unique.entity.ts';
import { normaliseTerm } from './skill.model.ts';

/** One word a skill answers to, and the request field it came from (for a 400 or 409 naming it). */
export interface SkillTerm {
  value: string;
  field: string;
}

/**
 * The terms of a skill: its name, then each alias, normalised. Two of them being one term
 * (an alias repeating the name, "JS" and "js") is the caller's mistake, a 400 naming the later one.
 */
export const termsOf = (name: string, aliases: readonly string[]): SkillTerm[] => {
  const terms = [
    { value: normaliseTerm(name), field: 'name' },
    ...aliases.map((alias, index) => ({ value: normaliseTerm(alias), field: `aliases.${index}` })),
  ];
  const repeated = terms.filter((term, index) => terms.findIndex((other) => other.value === term.value) < index);
  if (repeated.length) {
    throw new ValidationError('A skill names each term once: its name and aliases must differ.', {
      errors: repeated.map(({ field }) => ({ field, code: 'duplicate', message: 'Repeats the name or another alias' })),
    });
  }
  return terms;
};

/** The owner of a claim as a cancelled transaction returns it: plain, or in DynamoDB's wire format. */
const ownerIn = (item: Record<string, unknown> | undefined): string | undefined => {
  const owner = item?.ownerId;
  if (typeof owner === 'string') return owner;
  return (owner as { S?: string } | undefined)?.S;
};

export const termTaken = (term: SkillTerm, holder: string | undefined): ConflictError =>
  new ConflictError(`"${term.value}" already names another skill of this tenant.`, {
    errors: [{ field: term.field, code: 'taken', message: 'Another skill has this name or alias' }],
    ...(holder ? { extensions: { conflictingSkillId: holder } } : {}),
  });

const claimKey = (tenantId: string, value: string) => ({ scope: tenantId, kind: 'skill-term' as const, value });

/** Claims a term for a skill, in the skill's transaction: fails with a 409 naming the skill that holds it. */
export const claimTerm = (tenantId: string, skillId: string, term: SkillTerm): TransactionWrite =>
  put(UniqueValueEntity.create({ ...claimKey(tenantId, term.value), ownerId: skillId }).params(), (item) =>
    termTaken(term, ownerIn(item)),
  );

/** Gives a term up, only if this skill holds it: a claim out of step with its skill is a conflict, not a silent loss. */
export const releaseTerm = (tenantId: string, skillId: string, value: string): TransactionWrite =>
  remove(
    UniqueValueEntity.delete(claimKey(tenantId, value))
      .where(({ ownerId }, { eq }) => eq(ownerId, skillId))
      .params(),
    () => new ConflictError(`The term "${value}" is not held by skill ${skillId}; try again.`),
  );

/** The writes that move a skill from one set of terms to another: release what went, claim what came. */
export const termChanges = (
  tenantId: string,
  skillId: string,
  before: readonly SkillTerm[],
  after: readonly SkillTerm[],
): TransactionWrite[] => {
  const had = new Set(before.map((term) => term.value));
  const has = new Set(after.map((term) => term.value));
  return [
    ...before.filter((term) => !has.has(term.value)).map((term) => releaseTerm(tenantId, skillId, term.value)),
    ...after.filter((term) => !had.has(term.value)).map((term) => claimTerm(tenantId, skillId, term)),
  ];
};
