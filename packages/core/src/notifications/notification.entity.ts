import { Entity, type EntityItem } from 'electrodb';
import { isoNow } from '../shared/clock.ts';
import { documentClient, tableName } from '../shared/db.ts';
import { NOTIFICATION_PRIORITIES, NOTIFICATION_TYPES } from './notification.model.ts';

/**
 * Notification: one item of one user's inbox. Personal state: only its recipient reads or
 * changes it, so every key starts with the tenant and the user, and nothing else can name it.
 *
 * Access patterns (ids are ULIDs, so sorting by id is sorting by arrival, newest first):
 * - byId          table  pk: tenant + user                  sk: id  -> one notification of the caller
 * - inbox         gsi1   pk: tenant + user                  sk: id  -> the inbox (sparse: archived ones leave)
 * - unread        gsi2   pk: tenant + user                  sk: id  -> unread=true (sparse: unread, not archived)
 * - byType        gsi3   pk: tenant + user + type           sk: id  -> type= (sparse: not archived)
 * - unreadByType  gsi4   pk: tenant + user + type           sk: id  -> unread=true&type= (sparse, as unread)
 * Each list is one Query on the index that holds exactly its items: no filter expression
 * reads and drops a user's other notifications. TTL (`expiresAt`) removes a notification
 * 90 days after it arrived; the table stream then fixes the unread counter (see the service).
 */
export const NOTIFICATION_ENTITY = 'notification';

/**
 * What the index keys `inboxIndexKey` and `unreadIndexKey` hold. ElectroDB needs every
 * composite of a sparse index on every write that touches it, so "left the index" is a
 * value its condition leaves out. '#' never starts a real value, so they cannot collide.
 */
export const IN_INBOX = 'inbox';
export const ARCHIVED = '#archived';
export const UNREAD = 'unread';
export const NOT_UNREAD = '#none';

export const inboxIndexKeyOf = (state: { isArchived: boolean }): string => (state.isArchived ? ARCHIVED : IN_INBOX);

export const unreadIndexKeyOf = (state: { isRead: boolean; isArchived: boolean }): string =>
  !state.isRead && !state.isArchived ? UNREAD : NOT_UNREAD;

export const NotificationEntity = new Entity(
  {
    model: { entity: NOTIFICATION_ENTITY, version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      userId: { type: 'string', required: true, readOnly: true },
      notificationId: { type: 'string', required: true, readOnly: true },
      type: { type: NOTIFICATION_TYPES, required: true, readOnly: true },
      title: { type: 'string', required: true, readOnly: true },
      message: { type: 'string', required: true, readOnly: true },
      priority: { type: NOTIFICATION_PRIORITIES, required: true, readOnly: true },
      relatedEntityType: { type: 'string', readOnly: true },
      relatedEntityId: { type: 'string', readOnly: true },
      actionUrl: { type: 'string', readOnly: true },
      /** The domain event this notification tells of, to trace one delivery end to end. */
      eventId: { type: 'string', readOnly: true },
      isRead: { type: 'boolean', required: true, default: false },
      readAt: { type: 'string' },
      isArchived: { type: 'boolean', required: true, default: false },
      archivedAt: { type: 'string' },
      createdAt: { type: 'string', required: true, readOnly: true, default: () => isoNow() },
      /** Epoch seconds, the table's TTL attribute. */
      expiresAt: { type: 'number', required: true, readOnly: true },
      inboxIndexKey: { type: 'string', required: true, hidden: true },
      unreadIndexKey: { type: 'string', required: true, hidden: true },
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['tenantId', 'userId'], casing: 'none' },
        sk: { field: 'sk', composite: ['notificationId'], casing: 'none' },
      },
      inbox: {
        index: 'gsi1',
        condition: (attributes) => attributes.inboxIndexKey === IN_INBOX,
        pk: { field: 'gsi1pk', composite: ['tenantId', 'userId', 'inboxIndexKey'], casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['notificationId'], casing: 'none' },
      },
      unread: {
        index: 'gsi2',
        condition: (attributes) => attributes.unreadIndexKey === UNREAD,
        pk: { field: 'gsi2pk', composite: ['tenantId', 'userId', 'unreadIndexKey'], casing: 'none' },
        sk: { field: 'gsi2sk', composite: ['notificationId'], casing: 'none' },
      },
      byType: {
        index: 'gsi3',
        condition: (attributes) => attributes.inboxIndexKey === IN_INBOX,
        pk: { field: 'gsi3pk', composite: ['tenantId', 'userId', 'type', 'inboxIndexKey'], casing: 'none' },
        sk: { field: 'gsi3sk', composite: ['notificationId'], casing: 'none' },
      },
      unreadByType: {
        index: 'gsi4',
        condition: (attributes) => attributes.unreadIndexKey === UNREAD,
        pk: { field: 'gsi4pk', composite: ['tenantId', 'userId', 'type', 'unreadIndexKey'], casing: 'none' },
        sk: { field: 'gsi4sk', composite: ['notificationId'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type NotificationItem = EntityItem<typeof NotificationEntity>;
