import { auditWrite } from '../platform/audit.ts';
import { isoNow } from '../shared/clock.ts';
import { ConflictError, NotFoundError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { pageOf } from '../shared/paging.ts';
import type { Principal } from '../shared/principal.ts';
import type { Page } from '../shared/schema.ts';
import { assertTransition } from '../shared/state-machine.ts';
import { patched, versionedPatch, writeVersioned } from '../shared/versioned-write.ts';
import { assertSuperadmin } from './identity.policy.ts';
import { type IdentityProvider, identityProvider } from './identity-provider.ts';
import { TenantEntity, type TenantItem } from './tenant.entity.ts';
import { PLAN_LIMITS, type TenantStatus } from './tenant.model.ts';
import {
  type CreatedTenant,
  type CreateTenant,
  type ListTenants,
  type SuspendTenant,
  Tenant,
  type UpdateTenant,
} from './tenant.schema.ts';
import { TENANT_TRANSITIONS } from './tenant.status.ts';
import { isSlugTaken, provisionTenant, slugTaken } from './tenant-provisioning.ts';

export const toTenant = (item: TenantItem): Tenant =>
  Tenant.parse({
    ...item,
    id: item.tenantId,
    limits: {
      maxUsers: item.maxUsers,
      maxActiveRequisitions: item.maxActiveRequisitions,
      maxAssessmentsPerMonth: item.maxAssessmentsPerMonth,
    },
    usage: { users: item.userCount, admins: item.adminCount, activeRequisitions: item.activeRequisitionCount },
  });

const notFound = (id: string) => new NotFoundError(`Tenant ${id} was not found.`);

const load = async (tenantId: string, consistent = false): Promise<TenantItem> => {
  const { data } = await TenantEntity.get({ tenantId }).go({ consistent });
  if (!data) throw notFound(tenantId);
  return data;
};

/** Creates the tenant and invites its first admin (see provisionTenant for the order of writes). */
export const createTenant = async (
  actor: Principal,
  input: CreateTenant,
  provider: IdentityProvider = identityProvider(),
): Promise<CreatedTenant> => {
  assertSuperadmin(actor);
  if (await isSlugTaken(input.slug)) throw slugTaken(input.slug);
  const tenantId = newId('tenant');
  const admin = { userId: newId('user'), email: input.admin.email, name: input.admin.name, roles: ['admin'] as const };
  await provisionTenant(
    actor,
    {
      tenantId,
      name: input.name,
      slug: input.slug,
      plan: input.plan,
      limits: input.limits,
      contact: input.contact,
      region: input.region ?? process.env.AWS_REGION ?? 'us-east-1',
      users: [admin],
      emailField: () => 'admin.email',
    },
    provider,
  );
  const created = toTenant(await load(tenantId, true));
  return { ...created, firstAdmin: { id: admin.userId, email: admin.email, name: admin.name } };
};

export const getTenant = async (actor: Principal, id: string): Promise<Tenant> => {
  assertSuperadmin(actor);
  return toTenant(await load(id));
};

export const listTenants = async (actor: Principal, input: ListTenants): Promise<Page<Tenant>> => {
  assertSuperadmin(actor);
  const { status, limit, cursor } = input;
  const query = status ? TenantEntity.query.byStatus({ status }) : TenantEntity.query.all({});
  return pageOf(query, status ? 'gsi2pk' : 'gsi1pk', { limit, cursor }, toTenant);
};

type TenantChanges = Partial<
  Pick<
    TenantItem,
    | 'name'
    | 'plan'
    | 'maxUsers'
    | 'maxActiveRequisitions'
    | 'maxAssessmentsPerMonth'
    | 'contact'
    | 'region'
    | 'status'
    | 'suspendedAt'
    | 'suspendedReason'
  >
>;

const writeTenant = async (
  actor: Principal,
  id: string,
  expectedVersion: number | undefined,
  decide: (current: TenantItem) => { set: TenantChanges; remove?: ('suspendedAt' | 'suspendedReason')[]; verb: string },
): Promise<Tenant> => {
  assertSuperadmin(actor);
  await writeVersioned(expectedVersion, {
    label: `Tenant ${id}`,
    load: () => load(id),
    decide: (current) => {
      const { set, remove = [], verb } = decide(current);
      return [
        versionedPatch(
          TenantEntity.patch({ tenantId: id }).set({ ...set, updatedBy: actor.userId }),
          current.version,
          remove,
        ),
        auditWrite(actor, {
          action: `tenant.${verb}`,
          entityType: 'tenant',
          entityId: id,
          tenantId: id,
          before: toTenant(current),
          after: toTenant(patched(current, set, remove)),
        }),
      ];
    },
  });
  return toTenant(await load(id, true));
};

/** A new plan brings its limits, unless the same request sets limits of its own. */
export const updateTenant = (actor: Principal, id: string, changes: UpdateTenant, expectedVersion?: number) =>
  writeTenant(actor, id, expectedVersion, () => {
    const { limits, ...rest } = changes;
    return {
      set: { ...rest, ...(changes.plan ? PLAN_LIMITS[changes.plan] : {}), ...limits },
      verb: 'updated',
    };
  });

const moveTo = (current: TenantItem, to: TenantStatus) =>
  assertTransition(TENANT_TRANSITIONS, 'A tenant', current.status, to);

export const suspendTenant = (actor: Principal, id: string, input: SuspendTenant, expectedVersion?: number) =>
  writeTenant(actor, id, expectedVersion, (current) => {
    if (id === actor.tenantId) {
      throw new ConflictError('The platform tenant cannot be suspended: its superadmins would be locked out.');
    }
    moveTo(current, 'suspended');
    return { set: { status: 'suspended', suspendedAt: isoNow(), suspendedReason: input.reason }, verb: 'suspended' };
  });

export const reactivateTenant = (actor: Principal, id: string, expectedVersion?: number) =>
  writeTenant(actor, id, expectedVersion, (current) => {
    moveTo(current, 'active');
    return { set: { status: 'active' }, remove: ['suspendedAt', 'suspendedReason'], verb: 'reactivated' };
  });
