import type { Principal } from '@assist-ten/core/shared/principal';
import { createWebSocketHandler, type WebSocketEvent } from '@assist-ten/lambda-kit/websocket/handler';
import { createTokenVerifier } from '@assist-ten/lambda-kit/websocket/token';
import { DynamoDBDocumentClient, GetCommand, type GetCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { lambdaContext } from '../../../infra/local/gateway.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
afterEach(() => dynamo.reset());

const ISSUER = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_pool';
const AUDIENCE = 'web-client-id';
const CONNECTION_ID = 'Gq9_bcDEoAMCJpQ=';

let token = '';
let handler: ReturnType<typeof createWebSocketHandler>;
const connect = vi.fn<(principal: Principal, connectionId: string) => Promise<void>>();
const disconnect = vi.fn<(connectionId: string) => Promise<void>>();

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' };
  token = await new SignJWT({ token_use: 'id', 'custom:userId': 'usr_1', 'custom:tenantId': 'tnt_home' })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setExpirationTime('1h')
    .sign(privateKey);
  handler = createWebSocketHandler({
    verifyToken: createTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, keys: createLocalJWKSet({ keys: [jwk] }) }),
    connect,
    disconnect,
  });
});
afterEach(() => {
  connect.mockReset();
  disconnect.mockReset();
});

/** The tenant and user items the access gate reads on $connect. */
const gateReads = ({ tenant = 'active', user = 'active' } = {}) =>
  dynamo.on(GetCommand).callsFake(async (input: GetCommandInput) => {
    const sk = String(input.Key?.sk);
    if (sk.startsWith('$tenant')) return { Item: { status: tenant, __edb_e__: 'tenant', __edb_v__: '1' } };
    return {
      Item: { status: user, roles: new Set(['recruiter']), email: 'r@demo.test', __edb_e__: 'user', __edb_v__: '1' },
    };
  });

const event = (routeKey: string, extra: { query?: Record<string, string>; body?: string } = {}): WebSocketEvent => ({
  ...(extra.query ? { queryStringParameters: extra.query } : {}),
  ...(extra.body !== undefined ? { body: extra.body } : {}),
  isBase64Encoded: false,
  requestContext: {
    routeKey,
    eventType: routeKey === '$connect' ? 'CONNECT' : routeKey === '$disconnect' ? 'DISCONNECT' : 'MESSAGE',
    messageId: 'm1',
    extendedRequestId: 'x1',
    requestTime: '09/Feb/2026:10:00:00 +0000',
    messageDirection: 'IN',
    stage: 'dev',
    connectedAt: 1_770_631_200_000,
    requestTimeEpoch: 1_770_631_200_000,
    requestId: 'req-ws-1',
    domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
    connectionId: CONNECTION_ID,
    apiId: 'abc123',
  },
});

const run = (input: WebSocketEvent) => handler(input, lambdaContext('assist-ten-notifications-realtime', 'req-ws-1'));

describe('createWebSocketHandler: $connect', () => {
  it('accepts a verified, active user and hands the connection over with the principal as of now', async () => {
    // Arrange
    gateReads();

    // Act
    const result = await run(event('$connect', { query: { token } }));

    // Assert
    expect(result.statusCode).toBe(200);
    expect(connect).toHaveBeenCalledTimes(1);
    expect(connect.mock.calls[0]?.[0]).toMatchObject({ userId: 'usr_1', tenantId: 'tnt_home', requestId: 'req-ws-1' });
    expect(connect.mock.calls[0]?.[1]).toBe(CONNECTION_ID);
  });

  it('refuses a handshake without a token with a 401, before reading anything', async () => {
    // Act
    const result = await run(event('$connect'));

    // Assert
    expect(result.statusCode).toBe(401);
    expect(dynamo.commandCalls(GetCommand)).toHaveLength(0);
    expect(connect).not.toHaveBeenCalled();
  });

  it('refuses a user of a suspended tenant with a 403', async () => {
    // Arrange
    gateReads({ tenant: 'suspended' });

    // Act
    const result = await run(event('$connect', { query: { token } }));

    // Assert
    expect(result.statusCode).toBe(403);
    expect(connect).not.toHaveBeenCalled();
  });

  it('refuses a deactivated user with a 401', async () => {
    // Arrange
    gateReads({ user: 'deactivated' });

    // Act
    const result = await run(event('$connect', { query: { token } }));

    // Assert
    expect(result.statusCode).toBe(401);
    expect(connect).not.toHaveBeenCalled();
  });

  it('answers an opaque 500 with the correlation id when the connection cannot be stored', async () => {
    // Arrange
    gateReads();
    connect.mockRejectedValue(new Error('Table secret-table is throttled'));

    // Act
    const result = await run(event('$connect', { query: { token } }));

    // Assert
    expect(result.statusCode).toBe(500);
    expect(result.body).toContain('req-ws-1');
    expect(result.body).not.toContain('secret-table');
  });
});

describe('createWebSocketHandler: $disconnect and $default', () => {
  it('forgets the connection on $disconnect', async () => {
    // Act
    const result = await run(event('$disconnect'));

    // Assert
    expect(result.statusCode).toBe(200);
    expect(disconnect).toHaveBeenCalledWith(CONNECTION_ID);
  });

  it('answers a ping with a pong', async () => {
    // Act
    const result = await run(event('$default', { body: JSON.stringify({ action: 'ping' }) }));

    // Assert
    expect(result).toEqual({ statusCode: 200, body: JSON.stringify({ type: 'pong' }) });
  });

  it.each([
    ['another action', JSON.stringify({ action: 'subscribe' })],
    ['text that is not JSON', 'hello'],
    ['no body', undefined],
  ])('ignores %s with a 200 and no answer', async (_case, body) => {
    // Act
    const result = await run(event('$default', body === undefined ? {} : { body }));

    // Assert
    expect(result).toEqual({ statusCode: 200 });
    expect(connect).not.toHaveBeenCalled();
    expect(disconnect).not.toHaveBeenCalled();
  });
});
