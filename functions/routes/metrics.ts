import { MetricSeries, MetricSeriesQuery } from '@assist-ten/core/platform/metric.schema';
import { route } from './define.ts';

export const metricRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/superadmin/metrics',
    context: 'platform',
    auth: { type: 'staff', roles: ['superadmin'] },
    summary: 'One usage metric per day, for a tenant or the whole platform (default: the last 30 days)',
    request: { query: MetricSeriesQuery },
    response: {
      status: 200,
      body: MetricSeries,
      description: 'A point for every day of the range, 0 where nothing was counted',
    },
  }),
] as const;
