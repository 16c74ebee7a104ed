import type { CallerIdentity } from '@assist-ten/core/identity/access';
import { UnauthorizedError } from '@assist-ten/core/shared/errors';
import { createRemoteJWKSet, errors, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { identityFromClaims } from '../http/principal.ts';
import { verifyIdToken } from '../id-token.ts';

export interface TokenVerifierOptions {
  /** `iss` of the staff tokens (the user pool's URL); its JWKS is `${issuer}/.well-known/jwks.json`. */
  issuer: string;
  /** `aud` of the staff ID tokens: the web app client id. */
  audience: string;
  /** The signing keys; default: the issuer's JWKS, fetched on first use and kept for the cold start. */
  keys?: JWTVerifyGetKey;
}

/** Verifies a token and says who it identifies; throws UnauthorizedError for any token it refuses. */
export type TokenVerifier = (token: string | undefined) => Promise<CallerIdentity>;

/** A refusal because of the token itself; a JWKS that cannot be fetched is our failure (500), not the caller's. */
const isTokenError = (error: unknown): error is errors.JOSEError =>
  error instanceof errors.JOSEError && !(error instanceof errors.JWKSTimeout) && !(error instanceof errors.JWKSInvalid);

const stringClaims = (payload: JWTPayload): Record<string, string> =>
  Object.fromEntries(
    Object.entries(payload).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );

/**
 * What API Gateway's JWT authorizer does for the HTTP API (`verifyIdToken`), for routes that
 * cannot have one (a WebSocket $connect). Errors never carry the token.
 */
export const createTokenVerifier = ({ issuer, audience, keys }: TokenVerifierOptions): TokenVerifier => {
  // An unknown `kid` (a rotated key) still refetches, at most once per cooldown.
  const keySet =
    keys ?? createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`), { cacheMaxAge: Number.POSITIVE_INFINITY });
  return async (token) => {
    if (!token) throw new UnauthorizedError('A token is required: connect with ?token=<ID token>.');
    let payload: JWTPayload;
    try {
      payload = await verifyIdToken(token, keySet, { issuer, audience });
    } catch (error) {
      if (!isTokenError(error)) throw error;
      throw new UnauthorizedError(`The token was refused (${error.code}).`);
    }
    return identityFromClaims(stringClaims(payload));
  };
};
