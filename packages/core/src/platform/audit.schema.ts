import * as z from 'zod/mini';
import { listQuery, page, timeRange } from '../shared/schema.ts';

const token = (max: number) =>
  z.string().check(z.regex(/^[\w.:-]+$/, 'Letters, digits and . _ : - only'), z.maxLength(max));

const filters = {
  entityType: z.optional(token(64)),
  entityId: z.optional(token(128)),
  actorId: z.optional(token(128)),
  action: z.optional(token(128)),
  ...timeRange,
  ...listQuery,
};

const rules = [
  z.refine<{ entityId?: string | undefined; entityType?: string | undefined }>(
    (query) => query.entityId === undefined || query.entityType !== undefined,
    { message: 'entityId needs entityType', path: ['entityType'] },
  ),
  z.refine<{ from?: string | undefined; to?: string | undefined }>(
    (query) => query.from === undefined || query.to === undefined || Date.parse(query.from) <= Date.parse(query.to),
    { message: 'from must not be after to', path: ['from'] },
  ),
];

export const ListAuditLogsQuery = z.strictObject(filters).check(...rules);

/** The superadmin reads any tenant's trail, one tenant at a time: every query is served by a tenant's index. */
export const ListAnyAuditLogsQuery = z
  .strictObject({ ...filters, tenantId: z.string().check(z.regex(/^tnt_[A-Za-z0-9]{1,40}$/, 'A tenant id')) })
  .check(...rules);

export type AuditFilters = z.output<typeof ListAuditLogsQuery>;

export const AuditLog = z.object({
  id: z.string(),
  at: z.string(),
  tenantId: z.string(),
  actor: z.object({ id: z.string(), tenantId: z.string() }),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  changes: z.array(z.object({ field: z.string(), before: z.optional(z.unknown()), after: z.optional(z.unknown()) })),
  requestId: z.string(),
});
export type AuditLog = z.output<typeof AuditLog>;

export const AuditLogPage = page(AuditLog);
