import { isoNow } from '../shared/clock.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { pageOf } from '../shared/paging.ts';
import { hasAnyRole, type Principal } from '../shared/principal.ts';
import type { Page } from '../shared/schema.ts';
import { assertTransition } from '../shared/state-machine.ts';
import { put, transactWrite } from '../shared/transaction.ts';
import { versionedPatch, writeVersioned } from '../shared/versioned-write.ts';
import { auditWrite } from './audit.ts';
import { IncidentEntity, type IncidentItem, liveIndexKeyOf, UNRESOLVED_INDEX_KEY } from './incident.entity.ts';
import {
  type AffectedTenants,
  ALL_TENANTS,
  affectsTenant,
  type IncidentStatus,
  MAX_TIMELINE_ENTRIES,
  STATUS_MESSAGES,
} from './incident.model.ts';
import {
  type CreateIncident,
  Incident,
  type ListIncidents,
  type PlatformStatus,
  StatusIncident,
  type UpdateIncident,
} from './incident.schema.ts';
import { INCIDENT_TRANSITIONS, statusChangesLeft } from './incident.status.ts';

/** What the superadmin sees: `incidentId` as `id`, the tenants as the API spells them. */
export const toIncident = (item: IncidentItem): Incident =>
  Incident.parse({
    ...item,
    id: item.incidentId,
    affectedTenants: item.affectsAllTenants ? ALL_TENANTS : item.affectedTenantIds,
  });

/** What a tenant's user sees; the schema drops other tenants' ids and who wrote each entry. */
export const toStatusIncident = (item: IncidentItem): StatusIncident =>
  StatusIncident.parse({ ...item, id: item.incidentId });

/** The incidents of `items` that concern `tenantId`, as its users see them, in the order given. */
export const statusFor = (tenantId: string, items: readonly IncidentItem[]): PlatformStatus => ({
  incidents: items.filter((item) => affectsTenant(item, tenantId)).map(toStatusIncident),
});

const assertIncidentManager = (actor: Principal): void => {
  if (!hasAnyRole(actor, ['superadmin'])) throw new ForbiddenError('Only the platform superadmin manages incidents.');
};

const notFound = (id: string) => new NotFoundError(`Incident ${id} was not found.`);

const load = async (id: string, consistent = false): Promise<IncidentItem> => {
  const { data } = await IncidentEntity.get({ incidentId: id }).go({ consistent });
  if (!data) throw notFound(id);
  return data;
};

const affectedAttributes = (affected: AffectedTenants) => ({
  affectsAllTenants: affected === ALL_TENANTS,
  affectedTenantIds: affected === ALL_TENANTS ? [] : [...affected],
});

/** A client clock a little ahead of ours is not a start in the future. */
const CLOCK_SKEW_MS = 60_000;

const startedAtOf = (input: CreateIncident, now: string): string => {
  if (input.startedAt === undefined) return now;
  const startedAt = Date.parse(input.startedAt);
  if (startedAt > Date.parse(now) + CLOCK_SKEW_MS) {
    throw new ValidationError('An incident cannot start in the future.', {
      errors: [{ field: 'startedAt', code: 'in_future', message: 'When the problem began: now or earlier' }],
    });
  }
  return new Date(startedAt).toISOString();
};

export const createIncident = async (
  actor: Principal,
  input: CreateIncident,
  incidentId: string = newId('incident'),
): Promise<Incident> => {
  assertIncidentManager(actor);
  const now = isoNow();
  const startedAt = startedAtOf(input, now);
  const create = IncidentEntity.create({
    incidentId,
    title: input.title,
    description: input.description,
    severity: input.severity,
    status: 'open',
    ...affectedAttributes(input.affectedTenants),
    timeline: [{ at: now, status: 'open', message: STATUS_MESSAGES.open, by: actor.userId }],
    startedAt,
    liveIndexKey: liveIndexKeyOf('open'),
    createdBy: actor.userId,
    updatedBy: actor.userId,
  });
  await transactWrite([
    put(create.params(), () => new ConflictError(`Incident ${incidentId} already exists.`)),
    auditWrite(actor, {
      action: 'incident.created',
      entityType: 'incident',
      entityId: incidentId,
      after: { ...input, status: 'open', startedAt },
    }),
  ]);
  return toIncident(await load(incidentId, true));
};

export const getIncident = async (actor: Principal, id: string): Promise<Incident> => {
  assertIncidentManager(actor);
  return toIncident(await load(id));
};

export const listIncidents = async (actor: Principal, input: ListIncidents): Promise<Page<Incident>> => {
  assertIncidentManager(actor);
  const { status, limit, cursor } = input;
  const query = status ? IncidentEntity.query.byStatus({ status }) : IncidentEntity.query.all({});
  return pageOf(query, status ? 'gsi2pk' : 'gsi1pk', { limit, cursor }, toIncident);
};

export type IncidentChanges = Partial<
  Pick<
    IncidentItem,
    | 'title'
    | 'description'
    | 'severity'
    | 'status'
    | 'affectsAllTenants'
    | 'affectedTenantIds'
    | 'timeline'
    | 'resolvedAt'
  >
> & { liveIndexKey?: string };

export interface IncidentUpdatePlan {
  set: IncidentChanges;
  /** `incident.<verb>` in the audit trail: the new status when the status moves, else `updated`. */
  verb: IncidentStatus | 'updated';
}

const timelineFull = (current: IncidentItem) =>
  new ConflictError(`The timeline of incident ${current.incidentId} is full.`, {
    errors: [
      {
        field: 'update',
        code: 'timeline_full',
        message: `A timeline holds ${MAX_TIMELINE_ENTRIES} entries, with room kept for the status changes still to come`,
      },
    ],
  });

/**
 * Decides what a PATCH changes. A status move must follow the transition table; a status
 * move or an `update` appends one timeline entry (both at once: one entry carrying both).
 * Updates without a status move stop short of the timeline's bound by the number of status
 * moves still possible, so resolving always fits.
 */
export const planIncidentUpdate = (
  actor: Principal,
  current: IncidentItem,
  changes: UpdateIncident,
  now: string,
): IncidentUpdatePlan => {
  const { affectedTenants, status, update, ...fields } = changes;
  if (status !== undefined) assertTransition(INCIDENT_TRANSITIONS, 'An incident', current.status, status);
  const set: IncidentChanges = { ...fields, ...(affectedTenants ? affectedAttributes(affectedTenants) : {}) };
  const nextStatus = status ?? current.status;
  if (status !== undefined || update !== undefined) {
    if (current.timeline.length + 1 + statusChangesLeft(nextStatus) > MAX_TIMELINE_ENTRIES) throw timelineFull(current);
    const entry = {
      at: now,
      ...(status !== undefined ? { status } : {}),
      message: update ?? STATUS_MESSAGES[nextStatus],
      by: actor.userId,
    };
    set.timeline = [...current.timeline, entry];
  }
  if (status !== undefined) {
    set.status = status;
    set.liveIndexKey = liveIndexKeyOf(status);
    if (status === 'resolved') set.resolvedAt = now;
  }
  return { set, verb: status ?? 'updated' };
};

/** Changes an incident and writes its audit entry in one transaction guarded by the version read. */
export const updateIncident = async (
  actor: Principal,
  id: string,
  changes: UpdateIncident,
  expectedVersion?: number,
): Promise<Incident> => {
  assertIncidentManager(actor);
  await writeVersioned(expectedVersion, {
    label: `Incident ${id}`,
    load: () => load(id),
    decide: (current) => {
      const { set, verb } = planIncidentUpdate(actor, current, changes, isoNow());
      return [
        versionedPatch(
          IncidentEntity.patch({ incidentId: id }).set({ ...set, updatedBy: actor.userId }),
          current.version,
        ),
        auditWrite(actor, {
          action: `incident.${verb}`,
          entityType: 'incident',
          entityId: id,
          before: toIncident(current),
          after: toIncident({ ...current, ...set }),
        }),
      ];
    },
  });
  return toIncident(await load(id, true));
};

/**
 * Reads at most this many unresolved incidents for the status page: far more than are ever
 * open at once, and a bound on the work a burst of forgotten incidents could cause.
 */
export const MAX_UNRESOLVED_READ = 200;

/** The unresolved incidents that affect the caller's tenant, newest first. */
export const getPlatformStatus = async (actor: Principal): Promise<PlatformStatus> => {
  const { data } = await IncidentEntity.query
    .unresolved({ liveIndexKey: UNRESOLVED_INDEX_KEY })
    .go({ order: 'desc', count: MAX_UNRESOLVED_READ });
  return statusFor(actor.tenantId, data);
};
