import { createHmac, randomBytes } from 'node:crypto';
import { UnauthorizedError } from '@assist-ten/core/shared/errors';
import { newId } from '@assist-ten/core/shared/ids';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  CANDIDATE_TOKEN_AUDIENCE,
  CANDIDATE_TOKEN_ISSUER,
  type CandidateIdentity,
  issueAccessToken,
  verifyAccessToken,
} from '@assist-ten/core/test-sessions/candidate-token';
import { localTokenSigner } from '@assist-ten/core/test-sessions/local-token-signer';
import type { TokenSigner } from '@assist-ten/core/test-sessions/token-signer';
import fc from 'fast-check';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';

const signer = localTokenSigner(randomBytes(32));
const NOW = new Date('2026-03-01T10:00:00.000Z');
const at = (date: Date) => ({ now: () => date });
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

const anIdentity = (): CandidateIdentity => ({
  tenantId: 'tnt_01JDEM00000000000000000001',
  testSessionId: newId('testSession'),
  assessmentId: newId('assessment'),
  candidateId: newId('candidate'),
  familyId: newId('refreshFamily'),
});

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs any header and payload with `by`, the way issueAccessToken does: to forge what it never would. */
const forge = async (header: object, payload: object, by: TokenSigner = signer) => {
  const input = `${b64({ alg: 'ES256', typ: 'JWT', kid: by.keyId, ...header })}.${b64(payload)}`;
  return `${input}.${Buffer.from(await by.sign(Buffer.from(input))).toString('base64url')}`;
};

const validClaims = (identity = anIdentity()) => ({
  iss: CANDIDATE_TOKEN_ISSUER,
  aud: CANDIDATE_TOKEN_AUDIENCE,
  sub: identity.testSessionId,
  tid: identity.tenantId,
  aid: identity.assessmentId,
  cid: identity.candidateId,
  fam: identity.familyId,
  iat: Math.floor(NOW.getTime() / 1000),
  exp: Math.floor(NOW.getTime() / 1000) + 600,
  jti: 'jti-1',
});

const verifyNow = (token: string) => verifyAccessToken(token, { signer, clock: at(NOW) });

const refusal = async (token: string) => {
  const error = await verifyNow(token).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (error === undefined) throw new Error('Expected the token to be refused, but it was accepted');
  return error;
};

const expectRefused = async (token: string) => {
  const error = await refusal(token);
  expect(error).toBeInstanceOf(UnauthorizedError);
  expect((error as UnauthorizedError).statusCode).toBe(401);
  // One message for every reason: the caller learns nothing about why.
  expect((error as UnauthorizedError).message).toBe('The candidate session token is missing, invalid or expired.');
};

describe('issueAccessToken', () => {
  it('signs an ES256 JWT with our kid, issuer, audience and the session ids as claims, for 15 minutes', async () => {
    // Arrange
    const identity = anIdentity();

    // Act
    const { accessToken, expiresAt } = await issueAccessToken(identity, { signer, clock: at(NOW) });

    // Assert
    expect(decodeProtectedHeader(accessToken)).toEqual({ alg: 'ES256', typ: 'JWT', kid: signer.keyId });
    const claims = decodeJwt(accessToken);
    expect(claims).toEqual({
      iss: 'assist-ten',
      aud: 'assist-ten:candidate',
      sub: identity.testSessionId,
      tid: identity.tenantId,
      aid: identity.assessmentId,
      cid: identity.candidateId,
      fam: identity.familyId,
      iat: NOW.getTime() / 1000,
      exp: NOW.getTime() / 1000 + ACCESS_TOKEN_TTL_SECONDS,
      jti: expect.any(String),
    });
    expect(ACCESS_TOKEN_TTL_SECONDS).toBe(900);
    expect(expiresAt).toBe(later(ACCESS_TOKEN_TTL_SECONDS).toISOString());
  });

  it('never lets the access token outlive notAfter (the refresh token)', async () => {
    // Act
    const { accessToken, expiresAt } = await issueAccessToken(anIdentity(), {
      signer,
      clock: at(NOW),
      notAfter: later(120),
    });

    // Assert
    expect(decodeJwt(accessToken).exp).toBe(NOW.getTime() / 1000 + 120);
    expect(expiresAt).toBe(later(120).toISOString());
  });

  it('refuses to issue a token that would be expired already', async () => {
    // Act
    const error = await issueAccessToken(anIdentity(), { signer, clock: at(NOW), notAfter: NOW }).catch(
      (caught: unknown) => caught,
    );

    // Assert
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(UnauthorizedError);
  });

  it('gives every token its own jti', async () => {
    // Arrange
    const identity = anIdentity();

    // Act
    const tokens = await Promise.all(
      [1, 2, 3].map(() => issueAccessToken(identity, { signer, clock: at(NOW) }).then((t) => t.accessToken)),
    );

    // Assert
    expect(new Set(tokens.map((token) => decodeJwt(token).jti)).size).toBe(3);
  });
});

describe('verifyAccessToken', () => {
  it('gives back the identity the token was issued to', async () => {
    // Arrange
    const identity = anIdentity();
    const { accessToken } = await issueAccessToken(identity, { signer, clock: at(NOW) });

    // Act
    const verified = await verifyAccessToken(accessToken, { signer, clock: at(later(60)) });

    // Assert
    expect(verified).toEqual(identity);
  });

  it('accepts a token a few seconds past its expiry (clock drift), refuses it a minute past', async () => {
    // Arrange
    const { accessToken } = await issueAccessToken(anIdentity(), { signer, clock: at(NOW) });

    // Act: one after the other, so the refusal is never a rejection nobody is waiting for yet
    const justAfter = await verifyAccessToken(accessToken, {
      signer,
      clock: at(later(ACCESS_TOKEN_TTL_SECONDS + 10)),
    });
    const wellAfter = await verifyAccessToken(accessToken, {
      signer,
      clock: at(later(ACCESS_TOKEN_TTL_SECONDS + 60)),
    }).catch((error: unknown) => error);

    // Assert
    expect(justAfter).toBeDefined();
    expect(wellAfter).toBeInstanceOf(UnauthorizedError);
  });

  it('accepts a token signed here with valid claims: the control for the refusals below', async () => {
    // Arrange
    const identity = anIdentity();

    // Act
    const verified = await verifyNow(await forge({}, validClaims(identity)));

    // Assert
    expect(verified).toEqual(identity);
  });

  it('refuses an expired token', async () => {
    // Arrange
    const token = await forge({}, { ...validClaims(), iat: validClaims().iat - 3_600, exp: validClaims().iat - 600 });

    // Act / Assert
    await expectRefused(token);
  });

  it('refuses a token for another audience (e.g. a staff token of ours)', async () => {
    // Act / Assert
    await expectRefused(await forge({}, { ...validClaims(), aud: 'assist-ten:staff' }));
  });

  it('refuses a token from another issuer', async () => {
    // Act / Assert
    await expectRefused(await forge({}, { ...validClaims(), iss: 'https://cognito-idp.example/pool' }));
  });

  it('refuses a token of another type', async () => {
    // Act / Assert
    await expectRefused(await forge({ typ: 'at+jwt' }, validClaims()));
  });

  it('refuses a token without exp, iat or jti', async () => {
    // Arrange
    const { exp: _exp, ...noExp } = validClaims();
    const { iat: _iat, ...noIat } = validClaims();
    const { jti: _jti, ...noJti } = validClaims();

    // Act / Assert
    await expectRefused(await forge({}, noExp));
    await expectRefused(await forge({}, noIat));
    await expectRefused(await forge({}, noJti));
  });

  it.each([
    ['sub', 'usr_01JDEM00000000000000000001'],
    ['tid', 'tenant-1'],
    ['aid', 42],
    ['cid', ''],
    ['fam', undefined],
  ])('refuses a signed token whose %s is not the id it must be', async (claim, value) => {
    // Act / Assert
    await expectRefused(await forge({}, { ...validClaims(), [claim]: value }));
  });

  it('refuses an unsigned token (alg none)', async () => {
    // Arrange
    const token = `${b64({ alg: 'none', typ: 'JWT', kid: signer.keyId })}.${b64(validClaims())}.`;

    // Act / Assert
    await expectRefused(token);
  });

  it('refuses an HS256 token keyed with our public key (algorithm confusion)', async () => {
    // Arrange
    const publicPem = (await signer.publicKey()).export({ type: 'spki', format: 'pem' });
    const input = `${b64({ alg: 'HS256', typ: 'JWT', kid: signer.keyId })}.${b64(validClaims())}`;
    const token = `${input}.${createHmac('sha256', publicPem).update(input).digest('base64url')}`;

    // Act / Assert
    await expectRefused(token);
  });

  it('refuses a token whose payload was changed after signing', async () => {
    // Arrange
    const { accessToken } = await issueAccessToken(anIdentity(), { signer, clock: at(NOW) });
    const [header, , signature] = accessToken.split('.');
    const tampered = `${header}.${b64({ ...decodeJwt(accessToken), tid: 'tnt_01JDEM00000000000000000002' })}.${signature}`;

    // Act / Assert
    await expectRefused(tampered);
  });

  it('refuses a token whose signature was changed', async () => {
    // Arrange
    const { accessToken } = await issueAccessToken(anIdentity(), { signer, clock: at(NOW) });
    const [header, payload, signature = ''] = accessToken.split('.');
    const bytes = Buffer.from(signature, 'base64url');
    bytes[10] = (bytes[10] ?? 0) ^ 0x01;

    // Act / Assert
    await expectRefused(`${header}.${payload}.${bytes.toString('base64url')}`);
  });

  it('refuses a token signed by another key, whether it names that key or ours', async () => {
    // Arrange
    const other = localTokenSigner(randomBytes(32));
    const impostor: TokenSigner = { ...other, keyId: signer.keyId };

    // Act / Assert
    await expectRefused(await forge({}, validClaims(), other));
    await expectRefused(await forge({}, validClaims(), impostor));
  });

  it('refuses an absurdly long token before parsing it', async () => {
    // Act / Assert
    await expectRefused(`${'a'.repeat(5_000)}.b.c`);
  });

  it('refuses any garbage with a 401, never with another error', async () => {
    // Arrange
    const garbage = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc
        .array(fc.oneof(fc.base64String({ maxLength: 80 }), fc.string({ maxLength: 20 })), { maxLength: 4 })
        .map((parts) => parts.join('.')),
    );

    // Act / Assert
    await fc.assert(
      fc.asyncProperty(garbage, async (token) => {
        expect(await refusal(token)).toBeInstanceOf(UnauthorizedError);
      }),
      { numRuns: 300 },
    );
  });

  it('fails as our fault, not the caller’s, when the public key cannot be had', async () => {
    // Arrange
    const { accessToken } = await issueAccessToken(anIdentity(), { signer, clock: at(NOW) });
    const broken: TokenSigner = {
      ...signer,
      publicKey: () => Promise.reject(new Error('KMS is unavailable')),
    };

    // Act
    const error = await verifyAccessToken(accessToken, { signer: broken, clock: at(NOW) }).catch(
      (caught: unknown) => caught,
    );

    // Assert
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(UnauthorizedError);
  });
});
