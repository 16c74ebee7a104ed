import { listAnyAuditLogs, listTenantAuditLogs } from '@assist-ten/core/platform/audit.service';
import type { Operations } from '@assist-ten/lambda-kit/http/operation';
import type { auditRoutes } from '../../routes/audit.ts';

export const auditOperations: Operations<(typeof auditRoutes)[number]> = {
  'GET /api/v1/admin/audit-logs': async ({ principal, query }) => ({
    body: await listTenantAuditLogs(principal, query),
  }),
  'GET /api/v1/superadmin/audit-logs': async ({ principal, query }) => ({
    body: await listAnyAuditLogs(principal, query),
  }),
};
