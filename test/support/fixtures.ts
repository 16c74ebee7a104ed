import { type RouteDefinition, routeKeyOf } from '@assist-ten/lambda-kit/http/route';
import { call, tokenFor } from './api.ts';
import { fixtures as applicationFixtures } from './fixtures/applications.ts';
import { fixtures as assessmentFixtures } from './fixtures/assessments.ts';
import { fixtures as candidateFixtures } from './fixtures/candidates.ts';
import { fixtures as documentFixtures } from './fixtures/documents.ts';
import { fixtures as featureFlagFixtures } from './fixtures/feature-flags.ts';
import { fixtures as feedbackFixtures } from './fixtures/feedback.ts';
import { fixtures as identityFixtures } from './fixtures/identity.ts';
import { fixtures as incidentFixtures } from './fixtures/incidents.ts';
import { fixtures as interviewFixtures } from './fixtures/interviews.ts';
import { fixtures as jobDescriptionFixtures } from './fixtures/job-descriptions.ts';
import type { FeatureFixtures } from './fixtures/kit.ts';
import { fixtures as metricFixtures } from './fixtures/metrics.ts';
import { fixtures as notificationFixtures } from './fixtures/notifications.ts';
import { fixtures as practiceFixtures } from './fixtures/practice.ts';
import { fixtures as proctoringReviewFixtures } from './fixtures/proctoring.ts';
import { fixtures as proctoringSnapshotFixtures } from './fixtures/proctoring-snapshots.ts';
import { fixtures as questionGenerationFixtures } from './fixtures/question-generation.ts';
import { fixtures as questionSetFixtures } from './fixtures/question-sets.ts';
import { fixtures as settingsFixtures } from './fixtures/settings.ts';
import { fixtures as skillFixtures } from './fixtures/skills.ts';
import { fixtures as taskFixtures } from './fixtures/tasks.ts';
import { fixtures as resultFixtures } from './fixtures/test-session-results.ts';
import { fixtures as testSessionFixtures } from './fixtures/test-sessions.ts';
import { HOME } from './users.ts';

export { HOME, OTHER, SUPERADMIN } from './users.ts';

export const completeRequisition = {
  title: 'Staff Engineer',
  description: 'Owns the architecture of the platform.',
  department: 'Engineering',
  location: 'Lisbon',
  remotePolicy: 'hybrid',
  employmentType: 'full_time',
  experienceLevel: 'senior',
  requiredSkills: [{ skill: 'TypeScript', proficiency: 'expert' }],
  salary: { min: 90_000, max: 120_000, currency: 'EUR', period: 'yearly' },
  positionsAvailable: 3,
} as const;

export const createRequisition = async (email = HOME.recruiter, body: object = completeRequisition) => {
  const response = await call('POST', '/api/v1/recruiter/requisitions', { token: await tokenFor(email), body });
  if (response.status !== 201)
    throw new Error(`create requisition -> ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; version: number; status: string };
};

const REQUISITIONS = '/api/v1/recruiter/requisitions';

/** A complete requisition of the home tenant, moved to `status`. */
const requisitionIn = async (status: 'open' | 'paused'): Promise<string> => {
  const { id } = await createRequisition();
  const token = await tokenFor(HOME.recruiter);
  await call('POST', `${REQUISITIONS}/${id}/publish`, { token });
  if (status === 'paused') await call('POST', `${REQUISITIONS}/${id}/pause`, { token });
  return id;
};

/**
 * How to make, in the home tenant, the object a route's `{id}` names. A route table entry
 * with a `resource` not listed here makes the security matrix fail and say so.
 */
const requisitionFixtures: FeatureFixtures = {
  factories: {
    requisition: async () => {
      const { id } = await createRequisition();
      await call('POST', `/api/v1/recruiter/requisitions/${id}/publish`, { token: await tokenFor(HOME.recruiter) });
      return id;
    },
  },
  bodies: {
    'POST /api/v1/recruiter/requisitions': { title: 'Matrix probe' },
    'PATCH /api/v1/recruiter/requisitions/{id}': { title: 'Matrix probe' },
  },
  mutations: {
    'POST /api/v1/recruiter/requisitions': async () => ({
      path: REQUISITIONS,
      body: { title: 'Audited' },
      as: HOME.recruiter,
    }),
    'PATCH /api/v1/recruiter/requisitions/{id}': async () => ({
      path: `${REQUISITIONS}/${(await createRequisition()).id}`,
      body: { title: 'Renamed' },
      as: HOME.recruiter,
    }),
    'POST /api/v1/recruiter/requisitions/{id}/publish': async () => ({
      path: `${REQUISITIONS}/${(await createRequisition()).id}/publish`,
      as: HOME.recruiter,
    }),
    'POST /api/v1/recruiter/requisitions/{id}/pause': async () => ({
      path: `${REQUISITIONS}/${await requisitionIn('open')}/pause`,
      as: HOME.recruiter,
    }),
    'POST /api/v1/recruiter/requisitions/{id}/resume': async () => ({
      path: `${REQUISITIONS}/${await requisitionIn('paused')}/resume`,
      as: HOME.recruiter,
    }),
    'POST /api/v1/recruiter/requisitions/{id}/close': async () => ({
      path: `${REQUISITIONS}/${await requisitionIn('open')}/close`,
      body: { reason: 'Budget cut' },
      as: HOME.recruiter,
    }),
    'POST /api/v1/recruiter/requisitions/{id}/fill': async () => ({
      path: `${REQUISITIONS}/${await requisitionIn('open')}/fill`,
      as: HOME.recruiter,
    }),
    'POST /api/v1/recruiter/requisitions/{id}/cancel': async () => ({
      path: `${REQUISITIONS}/${(await createRequisition()).id}/cancel`,
      as: HOME.recruiter,
    }),
  },
};

const FEATURES: readonly FeatureFixtures[] = [
  requisitionFixtures,
  identityFixtures,
  settingsFixtures,
  featureFlagFixtures,
  incidentFixtures,
  metricFixtures,
  notificationFixtures,
  taskFixtures,
  candidateFixtures,
  documentFixtures,
  skillFixtures,
  applicationFixtures,
  jobDescriptionFixtures,
  questionSetFixtures,
  questionGenerationFixtures,
  assessmentFixtures,
  testSessionFixtures,
  practiceFixtures,
  resultFixtures,
  proctoringReviewFixtures,
  proctoringSnapshotFixtures,
  interviewFixtures,
  feedbackFixtures,
];

export const resourceFactories: Record<string, () => Promise<string>> = Object.assign(
  {},
  ...FEATURES.map((feature) => feature.factories ?? {}),
);

/** A body each route accepts, so that a refusal can only come from who is asking. */
export const validBodies: Record<string, unknown> = Object.assign(
  {},
  ...FEATURES.map((feature) => feature.bodies ?? {}),
);

/** What to send a route when probing who may call it: its valid body, `{}` if it takes one, else nothing. */
export const probeBodyFor = (route: RouteDefinition): unknown =>
  validBodies[routeKeyOf(route)] ?? (route.request?.body ? {} : undefined);

/** A call that succeeds, per mutating route: the audit coverage test makes each one. */
export const mutationCalls = Object.assign({}, ...FEATURES.map((feature) => feature.mutations ?? {})) as NonNullable<
  FeatureFixtures['mutations']
>;
