import { verifyIdToken } from '@assist-ten/lambda-kit/id-token';
import {
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import cognitoLocalKey from 'cognito-local/lib/keys/cognitoLocal.private.json' with { type: 'json' };
import { createLocalJWKSet, importJWK, type JSONWebKeySet, type JWTPayload, SignJWT } from 'jose';
import * as z from 'zod/mini';
import { localClientConfig } from './emulators/aws.ts';
import type { CognitoLocal } from './emulators/cognito.ts';

/**
 * The token side of local staff sign-in, backed by cognito-local: it signs users of the pool
 * in as the frontend would and verifies tokens the way API Gateway's JWT authorizer does.
 */
export interface LocalIssuer {
  /** `${endpoint}/${userPoolId}`, the `iss` of the emulator's tokens. */
  issuer: string;
  /** The app client id, the `aud` of the emulator's ID tokens. */
  audience: string;
  /** Signs in a user of the pool as the frontend would and returns its ID token; null if unknown or disabled. */
  login(email: string): Promise<string | null>;
  /** Signs any claims with the emulator's own private key: for tests of what the authorizer refuses. */
  signPayload(payload: JWTPayload): Promise<string>;
  /** As API Gateway's JWT authorizer: signature (JWKS from the emulator), issuer, audience, expiry, RS256 only, token_use id. */
  verify(token: string): Promise<JWTPayload>;
  jwks(): Promise<{ keys: object[] }>;
}

/**
 * Every user signs in locally with this password. Invited users only have a temporary one,
 * so `login` sets it first; it meets the real pool's policy (12+ characters, all four classes).
 */
export const LOCAL_PASSWORD = 'Assist-Ten-local-2024!';

/** How cognito-local answers a sign-in with a password that was never set (Cognito says NotAuthorized). */
const PASSWORD_REFUSALS: readonly string[] = ['NotAuthorizedException', 'InvalidPasswordException'];

const JwksDocument = z.object({ keys: z.array(z.looseObject({ kty: z.string() })) });

const fetchJwks = async (issuer: string): Promise<JSONWebKeySet> => {
  const url = `${issuer}/.well-known/jwks.json`;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`cognito-local answered ${response.status} for ${url}`);
  const parsed = JwksDocument.safeParse(await response.json());
  if (!parsed.success) throw new Error(`cognito-local served no key set at ${url}`);
  return parsed.data;
};

const isUserNotFound = (error: unknown): boolean => error instanceof Error && error.name === 'UserNotFoundException';

export const createLocalIssuer = async (
  cognito: Pick<CognitoLocal, 'endpoint' | 'userPoolId' | 'clientId'>,
): Promise<LocalIssuer> => {
  const issuer = `${cognito.endpoint}/${cognito.userPoolId}`;
  const audience = cognito.clientId;
  const jwks = await fetchJwks(issuer);
  const keySet = createLocalJWKSet(jwks);
  const privateKey = await importJWK(cognitoLocalKey.jwk, 'RS256');
  // cognito-local keeps its pool in one JSON file: concurrent sign-ins (test workers, a
  // busy machine) can meet a write in progress and get a 500, which a retry gets past.
  const client = new CognitoIdentityProviderClient({ ...localClientConfig(cognito.endpoint), maxAttempts: 4 });

  return {
    issuer,
    audience,

    login: async (email) => {
      const user = await client
        .send(new AdminGetUserCommand({ UserPoolId: cognito.userPoolId, Username: email }))
        .catch((error: unknown) => {
          if (isUserNotFound(error)) return undefined;
          throw error;
        });
      // cognito-local signs disabled users in; real Cognito refuses them, so we do.
      if (!user?.Username || user.Enabled === false) return null;
      const signIn = () =>
        client.send(
          new AdminInitiateAuthCommand({
            UserPoolId: cognito.userPoolId,
            ClientId: cognito.clientId,
            AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: email, PASSWORD: LOCAL_PASSWORD },
          }),
        );
      // The local password is set on the first sign-in (refused, or a new-password challenge
      // for an invited user), not on every one: fewer writes to cognito-local's file while
      // other sign-ins read it.
      const first = await signIn().catch((error: unknown) => {
        if (error instanceof Error && PASSWORD_REFUSALS.includes(error.name)) return undefined;
        throw error;
      });
      let result = first?.AuthenticationResult;
      if (!result?.IdToken) {
        await client.send(
          new AdminSetUserPasswordCommand({
            UserPoolId: cognito.userPoolId,
            Username: user.Username,
            Password: LOCAL_PASSWORD,
            Permanent: true,
          }),
        );
        result = (await signIn()).AuthenticationResult;
      }
      if (!result?.IdToken) throw new Error(`cognito-local returned no ID token for ${email}`);
      return result.IdToken;
    },

    signPayload: (payload) =>
      new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: cognitoLocalKey.jwk.kid }).sign(privateKey),

    verify: (token) => verifyIdToken(token, keySet, { issuer, audience }),

    jwks: async () => jwks,
  };
};
