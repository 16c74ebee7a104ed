import { Entity, type EntityItem } from 'electrodb';
import { documentClient, tableName } from '../shared/db.ts';

/**
 * Connection: one open WebSocket of a signed-in staff user, so a notification can be
 * pushed to every tab the user has open. It lives as long as the socket: $connect writes
 * it, $disconnect deletes it, a push that finds the socket gone deletes it, and the
 * table's TTL on `expiresAt` removes whatever those missed.
 *
 * Access patterns:
 * - byId    table  pk: connection id                     -> the connection ($disconnect knows nothing else)
 * - byUser  gsi1   pk: tenant + user    sk: connection id  -> every open socket of one user (pushes)
 * The table key holds no tenant: API Gateway mints connection ids unique across tenants,
 * and the item is only ever reached by one from API Gateway or from a byUser query.
 */
export const CONNECTION_ENTITY = 'connection';

export const ConnectionEntity = new Entity(
  {
    model: { entity: CONNECTION_ENTITY, version: '1', service: 'assist-ten' },
    attributes: {
      connectionId: { type: 'string', required: true, readOnly: true },
      tenantId: { type: 'string', required: true, readOnly: true },
      userId: { type: 'string', required: true, readOnly: true },
      connectedAt: { type: 'string', required: true, readOnly: true },
      /** Epoch seconds: after it the socket is closed for sure (API Gateway's 2 h limit), see connection.service. */
      expiresAt: { type: 'number', required: true, readOnly: true },
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['connectionId'], casing: 'none' },
        sk: { field: 'sk', composite: [], casing: 'none' },
      },
      byUser: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['tenantId', 'userId'], casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['connectionId'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type ConnectionItem = EntityItem<typeof ConnectionEntity>;
