import { auditWrite } from '../platform/audit.ts';
import { ConflictError } from '../shared/errors.ts';
import type { Principal, StaffRole } from '../shared/principal.ts';
import { put, transactWrite } from '../shared/transaction.ts';
import { PLATFORM_SCOPE, UniqueValueEntity } from '../shared/unique.entity.ts';
import { seedSkillTaxonomy } from '../skills/taxonomy-seed.ts';
import type { IdentityProvider } from './identity-provider.ts';
import { TenantEntity } from './tenant.entity.ts';
import { PLAN_LIMITS, type TenantLimits, type TenantPlan } from './tenant.model.ts';
import { createAccount, newUserWrites } from './user.service.ts';

export interface TenantProvision {
  tenantId: string;
  name: string;
  slug: string;
  plan: TenantPlan;
  limits?: Partial<TenantLimits> | undefined;
  contact: { name: string; email: string; phone?: string | undefined };
  region: string;
  /** Its first users, e.g. the first admin; each gets a sign-in account. */
  users: { userId: string; email: string; name: string; roles: readonly StaffRole[] }[];
  /** The request field that carries each user's email, for a 409 that names it. */
  emailField: (index: number) => string;
}

export const slugTaken = (slug: string) =>
  new ConflictError(`The slug ${slug} is taken by another tenant.`, {
    errors: [{ field: 'slug', code: 'taken', message: 'Choose another slug' }],
  });

/** Whether a tenant holds the slug already: a cheap check before accounts are created. */
export const isSlugTaken = async (slug: string): Promise<boolean> =>
  Boolean((await UniqueValueEntity.get({ scope: PLATFORM_SCOPE, kind: 'tenant-slug', value: slug }).go()).data);

/**
 * Creates a tenant with its first users: their sign-in accounts first (a taken email fails
 * before anything is written), then one transaction of the tenant, its slug claim, the users
 * with their email claims, and the audit entries. If the transaction fails (the slug was
 * taken meanwhile), the accounts are deleted again. Then the tenant gets the default skill
 * taxonomy (skills/taxonomy-seed.ts). Used by the superadmin's API, the
 * bootstrap of a stage and the local seed.
 */
export const provisionTenant = async (
  actor: Principal,
  provision: TenantProvision,
  provider: IdentityProvider,
): Promise<void> => {
  const { tenantId, users } = provision;
  const accounts: string[] = [];
  try {
    for (const [index, user] of users.entries()) {
      const { username } = await createAccount(provider, { ...user, tenantId }, provision.emailField(index));
      accounts.push(username);
    }
    const tenant = TenantEntity.create({
      tenantId,
      name: provision.name,
      slug: provision.slug,
      status: 'active',
      plan: provision.plan,
      ...PLAN_LIMITS[provision.plan],
      ...provision.limits,
      contact: provision.contact,
      region: provision.region,
      userCount: users.length,
      adminCount: users.filter((user) => user.roles.includes('admin')).length,
      activeRequisitionCount: 0,
      createdBy: actor.userId,
      updatedBy: actor.userId,
    });
    const slugClaim = UniqueValueEntity.create({
      scope: PLATFORM_SCOPE,
      kind: 'tenant-slug',
      value: provision.slug,
      ownerId: tenantId,
    });
    const { users: _, emailField: __, ...audited } = provision;
    await transactWrite([
      put(tenant.params(), () => new ConflictError(`Tenant ${tenantId} already exists.`)),
      put(slugClaim.params(), () => slugTaken(provision.slug)),
      ...users.flatMap(
        (user, index) => newUserWrites(actor, { ...user, tenantId, identityUsername: accounts[index] ?? '' }).writes,
      ),
      auditWrite(actor, {
        action: 'tenant.created',
        entityType: 'tenant',
        entityId: tenantId,
        tenantId,
        after: audited,
      }),
    ]);
  } catch (error) {
    await Promise.all(accounts.map((username) => provider.deleteUser(username)));
    throw error;
  }
  // Outside the undo above: the tenant exists now. The seed is idempotent, so a failed one is
  // completed by running seedSkillTaxonomy again, never by undoing the tenant.
  await seedSkillTaxonomy(tenantId, actor);
};
