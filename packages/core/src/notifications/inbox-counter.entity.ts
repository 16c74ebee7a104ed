import { Entity, type EntityItem } from 'electrodb';
import { documentClient, tableName } from '../shared/db.ts';
import type { NotificationType } from './notification.model.ts';

/**
 * InboxCounter: how many of one user's notifications are unread (and not archived), in all
 * and per type for the inbox's tab badges. Only the transaction that changes a notification's
 * unread state changes it, by the same amount, so it is exact without ever counting items.
 * No item yet means zero: the first unread notification creates it.
 *
 * Access patterns:
 * - byUser  table  pk: tenant + user  -> the counter (GET unread-count: one GetItem)
 */
export const INBOX_COUNTER_ENTITY = 'inboxCounter';

/**
 * Flat attributes, not a map of types: DynamoDB's ADD creates a missing top-level number but
 * refuses a path into a map that does not exist yet, and a new user has no counter at all.
 */
export const UNREAD_ATTRIBUTE_OF = {
  system: 'unreadSystem',
  assessment: 'unreadAssessment',
  interview: 'unreadInterview',
  application: 'unreadApplication',
  proctoring: 'unreadProctoring',
} as const satisfies Record<NotificationType, string>;

export const InboxCounterEntity = new Entity(
  {
    model: { entity: INBOX_COUNTER_ENTITY, version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      userId: { type: 'string', required: true, readOnly: true },
      unreadCount: { type: 'number' },
      unreadSystem: { type: 'number' },
      unreadAssessment: { type: 'number' },
      unreadInterview: { type: 'number' },
      unreadApplication: { type: 'number' },
      unreadProctoring: { type: 'number' },
    },
    indexes: {
      byUser: {
        pk: { field: 'pk', composite: ['tenantId', 'userId'], casing: 'none' },
        sk: { field: 'sk', composite: [], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type InboxCounterItem = EntityItem<typeof InboxCounterEntity>;
