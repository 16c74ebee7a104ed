import * as z from 'zod/mini';
import { boundedList, idPath, listQuery, notEmpty, page, text, trackedView } from '../shared/schema.ts';
import {
  ALL_TENANTS,
  INCIDENT_SEVERITIES,
  INCIDENT_STATUSES,
  MAX_AFFECTED_TENANTS,
  MAX_TIMELINE_MESSAGE,
} from './incident.model.ts';

/** Seeded tenants have short ids (`tnt_demo`), created ones a ULID; both fit. */
const tenantId = z.string().check(z.regex(/^tnt_[A-Za-z0-9]{1,40}$/, 'A tenant id such as tnt_01J...'));

const tenantList = boundedList(tenantId, MAX_AFFECTED_TENANTS).check(
  z.minLength(1, 'List at least one tenant, or send "all"'),
  z.refine((ids) => new Set(ids).size === ids.length, { message: 'Each tenant may be listed once' }),
);

const affectedTenants = z.union([z.literal(ALL_TENANTS), tenantList], {
  error: `Either "all" or a list of 1 to ${MAX_AFFECTED_TENANTS} tenant ids`,
});

const timelineMessage = text(MAX_TIMELINE_MESSAGE);

/** Fields the superadmin writes; status, timeline and dates the system keeps. */
const editable = {
  title: text(200),
  description: text(5_000),
  severity: z.enum(INCIDENT_SEVERITIES),
  affectedTenants,
};

export const CreateIncidentBody = z.strictObject({
  ...editable,
  /** When the problem began, if before it was declared; not in the future. */
  startedAt: z.optional(z.iso.datetime({ offset: true })),
});
export type CreateIncident = z.output<typeof CreateIncidentBody>;

/**
 * Any of the fields, a move to another `status`, and/or an `update` for the timeline. A
 * status change with an `update` is one timeline entry carrying both.
 */
export const UpdateIncidentBody = z
  .strictObject({
    title: z.optional(editable.title),
    description: z.optional(editable.description),
    severity: z.optional(editable.severity),
    affectedTenants: z.optional(editable.affectedTenants),
    status: z.optional(z.enum(INCIDENT_STATUSES)),
    update: z.optional(timelineMessage),
  })
  .check(notEmpty);
export type UpdateIncident = z.output<typeof UpdateIncidentBody>;

export const IncidentPath = idPath('incident');

export const ListIncidentsQuery = z.strictObject({
  status: z.optional(z.enum(INCIDENT_STATUSES)),
  ...listQuery,
});
export type ListIncidents = z.output<typeof ListIncidentsQuery>;

const PublicTimelineEntry = z.object({
  at: z.string(),
  status: z.optional(z.enum(INCIDENT_STATUSES)),
  message: z.string(),
});

/** `by` is the superadmin who wrote the entry. */
const TimelineEntry = z.object({ ...PublicTimelineEntry.shape, by: z.string() });

/** The incident as the superadmin sees it. */
export const Incident = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  severity: z.enum(INCIDENT_SEVERITIES),
  status: z.enum(INCIDENT_STATUSES),
  affectedTenants: z.union([z.literal(ALL_TENANTS), z.array(z.string())]),
  timeline: z.array(TimelineEntry),
  startedAt: z.string(),
  resolvedAt: z.optional(z.string()),
  ...trackedView,
});
export type Incident = z.output<typeof Incident>;

export const IncidentPage = page(Incident);

/**
 * The incident as a tenant's user sees it: no other tenant's id, no platform staff ids,
 * no bookkeeping.
 */
export const StatusIncident = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  severity: z.enum(INCIDENT_SEVERITIES),
  status: z.enum(INCIDENT_STATUSES),
  affectsAllTenants: z.boolean(),
  timeline: z.array(PublicTimelineEntry),
  startedAt: z.string(),
  updatedAt: z.string(),
});
export type StatusIncident = z.output<typeof StatusIncident>;

/** Every unresolved incident the caller's tenant is affected by, newest first. */
export const PlatformStatus = z.object({ incidents: z.array(StatusIncident) });
export type PlatformStatus = z.output<typeof PlatformStatus>;
