import type { CreateRequisition } from '@assist-ten/core/requisitions/requisition.schema';
import type { Principal } from '@assist-ten/core/shared/principal';
import { LOCAL_TENANTS, LOCAL_USERS, type LocalTenant, type LocalUser } from './seed-data.ts';

export const principalOf = (user: LocalUser): Principal => ({
  userId: user.userId,
  tenantId: user.tenantId,
  email: user.email,
  roles: user.roles,
  requestId: 'local-seed',
});

/** A complete, publishable requisition: the demo's open role, also the benchmark's create body. */
export const SENIOR_BACKEND_ENGINEER: CreateRequisition = {
  title: 'Senior Backend Engineer',
  description: 'Build the serverless backend of our hiring platform.',
  department: 'Engineering',
  location: 'Berlin',
  remotePolicy: 'hybrid',
  employmentType: 'full_time',
  experienceLevel: 'senior',
  requiredSkills: [
    { skill: 'TypeScript', proficiency: 'expert' },
    { skill: 'AWS', proficiency: 'advanced' },
  ],
  niceToHaveSkills: [{ skill: 'DynamoDB', proficiency: 'intermediate' }],
  salary: { min: 80_000, max: 110_000, currency: 'EUR', period: 'yearly' },
  positionsAvailable: 2,
};

/** Fixed ids make seeding idempotent: a second run finds each item and leaves it alone. */
const DEMO_REQUISITIONS: { id: string; publish: boolean; input: CreateRequisition }[] = [
  {
    id: 'req_01JDEM0000000000000000000A',
    publish: true,
    input: SENIOR_BACKEND_ENGINEER,
  },
  {
    id: 'req_01JDEM0000000000000000000B',
    publish: false,
    input: { title: 'Product Designer', department: 'Design', remotePolicy: 'remote' },
  },
];

/** The demo tenants start on a plan roomy enough for the test suite's users and requisitions. */
const SEED_LIMITS = { maxUsers: 500, maxActiveRequisitions: 5_000, maxAssessmentsPerMonth: 10_000 };

const seedTenant = async (tenant: LocalTenant) => {
  // Loaded here, not at the top: the entities read the table name when their module loads.
  const { TenantEntity } = await import('@assist-ten/core/identity/tenant.entity');
  const { IdentityExistsError, identityProvider } = await import('@assist-ten/core/identity/identity-provider');
  const { provisionTenant } = await import('@assist-ten/core/identity/tenant-provisioning');
  const { data: existing } = await TenantEntity.get({ tenantId: tenant.tenantId }).go();
  if (existing) return;
  const users = LOCAL_USERS.filter((user) => user.tenantId === tenant.tenantId);
  const seeder: Principal = { ...principalOf(users[0] as LocalUser), roles: ['superadmin'] };
  try {
    await provisionTenant(
      seeder,
      {
        ...tenant,
        plan: 'enterprise',
        limits: SEED_LIMITS,
        contact: { name: `${tenant.name} admin`, email: `admin@${tenant.slug}.test` },
        region: 'us-east-1',
        users,
        emailField: (index) => `users.${index}.email`,
      },
      identityProvider(),
    );
  } catch (error) {
    if (!(error instanceof IdentityExistsError)) throw error;
    throw new Error(
      `The local user pool already has the users of ${tenant.slug}, but the table has no such tenant: ` +
        'the persisted data is half gone. Delete the --persist directory and start again.',
      { cause: error },
    );
  }
};

const seedRequisitions = async () => {
  const { createRequisition, transitionRequisition } = await import(
    '@assist-ten/core/requisitions/requisition.service'
  );
  const { RequisitionEntity } = await import('@assist-ten/core/requisitions/requisition.entity');
  const recruiter = LOCAL_USERS.find((user) => user.email === 'recruiter@demo.test');
  if (!recruiter) throw new Error('The demo recruiter is missing from the seed data');
  const actor = principalOf(recruiter);
  for (const { id, publish, input } of DEMO_REQUISITIONS) {
    const { data } = await RequisitionEntity.get({ tenantId: actor.tenantId, requisitionId: id }).go();
    if (data) continue;
    await createRequisition(actor, input, id);
    if (publish) await transitionRequisition(actor, id, 'publish', {});
  }
};

/**
 * Seeds the local tenants, their users (in the table and in cognito-local) and the demo
 * tenant's requisitions. Safe to run on every start, also against persisted data.
 * A tenant found in the table is left alone whole, users included.
 */
export const seedLocalData = async (): Promise<void> => {
  for (const tenant of Object.values(LOCAL_TENANTS)) await seedTenant(tenant);
  await seedRequisitions();
};
