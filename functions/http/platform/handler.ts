import { ENV, requireEnv } from '@assist-ten/core/shared/env';
import { createHttpHandler } from '@assist-ten/lambda-kit/http/handler';
import { apiDocument } from '../../openapi.ts';
import { routesOf } from '../../routes.ts';
import { auditOperations } from './audit.operations.ts';
import { featureFlagOperations } from './feature-flags.operations.ts';
import { incidentOperations } from './incidents.operations.ts';
import { metricOperations } from './metrics.operations.ts';

const stage = requireEnv(ENV.stage);
let document: ReturnType<typeof apiDocument> | undefined;

export const handler = createHttpHandler(routesOf('platform'), {
  'GET /api/v1/health': async () => ({ body: { status: 'ok', stage } }),
  'GET /api/v1/openapi.json': async () => {
    // Built on first use, then kept for the life of the execution environment.
    document ??= apiDocument();
    return { body: document, headers: { 'cache-control': 'public, max-age=300' } };
  },
  ...featureFlagOperations,
  ...incidentOperations,
  ...metricOperations,
  ...auditOperations,
});
