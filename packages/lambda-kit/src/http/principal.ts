import { UnauthorizedError } from '@assist-ten/core/shared/errors';
import { type Principal, STAFF_ROLES, type StaffRole } from '@assist-ten/core/shared/principal';

type Claims = Record<string, string | number | boolean | string[] | undefined>;

/**
 * API Gateway's JWT authorizer hands array claims over as one string, `[admin recruiter]`;
 * the local gateway does the same, but a raw array is accepted too.
 */
const parseGroups = (value: Claims[string]): string[] => {
  if (Array.isArray(value)) return value;
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
};

const isStaffRole = (group: string): group is StaffRole => (STAFF_ROLES as readonly string[]).includes(group);

/** The caller as the verified token describes it; a token without a tenant is no staff token. */
export const principalFromClaims = (claims: Claims | undefined): Principal => {
  const userId = claims?.sub;
  const tenantId = claims?.['custom:tenantId'];
  if (typeof userId !== 'string' || typeof tenantId !== 'string' || !userId || !tenantId) {
    throw new UnauthorizedError('The token does not identify a user of a tenant.');
  }
  const email = claims?.email;
  return {
    userId,
    tenantId,
    email: typeof email === 'string' ? email : '',
    roles: parseGroups(claims?.['cognito:groups']).filter(isStaffRole),
  };
};
