import type { CreateRequisition } from '@assist-ten/core/requisitions/requisition.schema';
import type { Principal } from '@assist-ten/core/shared/principal';
import { LOCAL_USERS, type LocalUser } from './seed-data.ts';

const principalOf = (user: LocalUser): Principal => ({
  userId: user.userId,
  tenantId: user.tenantId,
  email: user.email,
  roles: user.roles,
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

/** Seeds the demo tenant's data. Safe to run on every start, also against a persisted table. */
export const seedLocalData = async (): Promise<void> => {
  // Loaded here, not at the top: the entities read the table name when their module loads.
  const { createRequisition, transitionRequisition } = await import(
    '@assist-ten/core/requisitions/requisition.service'
  );
  const { isConditionalCheckFailure } = await import('@assist-ten/core/shared/db-errors');
  const recruiter = LOCAL_USERS.find((user) => user.email === 'recruiter@demo.test');
  if (!recruiter) throw new Error('The demo recruiter is missing from the seed data');
  const actor = principalOf(recruiter);
  for (const { id, publish, input } of DEMO_REQUISITIONS) {
    try {
      await createRequisition(actor, input, id);
    } catch (error) {
      if (isConditionalCheckFailure(error)) continue;
      throw error;
    }
    if (publish) await transitionRequisition(actor, id, 'publish', {});
  }
};
