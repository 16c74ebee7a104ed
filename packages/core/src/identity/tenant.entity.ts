import { Entity, type EntityItem } from 'electrodb';
import { trackedAttributes } from '../shared/attributes.ts';
import { documentClient, tableName } from '../shared/db.ts';
import { TENANT_PLANS, TENANT_STATUSES } from './tenant.model.ts';

/**
 * Tenant: one customer organisation. Its item also holds the usage counters its limits
 * are checked against, so a limit is a condition on the same transaction that uses it up.
 *
 * Access patterns:
 * - byId      table  pk: tenant                    -> one tenant (also read on every request: status)
 * - all       gsi1   pk: (all tenants)    sk: id    -> every tenant, newest first (superadmin)
 * - byStatus  gsi2   pk: status           sk: id    -> e.g. every suspended tenant
 */
export const TenantEntity = new Entity(
  {
    model: { entity: 'tenant', version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      name: { type: 'string', required: true },
      slug: { type: 'string', required: true },
      status: { type: TENANT_STATUSES, required: true, default: 'active' },
      plan: { type: TENANT_PLANS, required: true },
      maxUsers: { type: 'number', required: true },
      maxActiveRequisitions: { type: 'number', required: true },
      maxAssessmentsPerMonth: { type: 'number', required: true },
      contact: {
        type: 'map',
        required: true,
        properties: {
          name: { type: 'string', required: true },
          email: { type: 'string', required: true },
          phone: { type: 'string' },
        },
      },
      region: { type: 'string', required: true },
      suspendedAt: { type: 'string' },
      suspendedReason: { type: 'string' },
      /** Active users, active admins and active requisitions: kept by the writes that change them. */
      userCount: { type: 'number', required: true, default: 0 },
      adminCount: { type: 'number', required: true, default: 0 },
      activeRequisitionCount: { type: 'number', required: true, default: 0 },
      ...trackedAttributes,
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['tenantId'], casing: 'none' },
        sk: { field: 'sk', composite: [], casing: 'none' },
      },
      all: {
        index: 'gsi1',
        // A partition of its own: another list's cursor then fails our cursor check, not DynamoDB.
        pk: { field: 'gsi1pk', composite: [], template: '$assist-ten#tenants', casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['tenantId'], casing: 'none' },
      },
      byStatus: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: ['status'], casing: 'none' },
        sk: { field: 'gsi2sk', composite: ['tenantId'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type TenantItem = EntityItem<typeof TenantEntity>;
