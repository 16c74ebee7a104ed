import { Entity, type EntityItem } from 'electrodb';
import { documentClient, tableName } from '../shared/db.ts';

/**
 * AuditLog: one change to one object, written in the same transaction as the change,
 * so a change without its entry cannot exist. Never updated or deleted through the API;
 * DynamoDB's TTL on `expiresAt` removes entries after the retention period.
 *
 * Access patterns (ids are ULIDs, so sorting by id is sorting by time, and a time range
 * is an id range):
 * - byTenant  table  pk: tenant                       sk: id -> everything, newest first
 * - byEntity  gsi1   pk: tenant + entity type + id    sk: id -> one object's history
 * - byActor   gsi2   pk: tenant + actor               sk: id -> what one person did
 * - byAction  gsi3   pk: tenant + action              sk: id -> e.g. every user.deactivated
 */
export const AuditLogEntity = new Entity(
  {
    model: { entity: 'auditlog', version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      auditId: { type: 'string', required: true, readOnly: true },
      at: { type: 'string', required: true, readOnly: true },
      actorId: { type: 'string', required: true, readOnly: true },
      actorTenantId: { type: 'string', required: true, readOnly: true },
      action: { type: 'string', required: true, readOnly: true },
      entityType: { type: 'string', required: true, readOnly: true },
      entityId: { type: 'string', required: true, readOnly: true },
      changes: {
        type: 'list',
        required: true,
        readOnly: true,
        items: {
          type: 'map',
          properties: {
            field: { type: 'string', required: true },
            before: { type: 'any' },
            after: { type: 'any' },
          },
        },
      },
      requestId: { type: 'string', required: true, readOnly: true },
      expiresAt: { type: 'number', required: true, readOnly: true },
    },
    indexes: {
      byTenant: {
        pk: { field: 'pk', composite: ['tenantId'], casing: 'none' },
        sk: { field: 'sk', composite: ['auditId'], casing: 'none' },
      },
      byEntity: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['tenantId', 'entityType', 'entityId'], casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['auditId'], casing: 'none' },
      },
      byActor: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: ['tenantId', 'actorId'], casing: 'none' },
        sk: { field: 'gsi2sk', composite: ['auditId'], casing: 'none' },
      },
      byAction: {
        index: 'gsi3',
        pk: { field: 'gsi3pk', composite: ['tenantId', 'action'], casing: 'none' },
        sk: { field: 'gsi3sk', composite: ['auditId'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type AuditLogItem = EntityItem<typeof AuditLogEntity>;
