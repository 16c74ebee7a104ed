import { exportJWK, generateKeyPair, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import type { LocalUser } from './seed-data.ts';

/**
 * Stands in for the Cognito user pool: signs ID tokens with the claims Cognito puts in
 * them (sub, email, cognito:groups, custom:tenantId, token_use) and verifies them the way
 * API Gateway's JWT authorizer does (signature, issuer, audience, expiry, RS256 only).
 */
export interface LocalIssuer {
  issuer: string;
  audience: string;
  sign(user: LocalUser, options?: { expiresInSeconds?: number }): Promise<string>;
  /** Signs any claims with the issuer's real key: for tests of what the authorizer refuses. */
  signPayload(payload: JWTPayload): Promise<string>;
  verify(token: string): Promise<JWTPayload>;
  jwks(): Promise<{ keys: object[] }>;
}

export const LOCAL_AUDIENCE = 'assist-ten-local-client';

export const createLocalIssuer = async (issuer: string): Promise<LocalIssuer> => {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const kid = 'local-1';
  return {
    issuer,
    audience: LOCAL_AUDIENCE,
    sign: (user, { expiresInSeconds = 3600 } = {}) =>
      new SignJWT({
        email: user.email,
        name: user.name,
        'cognito:groups': user.roles,
        'custom:tenantId': user.tenantId,
        token_use: 'id',
      })
        .setProtectedHeader({ alg: 'RS256', kid })
        .setSubject(user.userId)
        .setIssuer(issuer)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds)
        .sign(privateKey),
    signPayload: (payload) => new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey),
    verify: async (token) =>
      (await jwtVerify(token, publicKey, { issuer, audience: LOCAL_AUDIENCE, algorithms: ['RS256'] })).payload,
    jwks: async () => ({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] }),
  };
};
