import type { CallerIdentity } from '@assist-ten/core/identity/access';
import { UnauthorizedError } from '@assist-ten/core/shared/errors';

type Claims = Record<string, string | number | boolean | string[] | undefined>;

const claim = (claims: Claims | undefined, name: string): string | undefined => {
  const value = claims?.[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/**
 * Who the verified token says is calling: our user id and tenant, both immutable Cognito
 * attributes. Roles and status are not taken from the token: they are read from the user
 * item on every request, so a change applies to tokens already issued.
 */
export const identityFromClaims = (claims: Claims | undefined): CallerIdentity => {
  const userId = claim(claims, 'custom:userId');
  const tenantId = claim(claims, 'custom:tenantId');
  if (!userId || !tenantId) throw new UnauthorizedError('The token does not identify a user of a tenant.');
  return { userId, tenantId };
};

const MAX_AUTHORIZATION_LENGTH = 4_096;

/** The token of an `Authorization: Bearer <token>` header (RFC 6750: the scheme is case-insensitive). */
export const bearerTokenOf = (authorization: string | undefined): string | undefined => {
  if (authorization === undefined || authorization.length > MAX_AUTHORIZATION_LENGTH) return undefined;
  return /^Bearer +([A-Za-z0-9._~+/=-]+) *$/i.exec(authorization)?.[1];
};
