import { ForbiddenError } from '../shared/errors.ts';
import { idRange } from '../shared/ids.ts';
import { pageOf } from '../shared/paging.ts';
import { hasAnyRole, type Principal } from '../shared/principal.ts';
import type { Page } from '../shared/schema.ts';
import { type AuditFilters, AuditLog } from './audit.schema.ts';
import { AuditLogEntity, type AuditLogItem } from './audit-log.entity.ts';

export const toAuditLog = (item: AuditLogItem): AuditLog =>
  AuditLog.parse({
    ...item,
    id: item.auditId,
    actor: { id: item.actorId, tenantId: item.actorTenantId },
  });

/**
 * Picks the index of the most selective filter (an object's history, then a person's
 * actions, then an action, then the whole tenant); the time range is always a key range
 * on the id; any other filter narrows that one Query.
 */
const queryFor = (tenantId: string, filters: AuditFilters) => {
  const { entityType, entityId, actorId, action } = filters;
  if (entityType !== undefined && entityId !== undefined) {
    return {
      query: AuditLogEntity.query.byEntity({ tenantId, entityType, entityId }),
      partition: 'gsi1pk',
      residual: { actorId, action, entityType: undefined },
    };
  }
  if (actorId !== undefined) {
    return {
      query: AuditLogEntity.query.byActor({ tenantId, actorId }),
      partition: 'gsi2pk',
      residual: { actorId: undefined, action, entityType },
    };
  }
  if (action !== undefined) {
    return {
      query: AuditLogEntity.query.byAction({ tenantId, action }),
      partition: 'gsi3pk',
      residual: { actorId: undefined, action: undefined, entityType },
    };
  }
  return {
    query: AuditLogEntity.query.byTenant({ tenantId }),
    partition: 'pk',
    residual: { actorId: undefined, action: undefined, entityType },
  };
};

const list = async (tenantId: string, filters: AuditFilters): Promise<Page<AuditLog>> => {
  const { query, partition, residual } = queryFor(tenantId, filters);
  const range = idRange('audit', filters.from, filters.to);
  const ranged =
    range.from !== undefined && range.to !== undefined
      ? query.between({ auditId: range.from }, { auditId: range.to })
      : range.from !== undefined
        ? query.gte({ auditId: range.from })
        : range.to !== undefined
          ? query.lte({ auditId: range.to })
          : query;
  const filtered = ranged.where((attributes, { eq }) =>
    (
      [
        ['actorId', residual.actorId],
        ['action', residual.action],
        ['entityType', residual.entityType],
      ] as const
    )
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => eq(attributes[name], value as string))
      .join(' AND '),
  );
  return pageOf(filtered, partition, { limit: filters.limit, cursor: filters.cursor }, toAuditLog);
};

/** A tenant admin reads the trail of their own tenant. */
export const listTenantAuditLogs = (actor: Principal, filters: AuditFilters): Promise<Page<AuditLog>> => {
  if (!hasAnyRole(actor, ['admin'])) throw new ForbiddenError("Only an admin reads the tenant's audit trail.");
  return list(actor.tenantId, filters);
};

/** The superadmin reads any tenant's trail, the platform's own included. */
export const listAnyAuditLogs = (
  actor: Principal,
  { tenantId, ...filters }: AuditFilters & { tenantId: string },
): Promise<Page<AuditLog>> => {
  if (!hasAnyRole(actor, ['superadmin'])) throw new ForbiddenError('Only the superadmin reads every audit trail.');
  return list(tenantId, filters);
};
