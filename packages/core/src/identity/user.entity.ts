import { Entity, type EntityItem } from 'electrodb';
import { trackedAttributes } from '../shared/attributes.ts';
import { documentClient, tableName } from '../shared/db.ts';
import { STAFF_ROLES } from '../shared/principal.ts';
import { DEFAULT_LOCALE, DEFAULT_TIMEZONE, perNotificationType, USER_STATUSES } from './user.model.ts';

const channels = {
  type: 'map',
  required: true,
  properties: { inApp: { type: 'boolean', required: true }, email: { type: 'boolean', required: true } },
} as const;

/** A stored preference map: per notification type, each channel on or off (users and tenant defaults). */
export const notificationPreferencesAttribute = {
  type: 'map',
  required: true,
  properties: perNotificationType(channels),
} as const;

/**
 * User: a staff member of a tenant. The item is the source of truth for roles and status:
 * every request reads it, so a role change or a deactivation applies to tokens already issued.
 * Its email is claimed in a UniqueValue (scope: tenant) in the same transaction.
 *
 * Access patterns:
 * - byId      table  pk: tenant + user id           -> one user (also read on every request)
 * - byTenant  gsi1   pk: tenant           sk: id   -> the tenant's users, newest first
 * - byStatus  gsi2   pk: tenant + status  sk: id   -> e.g. the active ones
 */
export const UserEntity = new Entity(
  {
    model: { entity: 'user', version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      userId: { type: 'string', required: true, readOnly: true },
      email: { type: 'string', required: true, readOnly: true },
      name: { type: 'string', required: true },
      roles: { type: 'set', required: true, items: STAFF_ROLES },
      status: { type: USER_STATUSES, required: true, default: 'active' },
      /** The identity provider's name for the account (Cognito: the user's sub). */
      identityUsername: { type: 'string', required: true, readOnly: true },
      timezone: { type: 'string', required: true, default: DEFAULT_TIMEZONE },
      locale: { type: 'string', required: true, default: DEFAULT_LOCALE },
      notificationPreferences: notificationPreferencesAttribute,
      deactivatedAt: { type: 'string' },
      /**
       * The practice streak as last written (identity/practice-streak.ts): days in the user's
       * time zone. Users made before practice existed have none of the three: read them as 0.
       */
      currentStreak: { type: 'number', default: 0 },
      longestStreak: { type: 'number', default: 0 },
      /** YYYY-MM-DD of the last completed practice, in the user's time zone then. */
      lastPracticeDate: { type: 'string' },
      ...trackedAttributes,
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['tenantId', 'userId'], casing: 'none' },
        sk: { field: 'sk', composite: [], casing: 'none' },
      },
      byTenant: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['tenantId'], casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['userId'], casing: 'none' },
      },
      byStatus: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: ['tenantId', 'status'], casing: 'none' },
        sk: { field: 'gsi2sk', composite: ['userId'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type UserItem = EntityItem<typeof UserEntity>;
