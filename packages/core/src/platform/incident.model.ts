/** The vocabulary of a system incident, shared by its entity, schemas and rules. */
export const INCIDENT_STATUSES = ['open', 'investigating', 'mitigated', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** sev1 is the worst: the platform is down for everyone it affects. */
export const INCIDENT_SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

/** The statuses tenants are told about: a resolved incident is history. */
export const isUnresolved = (status: IncidentStatus): boolean => status !== 'resolved';

/** Who an incident affects: every tenant, or the tenants listed. */
export type AffectedTenants = 'all' | readonly string[];

export const ALL_TENANTS = 'all';

export const MAX_AFFECTED_TENANTS = 500;
export const MAX_TIMELINE_MESSAGE = 1_000;
/**
 * Keeps an incident's item below DynamoDB's 400 KB however long it runs: 50 entries of at
 * most 1,000 characters (3 bytes each at worst in UTF-8), a 5,000-character description
 * and 500 tenant ids stay under 200 KB.
 */
export const MAX_TIMELINE_ENTRIES = 50;

/** What the timeline says when a status change comes without a message of its own. */
export const STATUS_MESSAGES: Readonly<Record<IncidentStatus, string>> = {
  open: 'We are aware of the problem.',
  investigating: 'We are investigating the problem.',
  mitigated: 'A fix is in place and we are monitoring the results.',
  resolved: 'The problem is resolved.',
};

/** Whether an incident concerns the users of `tenantId`. */
export const affectsTenant = (
  incident: { affectsAllTenants: boolean; affectedTenantIds: readonly string[] },
  tenantId: string,
): boolean => incident.affectsAllTenants || incident.affectedTenantIds.includes(tenantId);
