import { errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';

/** Who issues the staff ID tokens and for which app client. */
export interface IdTokenAudience {
  /** `iss`: the user pool's URL. */
  issuer: string;
  /** `aud`: the web app client id. */
  audience: string;
}

/**
 * What API Gateway's JWT authorizer checks, plus that it is an ID token: RS256 signature
 * against the pool's keys, issuer, audience, expiry. An access token is signed by the same
 * key for the same issuer but carries none of our claims. Throws jose's errors.
 */
export const verifyIdToken = async (
  token: string,
  keys: JWTVerifyGetKey,
  { issuer, audience }: IdTokenAudience,
): Promise<JWTPayload> => {
  const { payload } = await jwtVerify(token, keys, {
    issuer,
    audience,
    algorithms: ['RS256'],
    requiredClaims: ['exp'],
  });
  if (payload.token_use !== 'id') {
    throw new errors.JWTClaimValidationFailed('unexpected "token_use" claim value', payload, 'token_use');
  }
  return payload;
};
