import { ForbiddenError, UnauthorizedError } from '../shared/errors.ts';
import type { Principal } from '../shared/principal.ts';
import { TenantEntity } from './tenant.entity.ts';
import { UserEntity } from './user.entity.ts';

/** What a verified token establishes; everything else about the caller is read per request. */
export interface CallerIdentity {
  userId: string;
  tenantId: string;
}

/**
 * The caller as of this request. Two parallel reads by key on every request are the price
 * of "takes effect at once": a suspended tenant, a deactivated user or a changed role
 * applies to tokens issued before the change, not an hour later when they expire.
 */
export const resolvePrincipal = async ({ userId, tenantId }: CallerIdentity, requestId: string): Promise<Principal> => {
  const [tenant, user] = await Promise.all([
    TenantEntity.get({ tenantId }).go({ attributes: ['status'] }),
    UserEntity.get({ tenantId, userId }).go({ attributes: ['status', 'roles', 'email'] }),
  ]);
  if (!user.data) throw new UnauthorizedError('This account does not exist.');
  if (tenant.data?.status !== 'active') {
    throw new ForbiddenError('Your organisation is suspended on Assist-Ten. Contact your administrator.', {
      extensions: { reason: 'tenant_suspended' },
    });
  }
  if (user.data.status !== 'active') throw new UnauthorizedError('This account has been deactivated.');
  return { userId, tenantId, email: user.data.email, roles: user.data.roles, requestId };
};
