import { UnauthorizedError } from '@assist-ten/core/shared/errors';
import { identityFromClaims } from '@assist-ten/lambda-kit/http/principal';
import { describe, expect, it } from 'vitest';
import { thrownBy } from '../support/factories.ts';

type Claims = Parameters<typeof identityFromClaims>[0] & object;

const someClaims = (overrides: Claims = {}): Claims => ({
  sub: '8c21fa46-6605-43fa-bea2-489580d7c49f',
  email: 'alice@demo.test',
  'custom:userId': 'usr_alice',
  'custom:tenantId': 'tnt_demo',
  'cognito:groups': '[recruiter]',
  token_use: 'id',
  ...overrides,
});

describe('identityFromClaims', () => {
  it('takes our user id and tenant from the immutable custom attributes, not the sub', () => {
    // Act
    const identity = identityFromClaims(someClaims());

    // Assert
    expect(identity).toEqual({ userId: 'usr_alice', tenantId: 'tnt_demo' });
  });

  it('ignores the groups of the token: roles are read from the user item per request', () => {
    // Act
    const identity = identityFromClaims(someClaims({ 'cognito:groups': '[superadmin]' }));

    // Assert
    expect(identity).not.toHaveProperty('roles');
  });

  it.each([
    ['no claims at all', undefined],
    ['no custom:userId', someClaims({ 'custom:userId': undefined })],
    ['an empty custom:userId', someClaims({ 'custom:userId': '' })],
    ['a numeric custom:userId', someClaims({ 'custom:userId': 7 })],
    ['no custom:tenantId', someClaims({ 'custom:tenantId': undefined })],
    ['an empty custom:tenantId', someClaims({ 'custom:tenantId': '' })],
    ['a non-string custom:tenantId', someClaims({ 'custom:tenantId': ['tnt_demo', 'tnt_acme'] })],
  ])('throws UnauthorizedError for %s', (_label, claims) => {
    // Act
    const error = thrownBy(() => identityFromClaims(claims));

    // Assert
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect((error as UnauthorizedError).statusCode).toBe(401);
  });
});
