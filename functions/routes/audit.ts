import { AuditLogPage, ListAnyAuditLogsQuery, ListAuditLogsQuery } from '@assist-ten/core/platform/audit.schema';
import { route } from './define.ts';

export const auditRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/admin/audit-logs',
    context: 'platform',
    auth: { type: 'staff', roles: ['admin'] },
    summary: "The tenant's audit trail, newest first: filter by entity, actor, action and time",
    request: { query: ListAuditLogsQuery },
    response: { status: 200, body: AuditLogPage, description: 'One page of audit entries' },
  }),
  route({
    method: 'GET',
    path: '/api/v1/superadmin/audit-logs',
    context: 'platform',
    auth: { type: 'staff', roles: ['superadmin'] },
    summary: "Any tenant's audit trail, newest first: same filters, plus the tenant",
    request: { query: ListAnyAuditLogsQuery },
    response: { status: 200, body: AuditLogPage, description: 'One page of audit entries' },
  }),
] as const;
