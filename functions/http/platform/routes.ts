import { auditRoutes } from '../../routes/audit.ts';
import { featureFlagRoutes } from '../../routes/feature-flags.ts';
import { healthRoutes } from '../../routes/health.ts';
import { incidentRoutes } from '../../routes/incidents.ts';
import { metricRoutes } from '../../routes/metrics.ts';
import { taskRoutes } from '../../routes/tasks.ts';

/** The routes the platform function serves; it bundles these schemas and no other context's. */
export const platformRoutes = [
  ...healthRoutes,
  ...featureFlagRoutes,
  ...incidentRoutes,
  ...metricRoutes,
  ...auditRoutes,
  ...taskRoutes,
] as const;
