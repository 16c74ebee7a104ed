import type { Operations } from '@assist-ten/lambda-kit/http/operation';
import type { metricRoutes } from '../../routes/metrics.ts';

export const metricOperations: Operations<(typeof metricRoutes)[number]> = {};
