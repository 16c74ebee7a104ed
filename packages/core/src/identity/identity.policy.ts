import { ForbiddenError } from '../shared/errors.ts';
import { hasAnyRole, type Principal } from '../shared/principal.ts';

/** Tenants are the platform's business: only the superadmin creates, changes or suspends them. */
export const assertSuperadmin = (actor: Principal): void => {
  if (!hasAnyRole(actor, ['superadmin'])) throw new ForbiddenError('Only the platform superadmin manages tenants.');
};

/** A tenant's admins manage its users and settings; nobody else, not even the superadmin. */
export const assertTenantAdmin = (actor: Principal): void => {
  if (!hasAnyRole(actor, ['admin'])) throw new ForbiddenError("Only an admin manages the tenant's users and settings.");
};
