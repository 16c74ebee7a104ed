import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { ConnectionEntity } from '@assist-ten/core/notifications/connection.entity';
import { pushToUser } from '@assist-ten/core/notifications/realtime';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { OTHER } from '../../support/fixtures.ts';

/**
 * The notifications WebSocket through the local twin of API Gateway: the real handler runs
 * $connect/$disconnect against DynamoDB Local, and pushToUser reaches the sockets through
 * the emulated management API, exactly as the deployed consumer would.
 */
const WS_URL = inject('websocketUrl');
// A user other suites are unlikely to push to, so the connections seen here are this file's.
const EMAIL = OTHER.interviewer;

let token = '';
let user = { tenantId: '', userId: '' };
const opened: WebSocket[] = [];

beforeAll(async () => {
  token = await tokenFor(EMAIL);
  const me = await call<{ id: string; tenant: { id: string } }>('GET', '/api/v1/me', { token });
  user = { tenantId: me.body.tenant.id, userId: me.body.id };
});
afterEach(() => {
  for (const socket of opened.splice(0)) socket.close();
});

const eventually = async <T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('Timed out waiting for the condition');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const connectionIds = async (): Promise<Set<string>> => {
  const { data } = await ConnectionEntity.query.byUser(user).go({ pages: 'all' });
  return new Set(data.map((connection) => connection.connectionId));
};

const storedConnection = async (connectionId: string) =>
  (await ConnectionEntity.get({ connectionId }).go({ consistent: true })).data;

/** A browser-like client: the token in the query, every message kept as parsed JSON. */
const connect = async () => {
  const before = await connectionIds();
  const socket = new WebSocket(`${WS_URL}?token=${encodeURIComponent(token)}`);
  opened.push(socket);
  const messages: unknown[] = [];
  socket.addEventListener('message', (event) => messages.push(JSON.parse(String(event.data))));
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error('The WebSocket handshake failed')), { once: true });
  });
  // $connect wrote the item before the handshake completed.
  const added = [...(await connectionIds())].filter((id) => !before.has(id));
  if (added.length !== 1) throw new Error(`Expected one new connection, found ${added.length}`);
  const connectionId = added[0] ?? '';
  const received = (match: (message: unknown) => boolean) => eventually(async () => messages.find(match));
  return { socket, connectionId, received };
};

/** The HTTP status the gateway answers a handshake with (101 when it upgrades). */
const handshakeStatus = (query: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const url = new URL(WS_URL);
    const req = request({
      host: url.hostname,
      port: url.port,
      path: `/${query}`,
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
      },
    });
    req.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.on('upgrade', (_response, socket) => {
      socket.destroy();
      resolve(101);
    });
    req.on('error', reject);
    req.end();
  });

describe('notifications WebSocket: $connect', () => {
  it("accepts a staff ID token from the query and remembers the connection for the token's user", async () => {
    // Act
    const { connectionId } = await connect();

    // Assert
    const item = await storedConnection(connectionId);
    expect(item).toMatchObject({ tenantId: user.tenantId, userId: user.userId });
    expect(item?.expiresAt).toBeGreaterThan(Date.now() / 1000 + 2 * 60 * 60);
  });

  it.each([
    ['without a token', ''],
    ['with a token that is not a JWT', '?token=not-a-token'],
  ])('refuses a handshake %s with a 401', async (_case, query) => {
    // Act
    const status = await handshakeStatus(query);

    // Assert
    expect(status).toBe(401);
  });

  it('refuses a token the pool did not sign for this app, and the browser client sees the handshake fail', async () => {
    // Arrange
    const forged = `${token.split('.').slice(0, 2).join('.')}.${randomBytes(256).toString('base64url')}`;
    const socket = new WebSocket(`${WS_URL}?token=${encodeURIComponent(forged)}`);

    // Act
    const outcome = await new Promise<string>((resolve) => {
      socket.addEventListener('open', () => resolve('open'), { once: true });
      socket.addEventListener('error', () => resolve('error'), { once: true });
    });

    // Assert
    expect(outcome).toBe('error');
    expect(await handshakeStatus(`?token=${encodeURIComponent(forged)}`)).toBe(401);
  });
});

describe('notifications WebSocket: messages', () => {
  it('delivers what pushToUser sends, as JSON, to the open connection', async () => {
    // Arrange
    const { received } = await connect();
    const nonce = randomBytes(8).toString('hex');

    // Act
    const result = await pushToUser(user.tenantId, user.userId, { type: 'test.pushed', nonce });

    // Assert
    expect(result.delivered).toBeGreaterThanOrEqual(1);
    expect(result.failed).toBe(0);
    expect(await received((message) => (message as { nonce?: string }).nonce === nonce)).toEqual({
      type: 'test.pushed',
      nonce,
    });
  });

  it('answers a ping with a pong', async () => {
    // Arrange
    const { socket, received } = await connect();

    // Act
    socket.send(JSON.stringify({ action: 'ping' }));

    // Assert
    expect(await received((message) => (message as { type?: string }).type === 'pong')).toEqual({ type: 'pong' });
  });
});

describe('notifications WebSocket: closing and pruning', () => {
  it('forgets the connection when the client disconnects', async () => {
    // Arrange
    const { socket, connectionId } = await connect();

    // Act
    socket.close();

    // Assert
    await eventually(async () => ((await storedConnection(connectionId)) === null ? true : undefined));
  });

  it('prunes a connection the gateway no longer knows when a push finds it gone', async () => {
    // Arrange
    const connectionId = `stale${randomBytes(6).toString('base64url')}=`;
    await ConnectionEntity.put({
      connectionId,
      ...user,
      connectedAt: new Date().toISOString(),
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
    }).go();

    // Act
    const result = await pushToUser(user.tenantId, user.userId, { type: 'test.pushed' });

    // Assert
    expect(result.pruned).toBeGreaterThanOrEqual(1);
    expect(await storedConnection(connectionId)).toBeNull();
  });
});
