import { hasAnyRole, type Principal, type StaffRole } from '../shared/principal.ts';

/** Job descriptions are the recruiters' working material; admins oversee them. */
export const JOB_DESCRIPTION_MANAGERS: readonly StaffRole[] = ['recruiter', 'admin'];

export const canManageJobDescriptions = (principal: Principal): boolean =>
  hasAnyRole(principal, JOB_DESCRIPTION_MANAGERS);
