import { Entity, type EntityItem } from 'electrodb';
import { trackedAttributes } from '../shared/attributes.ts';
import { documentClient, tableName } from '../shared/db.ts';
import { PROCTORING_EVENT_TYPES, PROCTORING_SEVERITIES } from './settings.model.ts';
import { notificationPreferencesAttribute } from './user.entity.ts';

const int = { type: 'number', required: true } as const;

const severity = { type: PROCTORING_SEVERITIES, required: true } as const;

/**
 * Settings: one tenant's admin settings, a single item. A tenant that never saved has no
 * item and reads the defaults of settings.model.ts; the first save creates the item with
 * a condition that it does not exist, so two first saves cannot both create it.
 *
 * Access patterns:
 * - byTenant  table  pk: tenant  -> the tenant's settings (admins; proctoring and interviews read them)
 */
export const SettingsEntity = new Entity(
  {
    model: { entity: 'settings', version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      assessmentDefaults: {
        type: 'map',
        required: true,
        properties: { durationMinutes: int, passingScorePercent: int },
      },
      proctoring: {
        type: 'map',
        required: true,
        properties: {
          thresholds: {
            type: 'map',
            required: true,
            properties: Object.fromEntries(PROCTORING_EVENT_TYPES.map((type) => [type, severity])) as Record<
              (typeof PROCTORING_EVENT_TYPES)[number],
              typeof severity
            >,
          },
          autoFlagBelowScore: int,
          snapshotRetentionDays: int,
          /** Absent from items saved before it existed: they read the default (settings.schema.ts). */
          appealWindowDays: { type: 'number' },
        },
      },
      allowedEmailDomains: { type: 'list', required: true, items: { type: 'string' } },
      interviewDefaults: {
        type: 'map',
        required: true,
        properties: { durationMinutes: int, reminderLeadMinutes: int },
      },
      notificationDefaults: notificationPreferencesAttribute,
      timezone: { type: 'string', required: true },
      ...trackedAttributes,
    },
    indexes: {
      byTenant: {
        pk: { field: 'pk', composite: ['tenantId'], casing: 'none' },
        sk: { field: 'sk', composite: [], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type SettingsItem = EntityItem<typeof SettingsEntity>;
