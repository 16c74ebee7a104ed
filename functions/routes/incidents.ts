import {
  CreateIncidentBody,
  Incident,
  IncidentPage,
  IncidentPath,
  ListIncidentsQuery,
  PlatformStatus,
  UpdateIncidentBody,
} from '@assist-ten/core/platform/incident.schema';
import { STAFF_ROLES } from '@assist-ten/core/shared/principal';
import { route } from './define.ts';

const INCIDENTS = '/api/v1/superadmin/incidents';
const superadmin = { type: 'staff', roles: ['superadmin'] } as const;
const everyone = { type: 'staff', roles: STAFF_ROLES } as const;

export const incidentRoutes = [
  route({
    method: 'POST',
    path: INCIDENTS,
    context: 'platform',
    auth: superadmin,
    summary: 'Declare a system incident, affecting every tenant or the tenants listed',
    request: { body: CreateIncidentBody },
    response: { status: 201, body: Incident, description: 'The new incident, open' },
    idempotent: true,
    versioned: true,
  }),
  route({
    method: 'GET',
    path: INCIDENTS,
    context: 'platform',
    auth: superadmin,
    summary: 'List incidents, newest first, optionally of one status',
    request: { query: ListIncidentsQuery },
    response: { status: 200, body: IncidentPage, description: 'One page of incidents' },
  }),
  route({
    method: 'GET',
    path: `${INCIDENTS}/{id}`,
    context: 'platform',
    auth: superadmin,
    summary: 'Get an incident with its timeline',
    request: { path: IncidentPath },
    response: { status: 200, body: Incident, description: 'The incident' },
    versioned: true,
    resource: 'incident',
  }),
  route({
    method: 'PATCH',
    path: `${INCIDENTS}/{id}`,
    context: 'platform',
    auth: superadmin,
    summary: "Change an incident's text, severity or tenants, move its status, post an update (If-Match honoured)",
    request: { path: IncidentPath, body: UpdateIncidentBody },
    response: { status: 200, body: Incident, description: 'The updated incident' },
    versioned: true,
    resource: 'incident',
  }),
  route({
    method: 'GET',
    path: '/api/v1/status',
    context: 'platform',
    auth: everyone,
    summary: "The unresolved incidents affecting the caller's tenant, newest first",
    response: { status: 200, body: PlatformStatus, description: 'The platform status for the caller' },
  }),
] as const;
