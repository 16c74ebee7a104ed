import { getMetricSeries } from '@assist-ten/core/platform/metric.service';
import type { Operations } from '@assist-ten/lambda-kit/http/operation';
import type { metricRoutes } from '../../routes/metrics.ts';

export const metricOperations: Operations<(typeof metricRoutes)[number]> = {
  'GET /api/v1/superadmin/metrics': async ({ principal, query }) => ({ body: await getMetricSeries(principal, query) }),
};
