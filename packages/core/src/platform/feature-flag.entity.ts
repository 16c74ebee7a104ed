import { Entity, type EntityItem } from 'electrodb';
import { trackedAttributes } from '../shared/attributes.ts';
import { documentClient, tableName } from '../shared/db.ts';
import { STAFF_ROLES } from '../shared/principal.ts';

/**
 * FeatureFlag: a platform-wide switch the superadmin defines and every caller evaluates.
 * Flags are few and read together, so they share one partition of the table: evaluation
 * reads all of them with one strongly consistent Query, and the key is unique because
 * the item's key is the flag key (ElectroDB's create is a conditional put).
 *
 * Access patterns:
 * - byKey   table  pk: (all flags)  sk: key             -> one flag; every flag at once (evaluation)
 * - all     gsi1   pk: (all flags)  sk: createdAt + key -> the superadmin's list, newest first
 */
export const FeatureFlagEntity = new Entity(
  {
    model: { entity: 'featureflag', version: '1', service: 'assist-ten' },
    attributes: {
      flagKey: { type: 'string', required: true, readOnly: true },
      description: { type: 'string', required: true },
      /** The answer for everyone no rule below decides for. */
      enabled: { type: 'boolean', required: true, default: false },
      /** A list rather than a map keyed by tenant id, so ElectroDB can type and check each entry. */
      tenantOverrides: {
        type: 'list',
        required: true,
        default: () => [],
        items: {
          type: 'map',
          properties: {
            tenantId: { type: 'string', required: true },
            enabled: { type: 'boolean', required: true },
          },
        },
      },
      rolloutPercentage: { type: 'number', required: true, default: 0 },
      /** Absent: every role. */
      targetRoles: { type: 'set', items: STAFF_ROLES },
      archivedAt: { type: 'string' },
      ...trackedAttributes,
    },
    indexes: {
      byKey: {
        pk: { field: 'pk', composite: [], template: '$assist-ten#featureflags', casing: 'none' },
        sk: { field: 'sk', composite: ['flagKey'], casing: 'none' },
      },
      all: {
        index: 'gsi1',
        // A partition of its own: another list's cursor then fails our cursor check, not DynamoDB.
        pk: { field: 'gsi1pk', composite: [], template: '$assist-ten#featureflags', casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['createdAt', 'flagKey'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type FeatureFlagItem = EntityItem<typeof FeatureFlagEntity>;
