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
