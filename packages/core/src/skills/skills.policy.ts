import { ForbiddenError } from '../shared/errors.ts';
import { hasAnyRole, type Principal, type StaffRole } from '../shared/principal.ts';

/** Recruiters read the taxonomy and role templates to write requisitions; only admins change them. */
export const TAXONOMY_READERS: readonly StaffRole[] = ['admin', 'recruiter'];
export const TAXONOMY_WRITERS: readonly StaffRole[] = ['admin'];

export const assertTaxonomyReader = (actor: Principal): void => {
  if (!hasAnyRole(actor, TAXONOMY_READERS))
    throw new ForbiddenError('Only admins and recruiters read skills and roles.');
};

export const assertTaxonomyWriter = (actor: Principal): void => {
  if (!hasAnyRole(actor, TAXONOMY_WRITERS)) throw new ForbiddenError('Only an admin changes skills and roles.');
};
