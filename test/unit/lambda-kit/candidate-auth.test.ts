import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { newId } from '@assist-ten/core/shared/ids';
import { issueAccessToken } from '@assist-ten/core/test-sessions/candidate-token';
import { localTokenSigner } from '@assist-ten/core/test-sessions/local-token-signer';
import { verifyCandidateToken } from '@assist-ten/lambda-kit/http/candidate-tokens';
import { createHttpHandler } from '@assist-ten/lambda-kit/http/handler';
import type { Operation } from '@assist-ten/lambda-kit/http/operation';
import { bearerTokenOf } from '@assist-ten/lambda-kit/http/principal';
import { decodeJwt, SignJWT } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import { route } from '../../../functions/routes/define.ts';
import { lambdaContext } from '../../../infra/local/gateway.ts';
import { flattenClaims, gatewayEvent } from '../../../infra/local/gateway-event.ts';

// The kit picks its signer from the environment at first use, as a Lambda does.
const MATERIAL = randomBytes(32);
vi.stubEnv('LOCAL_KEY_MATERIAL', MATERIAL.toString('base64'));
const signer = localTokenSigner(MATERIAL);

const candidateRoute = route({
  method: 'POST',
  path: '/api/v1/candidate/ping',
  context: 'test-sessions',
  auth: { type: 'candidate' },
  summary: 'A route for candidates',
  response: { status: 200, description: 'Who called' },
});
const staffRoute = route({
  method: 'GET',
  path: '/api/v1/recruiter/ping',
  context: 'test-sessions',
  auth: { type: 'staff', roles: ['recruiter'] },
  summary: 'A route for staff',
  response: { status: 200, description: 'Who called' },
});

const reached = vi.fn();
// Typed: on a candidate route the operation gets a CandidatePrincipal, no userId, no roles.
const candidateOperation: Operation<typeof candidateRoute> = async ({ principal }) => {
  reached(principal);
  return { body: { testSessionId: principal.testSessionId, tenantId: principal.tenantId } };
};
const staffOperation: Operation<typeof staffRoute> = async ({ principal }) => {
  reached(principal);
  return { body: { userId: principal.userId } };
};

const operations = { [candidateRoute.routeKey]: candidateOperation, [staffRoute.routeKey]: staffOperation };
const handler = createHttpHandler([candidateRoute, staffRoute], operations, { verifyCandidateToken });

const identity = () => ({
  tenantId: 'tnt_01JDEM00000000000000000001',
  testSessionId: newId('testSession'),
  assessmentId: newId('assessment'),
  candidateId: newId('candidate'),
  familyId: newId('refreshFamily'),
});

const invoke = async (
  target: typeof candidateRoute | typeof staffRoute,
  headers: Record<string, string>,
  claims?: Record<string, string>,
) => {
  reached.mockClear();
  const event = gatewayEvent(
    {
      method: target.method,
      url: new URL(`http://localhost${target.path}`),
      headers,
      body: Buffer.alloc(0),
      sourceIp: '127.0.0.1',
    },
    target.routeKey,
    undefined,
    claims,
  );
  const response = await handler(event, lambdaContext('assist-ten-test-sessions', 'req-1'));
  return { response, event, body: JSON.parse(String(response.body || '{}')) };
};

/** A token shaped like a Cognito ID token of a recruiter: RS256, another issuer, our custom claims. */
const staffToken = async () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return new SignJWT({
    'custom:userId': 'usr_01JDEM00000000000000000001',
    'custom:tenantId': 'tnt_01JDEM00000000000000000001',
    token_use: 'id',
  })
    .setProtectedHeader({ alg: 'RS256', kid: 'cognito-key' })
    .setIssuer('http://localhost:9229/local_pool')
    .setAudience('web-client')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);
};

const expectRefused = (outcome: Awaited<ReturnType<typeof invoke>>) => {
  expect(outcome.response.statusCode).toBe(401);
  expect(outcome.response.headers?.['content-type']).toBe('application/problem+json');
  expect(outcome.body).toMatchObject({ status: 401, code: 'unauthorized' });
  expect(reached).not.toHaveBeenCalled();
};

describe('createHttpHandler on a candidate route', () => {
  it('verifies the bearer token and hands the operation a candidate principal with the request id', async () => {
    // Arrange
    const who = identity();
    const { accessToken } = await issueAccessToken(who, { signer });

    // Act
    const { response, event, body } = await invoke(candidateRoute, { authorization: `Bearer ${accessToken}` });

    // Assert
    expect(response.statusCode).toBe(200);
    expect(body).toEqual({ testSessionId: who.testSessionId, tenantId: who.tenantId });
    expect(reached).toHaveBeenCalledWith({ ...who, requestId: event.requestContext.requestId });
  });

  it('accepts the scheme in any case', async () => {
    // Arrange
    const { accessToken } = await issueAccessToken(identity(), { signer });

    // Act
    const { response } = await invoke(candidateRoute, { authorization: `bearer ${accessToken}` });

    // Assert
    expect(response.statusCode).toBe(200);
  });

  it('answers 401 without a token, and the operation never runs', async () => {
    // Act / Assert
    expectRefused(await invoke(candidateRoute, {}));
  });

  it.each([
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['a bare token', 'eyJhbGciOiJFUzI1NiJ9.e30.sig'],
    ['garbage', 'Bearer not a token'],
  ])('answers 401 to %s', async (_label, authorization) => {
    // Act / Assert
    expectRefused(await invoke(candidateRoute, { authorization }));
  });

  it('answers 401 to an expired token, saying no more than that the token is not good', async () => {
    // Arrange
    const anHourAgo = new Date(Date.now() - 3_600_000);
    const { accessToken } = await issueAccessToken(identity(), { signer, clock: { now: () => anHourAgo } });

    // Act
    const outcome = await invoke(candidateRoute, { authorization: `Bearer ${accessToken}` });

    // Assert
    expectRefused(outcome);
    const missing = await invoke(candidateRoute, {});
    expect(outcome.body.detail).toBe(missing.body.detail);
    expect(JSON.stringify(outcome.body)).not.toMatch(/"exp"|claim|timestamp/i);
  });

  it('answers 401 to a token signed by another key', async () => {
    // Arrange
    const { accessToken } = await issueAccessToken(identity(), { signer: localTokenSigner(randomBytes(32)) });

    // Act / Assert
    expectRefused(await invoke(candidateRoute, { authorization: `Bearer ${accessToken}` }));
  });

  it('answers 401 to a staff token, even with the claims a JWT authorizer would pass along', async () => {
    // Arrange
    const token = await staffToken();

    // Act
    const outcome = await invoke(candidateRoute, { authorization: `Bearer ${token}` }, flattenClaims(decodeJwt(token)));

    // Assert
    expectRefused(outcome);
  });
});

describe('createHttpHandler with a candidate route', () => {
  it('refuses to be built without a token verifier, naming the route', () => {
    expect(() => createHttpHandler([candidateRoute, staffRoute], operations)).toThrow(
      'POST /api/v1/candidate/ping is a candidate route: pass verifyCandidateToken',
    );
    expect(() => createHttpHandler([staffRoute], { [staffRoute.routeKey]: staffOperation })).not.toThrow();
  });
});

describe('createHttpHandler on a staff route', () => {
  it('answers 401 to a candidate token, even if its claims reached the function', async () => {
    // Arrange
    const { accessToken } = await issueAccessToken(identity(), { signer });

    // Act
    const withClaims = await invoke(
      staffRoute,
      { authorization: `Bearer ${accessToken}` },
      flattenClaims(decodeJwt(accessToken)),
    );
    const withoutClaims = await invoke(staffRoute, { authorization: `Bearer ${accessToken}` });

    // Assert
    expectRefused(withClaims);
    expectRefused(withoutClaims);
  });
});

describe('bearerTokenOf', () => {
  it.each([
    ['a bearer token', 'Bearer abc.def.ghi', 'abc.def.ghi'],
    ['the scheme in capitals', 'BEARER abc', 'abc'],
    ['extra spaces', 'Bearer  abc ', 'abc'],
    ['no header', undefined, undefined],
    ['an empty header', '', undefined],
    ['the scheme alone', 'Bearer', undefined],
    ['the scheme and a space', 'Bearer ', undefined],
    ['another scheme', 'Basic abc', undefined],
    ['two tokens', 'Bearer abc def', undefined],
    ['an overlong header', `Bearer ${'a'.repeat(5_000)}`, undefined],
  ])('reads %s', (_label, authorization, token) => {
    // Act / Assert
    expect(bearerTokenOf(authorization)).toBe(token);
  });
});
