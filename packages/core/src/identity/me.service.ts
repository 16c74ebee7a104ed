import { evaluateFlagsFor } from '../platform/feature-flag.service.ts';
import type { Principal } from '../shared/principal.ts';
import type { Me } from './me.schema.ts';
import { TenantEntity } from './tenant.entity.ts';
import type { UpdateMe } from './user.schema.ts';
import { getMyUser, updateMyUser } from './user.service.ts';

const withTenantAndFlags = async (actor: Principal, user: Awaited<ReturnType<typeof getMyUser>>): Promise<Me> => {
  const [{ data: tenant }, featureFlags] = await Promise.all([
    TenantEntity.get({ tenantId: actor.tenantId }).go({ attributes: ['tenantId', 'name', 'slug', 'plan'] }),
    evaluateFlagsFor(actor),
  ]);
  // The access gate read this tenant a moment ago; only a concurrent hard delete could lose it.
  if (!tenant) throw new Error(`Tenant ${actor.tenantId} of user ${actor.userId} is missing`);
  return {
    ...user,
    tenant: { id: tenant.tenantId, name: tenant.name, slug: tenant.slug, plan: tenant.plan },
    featureFlags,
  };
};

export const getMe = async (actor: Principal): Promise<Me> => withTenantAndFlags(actor, await getMyUser(actor));

export const updateMe = async (actor: Principal, changes: UpdateMe, expectedVersion?: number): Promise<Me> =>
  withTenantAndFlags(actor, await updateMyUser(actor, changes, expectedVersion));
