import { Entity, type EntityItem } from 'electrodb';
import { documentClient, tableName } from '../shared/db.ts';

/**
 * NotificationExpiry: the mark that the unread counter already lost the expired notification
 * of the same id. The table stream may hand the TTL removal over more than once; the counter
 * moves only in the transaction that creates this mark, so it moves once. It outlives the
 * stream's 24 hours of retention by days, then TTL removes it too.
 *
 * Access patterns:
 * - byId  table  pk: tenant + user  sk: notification id  -> written under a condition, never read
 */
export const NOTIFICATION_EXPIRY_ENTITY = 'notificationExpiry';

export const NotificationExpiryEntity = new Entity(
  {
    model: { entity: NOTIFICATION_EXPIRY_ENTITY, version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      userId: { type: 'string', required: true, readOnly: true },
      notificationId: { type: 'string', required: true, readOnly: true },
      /** Epoch seconds, the table's TTL attribute. */
      expiresAt: { type: 'number', required: true, readOnly: true },
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['tenantId', 'userId'], casing: 'none' },
        sk: { field: 'sk', composite: ['notificationId'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type NotificationExpiryItem = EntityItem<typeof NotificationExpiryEntity>;
