import { UnauthorizedError } from '@assist-ten/core/shared/errors';
import { createTokenVerifier } from '@assist-ten/lambda-kit/websocket/token';
import { createLocalJWKSet, exportJWK, generateKeyPair, type JWTPayload, SignJWT, UnsecuredJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';

const ISSUER = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_pool';
const AUDIENCE = 'web-client-id';
const KID = 'pool-key-1';

type Key = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
let poolKey: Key;
let strangerKey: Key;
let verify: ReturnType<typeof createTokenVerifier>;

beforeAll(async () => {
  const pool = await generateKeyPair('RS256');
  poolKey = pool.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  const jwk = { ...(await exportJWK(pool.publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
  verify = createTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, keys: createLocalJWKSet({ keys: [jwk] }) });
});

/** The claims of a staff ID token Cognito issues; override what a test is about. */
const idClaims = (overrides: JWTPayload = {}): JWTPayload => ({
  sub: 'c0ffee',
  token_use: 'id',
  'custom:userId': 'usr_1',
  'custom:tenantId': 'tnt_home',
  email: 'recruiter@demo.test',
  ...overrides,
});

const sign = (
  claims: JWTPayload = idClaims(),
  { key = poolKey, issuer = ISSUER, audience = AUDIENCE, expiresAt = '1h' as string | number } = {},
) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: KID })
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(expiresAt)
    .sign(key);

/** What the verifier threw, failing the test if it accepted the token. */
const refusal = async (token: string | undefined): Promise<Error> => {
  const outcome = await verify(token).then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof Error)) throw new Error('Expected the token to be refused');
  return outcome;
};

describe('createTokenVerifier', () => {
  it('accepts an ID token of the pool and says which user of which tenant it is', async () => {
    // Arrange
    const token = await sign();

    // Act
    const identity = await verify(token);

    // Assert
    expect(identity).toEqual({ userId: 'usr_1', tenantId: 'tnt_home' });
  });

  it.each([
    ['no token', async () => undefined],
    ['an empty token', async () => ''],
    ['garbage', async () => 'not.a.jwt'],
    ['another issuer', () => sign(idClaims(), { issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/other' })],
    ['another audience (app client)', () => sign(idClaims(), { audience: 'another-client' })],
    ['an expired token', () => sign(idClaims(), { expiresAt: Math.floor(Date.now() / 1000) - 60 })],
    ['a token signed by another key', () => sign(idClaims(), { key: strangerKey })],
    ['an access token', () => sign(idClaims({ token_use: 'access' }))],
    ['a token without our user and tenant', () => sign(idClaims({ 'custom:userId': undefined }))],
    [
      'an unsigned token (alg none)',
      async () => new UnsecuredJWT(idClaims()).setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('1h').encode(),
    ],
  ])('refuses %s with a 401', async (_case, token) => {
    // Arrange
    const candidate = await token();

    // Act
    const error = await refusal(candidate);

    // Assert
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect((error as UnauthorizedError).statusCode).toBe(401);
  });

  it('never puts the token in what it throws', async () => {
    // Arrange
    const token = await sign(idClaims(), { audience: 'another-client' });

    // Act
    const error = await refusal(token);

    // Assert
    expect(error.message).not.toContain(token);
    expect(error.message).not.toContain(token.split('.')[1]);
    expect(error.cause).toBeUndefined();
  });

  it('lets a key set it cannot fetch fail as an error of ours, not as a refused token', async () => {
    // Arrange
    const unreachable = createTokenVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      keys: async () => {
        throw new TypeError('fetch failed');
      },
    });

    // Act
    const error = await unreachable(await sign()).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );

    // Assert
    expect(error).toBeInstanceOf(TypeError);
  });
});
