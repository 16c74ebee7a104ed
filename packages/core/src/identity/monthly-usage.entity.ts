import { Entity, type EntityItem } from 'electrodb';
import { documentClient, tableName } from '../shared/db.ts';

/**
 * MonthlyUsage: what a tenant used of a monthly plan limit in one calendar month (UTC), e.g.
 * assessment invitations against `maxAssessmentsPerMonth`. A new month is a new item, so
 * nothing has to reset counters; old months stay for billing questions.
 *
 * Access patterns:
 * - byMonth  table  pk: tenant  sk: month (YYYY-MM)  -> one month; a tenant's months in order
 */
export const MonthlyUsageEntity = new Entity(
  {
    model: { entity: 'monthly_usage', version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      month: { type: 'string', required: true, readOnly: true },
      assessmentInvitations: { type: 'number', required: true, default: 0 },
    },
    indexes: {
      byMonth: {
        pk: { field: 'pk', composite: ['tenantId'], casing: 'none' },
        sk: { field: 'sk', composite: ['month'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type MonthlyUsageItem = EntityItem<typeof MonthlyUsageEntity>;
