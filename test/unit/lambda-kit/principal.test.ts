import { UnauthorizedError } from '@assist-ten/core/shared/errors';
import { principalFromClaims } from '@assist-ten/lambda-kit/http/principal';
import { describe, expect, it } from 'vitest';
import { thrownBy } from '../support/factories.ts';

type Claims = Parameters<typeof principalFromClaims>[0] & object;

const someClaims = (overrides: Claims = {}): Claims => ({
  sub: 'usr_alice',
  email: 'alice@demo.test',
  'custom:tenantId': 'tnt_demo',
  'cognito:groups': '[recruiter]',
  token_use: 'access',
  ...overrides,
});

describe('principalFromClaims', () => {
  it('builds the principal from the verified claims', () => {
    // Act
    const principal = principalFromClaims(someClaims());

    // Assert
    expect(principal).toEqual({
      userId: 'usr_alice',
      tenantId: 'tnt_demo',
      email: 'alice@demo.test',
      roles: ['recruiter'],
    });
  });

  it.each([
    ['the flattened string API Gateway sends', '[admin recruiter]'],
    ['a comma-separated flattened string', '[admin,recruiter]'],
    ['an array', ['admin', 'recruiter']],
  ])('reads cognito:groups given as %s', (_label, groups) => {
    // Act
    const principal = principalFromClaims(someClaims({ 'cognito:groups': groups }));

    // Assert
    expect(principal.roles).toEqual(['admin', 'recruiter']);
  });

  it.each([
    ['string', '[admin hacker Admin recruiters]'],
    ['array', ['admin', 'hacker', 'Admin', 'recruiters']],
  ])('drops groups that are not staff roles from a group %s', (_label, groups) => {
    // Act
    const principal = principalFromClaims(someClaims({ 'cognito:groups': groups }));

    // Assert
    expect(principal.roles).toEqual(['admin']);
  });

  it.each([
    ['absent', undefined],
    ['an empty flattened list', '[]'],
    ['an empty array', []],
    ['not a string or array', 42],
  ])('gives no roles when cognito:groups is %s', (_label, groups) => {
    // Act
    const principal = principalFromClaims(someClaims({ 'cognito:groups': groups }));

    // Assert
    expect(principal.roles).toEqual([]);
  });

  it('uses an empty email when the token carries none', () => {
    // Act
    const principal = principalFromClaims(someClaims({ email: undefined }));

    // Assert
    expect(principal.email).toBe('');
  });

  it.each([
    ['no claims at all', undefined],
    ['no sub', someClaims({ sub: undefined })],
    ['an empty sub', someClaims({ sub: '' })],
    ['a numeric sub', someClaims({ sub: 7 })],
    ['no custom:tenantId', someClaims({ 'custom:tenantId': undefined })],
    ['an empty custom:tenantId', someClaims({ 'custom:tenantId': '' })],
    ['a non-string custom:tenantId', someClaims({ 'custom:tenantId': ['tnt_demo', 'tnt_acme'] })],
  ])('throws UnauthorizedError for %s', (_label, claims) => {
    // Act
    const error = thrownBy(() => principalFromClaims(claims));

    // Assert
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect((error as UnauthorizedError).statusCode).toBe(401);
  });
});
