import { ENV, requireEnv } from '@assist-ten/core/shared/env';
import { createHttpHandler } from '@assist-ten/lambda-kit/http/handler';
import type { apiDocument } from '../../openapi.ts';
import { auditOperations } from './audit.operations.ts';
import { featureFlagOperations } from './feature-flags.operations.ts';
import { incidentOperations } from './incidents.operations.ts';
import { metricOperations } from './metrics.operations.ts';
import { platformRoutes } from './routes.ts';
import { taskOperations } from './tasks.operations.ts';

const stage = requireEnv(ENV.stage);
let document: ReturnType<typeof apiDocument> | undefined;

export const handler = createHttpHandler(platformRoutes, {
  'GET /api/v1/health': async () => ({ body: { status: 'ok', stage } }),
  'GET /api/v1/openapi.json': async () => {
    // Built on first use, then kept for the life of the execution environment; the whole
    // route table (every context's schemas) is loaded for it only then.
    document ??= (await import('../../openapi.ts')).apiDocument();
    return { body: document, headers: { 'cache-control': 'public, max-age=300' } };
  },
  ...featureFlagOperations,
  ...incidentOperations,
  ...metricOperations,
  ...auditOperations,
  ...taskOperations,
});
