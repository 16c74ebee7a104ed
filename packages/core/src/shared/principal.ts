/** Staff roles; each is a Cognito group of the same name. */
export const STAFF_ROLES = ['recruiter', 'interviewer', 'admin', 'superadmin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Who is calling, as established by a verified token. Services trust nothing else. */
export interface Principal {
  userId: string;
  tenantId: string;
  email: string;
  roles: readonly StaffRole[];
  /** The request being served, so every audit entry can be traced to it. */
  requestId: string;
}

export const hasAnyRole = (principal: Principal, roles: readonly StaffRole[]): boolean =>
  principal.roles.some((role) => roles.includes(role));

/** The actor id of changes the system makes by itself (a worker, a timer), in items and audit entries. */
export const SYSTEM_ACTOR_ID = 'system';

/**
 * The system acting in one tenant, for the audit entries of its own changes: no person, no
 * roles, and `requestId` naming the job it runs (e.g. `task:<id>`) so an entry can be traced.
 */
export const systemPrincipal = (tenantId: string, requestId: string): Principal => ({
  userId: SYSTEM_ACTOR_ID,
  tenantId,
  email: SYSTEM_ACTOR_ID,
  roles: [],
  requestId,
});

/**
 * A candidate taking one test, as a verified candidate access token says (no Cognito): the
 * token is scoped to one test session, and services trust nothing else about the caller.
 */
export interface CandidatePrincipal {
  tenantId: string;
  testSessionId: string;
  assessmentId: string;
  candidateId: string;
  /** The refresh-token family the token was issued in: once the family is revoked, its tokens stop working. */
  familyId: string;
  requestId: string;
}
