import { Entity, type EntityItem } from 'electrodb';
import { trackedAttributes } from '../shared/attributes.ts';
import { documentClient, tableName } from '../shared/db.ts';
import { INCIDENT_SEVERITIES, INCIDENT_STATUSES, type IncidentStatus, isUnresolved } from './incident.model.ts';

/**
 * SystemIncident: a problem of the platform, declared and followed by the superadmin and
 * shown to the users of the tenants it affects. Platform-wide, so no tenant in its keys.
 *
 * Access patterns (ids are ULIDs, so sorting by id is sorting by creation time):
 * - byId        table  pk: incident id                    -> one incident
 * - all         gsi1   pk: (all incidents)   sk: id       -> every incident, newest first (superadmin)
 * - byStatus    gsi2   pk: status            sk: id       -> one status, newest first (superadmin)
 * - unresolved  gsi3   pk: (unresolved)      sk: id       -> every incident not yet resolved, newest
 *               first (sparse: a resolved incident leaves it). Serves GET /status: the unresolved
 *               incidents of the whole platform are few (a handful at a bad moment), so one Query
 *               reads them all and the tenant each caller may see is filtered in memory; an index
 *               per affected tenant would cost one index write per tenant on every change.
 */
/** Never equal to `UNRESOLVED_INDEX_KEY`: what `liveIndexKey` holds once an incident is resolved. */
export const RESOLVED_INDEX_KEY = '#resolved';
export const UNRESOLVED_INDEX_KEY = 'unresolved';

/** What `liveIndexKey` must hold for an incident in `status`. */
export const liveIndexKeyOf = (status: IncidentStatus): string =>
  isUnresolved(status) ? UNRESOLVED_INDEX_KEY : RESOLVED_INDEX_KEY;

export const IncidentEntity = new Entity(
  {
    model: { entity: 'incident', version: '1', service: 'assist-ten' },
    attributes: {
      incidentId: { type: 'string', required: true, readOnly: true },
      title: { type: 'string', required: true },
      description: { type: 'string', required: true },
      severity: { type: INCIDENT_SEVERITIES, required: true },
      status: { type: INCIDENT_STATUSES, required: true, default: 'open' },
      /** The API's `affectedTenants: "all"`; when true, `affectedTenantIds` is empty. */
      affectsAllTenants: { type: 'boolean', required: true },
      affectedTenantIds: { type: 'list', required: true, default: () => [], items: { type: 'string' } },
      timeline: {
        type: 'list',
        required: true,
        items: {
          type: 'map',
          properties: {
            at: { type: 'string', required: true },
            status: { type: INCIDENT_STATUSES },
            message: { type: 'string', required: true },
            by: { type: 'string', required: true },
          },
        },
      },
      startedAt: { type: 'string', required: true },
      resolvedAt: { type: 'string' },
      /**
       * The status as the sparse index sees it. ElectroDB needs every composite of an index on
       * every write that touches it, so "resolved" is a value the index condition leaves out.
       */
      liveIndexKey: { type: 'string', required: true, hidden: true },
      ...trackedAttributes,
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['incidentId'], casing: 'none' },
        sk: { field: 'sk', composite: [], casing: 'none' },
      },
      all: {
        index: 'gsi1',
        // A partition of its own: another list's cursor then fails our cursor check, not DynamoDB.
        pk: { field: 'gsi1pk', composite: [], template: '$assist-ten#incidents', casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['incidentId'], casing: 'none' },
      },
      byStatus: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: ['status'], casing: 'none' },
        sk: { field: 'gsi2sk', composite: ['incidentId'], casing: 'none' },
      },
      unresolved: {
        index: 'gsi3',
        // Sparse: only incidents that are not resolved are in this index.
        condition: (attributes) => attributes.liveIndexKey !== RESOLVED_INDEX_KEY,
        pk: { field: 'gsi3pk', composite: ['liveIndexKey'], casing: 'none' },
        sk: { field: 'gsi3sk', composite: ['incidentId'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type IncidentItem = EntityItem<typeof IncidentEntity>;
