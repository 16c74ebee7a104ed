import {
  createIncident,
  getIncident,
  getPlatformStatus,
  listIncidents,
  updateIncident,
} from '@assist-ten/core/platform/incident.service';
import type { Operations } from '@assist-ten/lambda-kit/http/operation';
import type { incidentRoutes } from '../../routes/incidents.ts';

export const incidentOperations: Operations<(typeof incidentRoutes)[number]> = {
  'POST /api/v1/superadmin/incidents': async ({ principal, body }) => {
    const incident = await createIncident(principal, body);
    return { body: incident, location: `/api/v1/superadmin/incidents/${incident.id}` };
  },
  'GET /api/v1/superadmin/incidents': async ({ principal, query }) => ({ body: await listIncidents(principal, query) }),
  'GET /api/v1/superadmin/incidents/{id}': async ({ principal, path }) => ({
    body: await getIncident(principal, path.id),
  }),
  'PATCH /api/v1/superadmin/incidents/{id}': async ({ principal, path, body, ifMatch }) => ({
    body: await updateIncident(principal, path.id, body, ifMatch),
  }),
  'GET /api/v1/status': async ({ principal }) => ({ body: await getPlatformStatus(principal) }),
};
