import {
  archiveFeatureFlag,
  createFeatureFlag,
  evaluateFlagsFor,
  getFeatureFlag,
  listFeatureFlags,
  updateFeatureFlag,
} from '@assist-ten/core/platform/feature-flag.service';
import type { Operations } from '@assist-ten/lambda-kit/http/operation';
import type { featureFlagRoutes } from '../../routes/feature-flags.ts';

const FLAGS = '/api/v1/superadmin/feature-flags';

export const featureFlagOperations: Operations<(typeof featureFlagRoutes)[number]> = {
  'POST /api/v1/superadmin/feature-flags': async ({ principal, body }) => {
    const flag = await createFeatureFlag(principal, body);
    return { body: flag, location: `${FLAGS}/${flag.key}` };
  },
  'GET /api/v1/superadmin/feature-flags': async ({ principal, query }) => ({
    body: await listFeatureFlags(principal, query),
  }),
  'GET /api/v1/superadmin/feature-flags/{id}': async ({ principal, path }) => ({
    body: await getFeatureFlag(principal, path.id),
  }),
  'PATCH /api/v1/superadmin/feature-flags/{id}': async ({ principal, path, body, ifMatch }) => ({
    body: await updateFeatureFlag(principal, path.id, body, ifMatch),
  }),
  'DELETE /api/v1/superadmin/feature-flags/{id}': async ({ principal, path, ifMatch }) => ({
    body: await archiveFeatureFlag(principal, path.id, ifMatch),
  }),
  'GET /api/v1/feature-flags': async ({ principal }) => ({ body: { flags: await evaluateFlagsFor(principal) } }),
};
