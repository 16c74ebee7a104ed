import { randomUUID } from 'node:crypto';
import { type JWTPayload, jwtVerify } from 'jose';
import { type Clock, systemClock } from '../shared/clock.ts';
import { UnauthorizedError } from '../shared/errors.ts';
import { idPattern } from '../shared/ids.ts';
import type { CandidatePrincipal } from '../shared/principal.ts';
import { type TokenSigner, tokenSigner } from './token-signer.ts';

/** Short, so a stolen access token is worth little; the refresh token brings the next one. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const CANDIDATE_TOKEN_ISSUER = 'assist-ten';
/** Its own audience: a candidate token is never a staff token, even where the same code verifies both. */
export const CANDIDATE_TOKEN_AUDIENCE = 'assist-ten:candidate';
/** Clocks of Lambda hosts and of the signer drift a little; more would stretch the lifetime. */
const CLOCK_TOLERANCE_SECONDS = 30;
/** Our tokens are about 600 characters; anything far longer is refused before any parsing. */
const MAX_ACCESS_TOKEN_LENGTH = 2_048;

/** What a verified candidate access token says; the request id is added by whoever serves the request. */
export type CandidateIdentity = Omit<CandidatePrincipal, 'requestId'>;

export interface IssuedAccessToken {
  accessToken: string;
  /** ISO instant of `exp`. */
  expiresAt: string;
}

export interface TokenOptions {
  signer?: TokenSigner;
  clock?: Clock;
}

const base64url = (bytes: Uint8Array | string): string => Buffer.from(bytes).toString('base64url');

/**
 * Signs a candidate access token for one test session: ES256, 15 minutes, and never valid
 * past `notAfter` (the refresh token's own expiry), so a session cannot outlive its family.
 */
export const issueAccessToken = async (
  identity: CandidateIdentity,
  { notAfter, signer = tokenSigner(), clock = systemClock }: TokenOptions & { notAfter?: Date } = {},
): Promise<IssuedAccessToken> => {
  const iat = Math.floor(clock.now().getTime() / 1000);
  const ceiling = notAfter === undefined ? Number.POSITIVE_INFINITY : Math.floor(notAfter.getTime() / 1000);
  const exp = Math.min(iat + ACCESS_TOKEN_TTL_SECONDS, ceiling);
  if (exp <= iat) throw new Error('An access token would expire before it is issued: check notAfter.');
  const header = { alg: 'ES256', typ: 'JWT', kid: signer.keyId };
  const payload = {
    iss: CANDIDATE_TOKEN_ISSUER,
    aud: CANDIDATE_TOKEN_AUDIENCE,
    sub: identity.testSessionId,
    tid: identity.tenantId,
    aid: identity.assessmentId,
    cid: identity.candidateId,
    fam: identity.familyId,
    iat,
    exp,
    jti: randomUUID(),
  };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const signature = await signer.sign(Buffer.from(signingInput, 'ascii'));
  return { accessToken: `${signingInput}.${base64url(signature)}`, expiresAt: new Date(exp * 1000).toISOString() };
};

/** One answer for every bad token: the reason (in `cause`) is for the logs, never for the caller. */
const refused = (cause: unknown): UnauthorizedError =>
  new UnauthorizedError('The candidate session token is missing, invalid or expired.', { cause });

const CLAIM_IDS = [
  ['sub', 'testSessionId', idPattern('testSession')],
  ['tid', 'tenantId', idPattern('tenant')],
  ['aid', 'assessmentId', idPattern('assessment')],
  ['cid', 'candidateId', idPattern('candidate')],
  ['fam', 'familyId', idPattern('refreshFamily')],
] as const;

const identityOf = (payload: JWTPayload): CandidateIdentity => {
  const identity: Partial<Record<keyof CandidateIdentity, string>> = {};
  for (const [claim, field, pattern] of CLAIM_IDS) {
    const value = payload[claim];
    if (typeof value !== 'string' || !pattern.test(value)) throw refused(new Error(`bad "${claim}" claim`));
    identity[field] = value;
  }
  return identity as CandidateIdentity;
};

/**
 * Who a candidate access token was issued to, once its ES256 signature (by our key, no
 * other algorithm), issuer, audience, type and lifetime hold. A bad token is a 401; a
 * public key that cannot be had (KMS down) is our failure, a 500, and the client retries.
 * Whether the family was revoked since is the session loader's check, with the session read.
 */
export const verifyAccessToken = async (
  token: string,
  { signer = tokenSigner(), clock = systemClock }: TokenOptions = {},
): Promise<CandidateIdentity> => {
  if (token.length > MAX_ACCESS_TOKEN_LENGTH) throw refused(new Error('token too long'));
  const key = await signer.publicKey();
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(
      token,
      (header) => {
        // A token signed by a previous key (or a local one) is refused here rather than as a bad signature.
        if (header.kid !== signer.keyId) throw new Error('unknown "kid"');
        return key;
      },
      {
        algorithms: ['ES256'],
        issuer: CANDIDATE_TOKEN_ISSUER,
        audience: CANDIDATE_TOKEN_AUDIENCE,
        typ: 'JWT',
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: clock.now(),
        requiredClaims: ['exp', 'iat', 'jti'],
      },
    ));
  } catch (error) {
    throw refused(error);
  }
  return identityOf(payload);
};
