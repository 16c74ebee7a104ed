import { newId } from '@assist-ten/core/shared/ids';
import {
  formatRefreshToken,
  hashSecret,
  MAX_REFRESH_TOKEN_LENGTH,
  newSecret,
  parseRefreshToken,
} from '@assist-ten/core/test-sessions/token-secrets';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const TENANT = 'tnt_01JDEM00000000000000000001';

describe('newSecret', () => {
  it('is 32 random bytes in base64url, different every time', () => {
    // Act
    const secrets = Array.from({ length: 50 }, () => newSecret());

    // Assert
    for (const secret of secrets) {
      expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
    }
    expect(new Set(secrets).size).toBe(secrets.length);
  });
});

describe('hashSecret', () => {
  it('is the SHA-256 of the secret in hex: the same for the same secret, never the secret itself', () => {
    // Arrange
    const secret = newSecret();

    // Act
    const hash = hashSecret(secret);

    // Assert
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecret(secret)).toBe(hash);
    expect(hashSecret(newSecret())).not.toBe(hash);
    expect(hash).not.toContain(secret);
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('parseRefreshToken', () => {
  const parts = () => ({ tenantId: TENANT, familyId: newId('refreshFamily'), secret: newSecret() });

  it('gives back the parts of a token it formatted', () => {
    // Arrange
    const issued = parts();

    // Act
    const parsed = parseRefreshToken(formatRefreshToken(issued));

    // Assert
    expect(parsed).toEqual(issued);
    expect(formatRefreshToken(issued).length).toBeLessThanOrEqual(MAX_REFRESH_TOKEN_LENGTH);
  });

  it.each([
    ['an empty string', ''],
    ['two parts', `${TENANT}.${newId('refreshFamily')}`],
    ['four parts', `${TENANT}.${newId('refreshFamily')}.${newSecret()}.x`],
    ['a tenant that is not a tenant id', `tnt_x.${newId('refreshFamily')}.${newSecret()}`],
    ['a family of another kind of id', `${TENANT}.${newId('refreshToken')}.${newSecret()}`],
    ['a short secret', `${TENANT}.${newId('refreshFamily')}.${newSecret().slice(1)}`],
    ['a secret with padding', `${TENANT}.${newId('refreshFamily')}.${newSecret().slice(1)}=`],
    ['a secret in standard base64', `${TENANT}.${newId('refreshFamily')}.${'+'.repeat(43)}`],
    ['an overlong string', `${TENANT}.${newId('refreshFamily')}.${newSecret()}${' '.repeat(200)}`],
  ])('refuses %s', (_label, presented) => {
    // Act
    const parsed = parseRefreshToken(presented);

    // Assert
    expect(parsed).toBeUndefined();
  });

  it.each([[undefined], [null], [42], [{}], [['a', 'b', 'c']]])('refuses a non-string (%s)', (presented) => {
    // Act / Assert
    expect(parseRefreshToken(presented)).toBeUndefined();
  });

  it('never throws on garbage, and accepts only what has the shape of a token', () => {
    // Arrange
    const garbage = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.array(fc.string({ maxLength: 60 }), { maxLength: 5 }).map((pieces) => pieces.join('.')),
      fc.anything(),
    );

    // Act / Assert
    fc.assert(
      fc.property(garbage, (presented) => {
        const parsed = parseRefreshToken(presented);
        if (parsed) expect(formatRefreshToken(parsed)).toBe(presented);
      }),
      { numRuns: 2_000 },
    );
  });
});
