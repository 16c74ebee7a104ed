import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { WebSocketEvent, WebSocketResult } from '@assist-ten/lambda-kit/websocket/handler';
import type { Context as LambdaContext } from 'aws-lambda';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { lambdaContext } from './gateway.ts';
import { lambdaHeaders, requestTime } from './gateway-event.ts';

export type WebSocketLambda = (event: WebSocketEvent, context: LambdaContext) => Promise<WebSocketResult | undefined>;

export interface WebSocketGatewayOptions {
  /** The WebSocket function, loaded on the first connection (after the environment is set). */
  handler: () => Promise<WebSocketLambda>;
  port?: number;
  log?: (line: string) => void;
}

export interface LocalWebSocketGateway {
  /** Where clients connect: `${url}?token=<ID token>` (any path is the stage). */
  url: string;
  /** The management API endpoint, for WEBSOCKET_CALLBACK_URL. */
  callbackUrl: string;
  close(): Promise<void>;
}

/** API Gateway's limit on one WebSocket message and on a PostToConnection payload. */
const MAX_MESSAGE_BYTES = 128 * 1024;
const STAGE = 'local';
const API_ID = 'local-ws';
const FUNCTION_NAME = 'assist-ten-notifications-realtime';
const MANAGEMENT_PATH = /^(?:\/[^/]+)?\/@connections\/([^/]+)$/;

interface OpenConnection {
  socket: WebSocket;
  connectedAt: number;
  lastActiveAt: number;
  sourceIp: string;
  userAgent: string;
}

/** Looks like API Gateway's ids (16 characters, `=`-padded) so the SDK's path encoding is exercised. */
const newConnectionId = (): string => randomBytes(11).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');

/** The event API Gateway hands the integration of `routeKey` (payload format 1.0 proxy, as for WebSocket APIs). */
const webSocketEvent = (
  routeKey: '$connect' | '$default' | '$disconnect',
  connectionId: string,
  connection: Pick<OpenConnection, 'connectedAt' | 'sourceIp' | 'userAgent'>,
  extra: { domainName: string; headers?: Record<string, string>; query?: URLSearchParams; body?: string },
): WebSocketEvent => {
  const now = new Date();
  const requestId = randomUUID();
  const eventType = routeKey === '$connect' ? 'CONNECT' : routeKey === '$disconnect' ? 'DISCONNECT' : 'MESSAGE';
  const query = extra.query && extra.query.size > 0 ? Object.fromEntries(extra.query) : undefined;
  return {
    ...(extra.headers ? { headers: extra.headers } : {}),
    ...(query ? { queryStringParameters: query } : {}),
    requestContext: {
      routeKey,
      eventType,
      messageId: eventType === 'MESSAGE' ? randomUUID() : '',
      extendedRequestId: requestId,
      requestTime: requestTime(now),
      messageDirection: 'IN',
      stage: STAGE,
      connectedAt: connection.connectedAt,
      requestTimeEpoch: now.getTime(),
      requestId,
      domainName: extra.domainName,
      connectionId,
      apiId: API_ID,
    },
    ...(extra.body !== undefined ? { body: extra.body } : {}),
    isBase64Encoded: false,
  };
};

const isSuccess = (status: number) => status >= 200 && status < 300;

/** What API Gateway answers a refused handshake: the $connect integration's status and body. */
const refuseUpgrade = (socket: Duplex, status: number, body: string) => {
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
};

const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { ...(text ? { 'content-type': 'application/json' } : {}), ...headers });
  res.end(text);
};

/** The management API's answer for an unknown id: the SDK turns it into a GoneException. */
const gone = (res: ServerResponse, connectionId: string) =>
  sendJson(res, 410, { message: `Connection ${connectionId} is gone` }, { 'x-amzn-errortype': 'GoneException' });

const readBody = async (req: IncomingMessage): Promise<Buffer | undefined> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_MESSAGE_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
};

/**
 * API Gateway's WebSocket API on this machine, for one function: the handshake is the
 * $connect route (a non-2xx answer refuses it with that status), each message a $default
 * event whose answer body, if any, goes back to the client (the CDK stack configures a
 * route response on $default only), and a close the $disconnect route. The same server
 * is the management API (`/@connections/{id}`: POST sends, GET describes, DELETE closes;
 * an unknown id is a 410 GoneException), so the SDK code that pushes runs unchanged.
 * Not emulated: the 10-minute idle and 2-hour limits, and SigV4 checks on the management API.
 */
export const startWebSocketGateway = async (options: WebSocketGatewayOptions): Promise<LocalWebSocketGateway> => {
  const log = options.log ?? (() => undefined);
  const connections = new Map<string, OpenConnection>();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let loaded: Promise<WebSocketLambda> | undefined;

  const invoke = async (event: WebSocketEvent): Promise<WebSocketResult> => {
    loaded ??= options.handler();
    const handler = await loaded;
    const started = performance.now();
    // Lambda hands API Gateway the JSON of the result; a result without a status is a 200.
    const result = await handler(event, lambdaContext(FUNCTION_NAME, event.requestContext.requestId));
    const statusCode = result?.statusCode ?? 200;
    const { routeKey, connectionId } = event.requestContext;
    log(`ws ${routeKey} ${connectionId} -> ${statusCode} (${(performance.now() - started).toFixed(1)} ms)`);
    return { ...result, statusCode };
  };

  const disconnect = async (connectionId: string, connection: OpenConnection, domainName: string) => {
    connections.delete(connectionId);
    try {
      await invoke(webSocketEvent('$disconnect', connectionId, connection, { domainName }));
    } catch (error) {
      log(`ws $disconnect ${connectionId} -> Lambda error: ${error instanceof Error ? error.stack : String(error)}`);
    }
  };

  const onMessage = async (connectionId: string, connection: OpenConnection, data: RawData, domainName: string) => {
    connection.lastActiveAt = Date.now();
    const body = (
      Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data)
    ).toString('utf8');
    const result = await invoke(webSocketEvent('$default', connectionId, connection, { domainName, body }));
    if (isSuccess(result.statusCode) && result.body && connection.socket.readyState === connection.socket.OPEN) {
      connection.socket.send(result.body);
    }
  };

  const onUpgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const headers = lambdaHeaders(req.headers);
    const domainName = headers.host ?? '127.0.0.1';
    const connectionId = newConnectionId();
    const pending = {
      connectedAt: Date.now(),
      sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
      userAgent: headers['user-agent'] ?? '',
    };
    let result: WebSocketResult;
    try {
      result = await invoke(
        webSocketEvent('$connect', connectionId, pending, { domainName, headers, query: url.searchParams }),
      );
    } catch (error) {
      log(`ws $connect ${connectionId} -> Lambda error: ${error instanceof Error ? error.stack : String(error)}`);
      return refuseUpgrade(socket, 500, JSON.stringify({ message: 'Internal server error' }));
    }
    if (!isSuccess(result.statusCode)) return refuseUpgrade(socket, result.statusCode, result.body ?? '');
    sockets.handleUpgrade(req, socket, head, (ws) => {
      const connection: OpenConnection = { ...pending, socket: ws, lastActiveAt: Date.now() };
      connections.set(connectionId, connection);
      ws.on('message', (data) => {
        onMessage(connectionId, connection, data, domainName).catch((error: unknown) => {
          log(`ws $default ${connectionId} -> Lambda error: ${error instanceof Error ? error.stack : String(error)}`);
        });
      });
      ws.on('close', () => {
        // Gone from the map already when the gateway itself closed it (DELETE, shutdown).
        if (connections.get(connectionId) === connection) void disconnect(connectionId, connection, domainName);
      });
    });
  };

  const manage = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = MANAGEMENT_PATH.exec(url.pathname);
    if (!match?.[1]) return sendJson(res, 426, { message: 'Connect with a WebSocket client' });
    const connectionId = decodeURIComponent(match[1]);
    const connection = connections.get(connectionId);
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'POST') {
      const body = await readBody(req);
      if (!body) {
        return sendJson(res, 413, { message: 'Message too long' }, { 'x-amzn-errortype': 'PayloadTooLargeException' });
      }
      if (!connection || connection.socket.readyState !== connection.socket.OPEN) return gone(res, connectionId);
      connection.socket.send(body.toString('utf8'));
      return sendJson(res, 200, undefined);
    }
    if (!connection) return gone(res, connectionId);
    if (method === 'GET') {
      return sendJson(res, 200, {
        ConnectedAt: new Date(connection.connectedAt).toISOString(),
        LastActiveAt: new Date(connection.lastActiveAt).toISOString(),
        Identity: { SourceIp: connection.sourceIp, UserAgent: connection.userAgent },
      });
    }
    if (method === 'DELETE') {
      // API Gateway closes the socket and still runs $disconnect.
      await disconnect(connectionId, connection, req.headers.host ?? '127.0.0.1');
      connection.socket.close(1000);
      return sendJson(res, 204, undefined);
    }
    return sendJson(res, 404, { message: 'Not Found' });
  };

  const server = createServer((req, res) => {
    manage(req, res).catch((error: unknown) => {
      log(`ws management error: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent) sendJson(res, 500, { message: 'Internal server error' });
    });
  });
  server.on('upgrade', (req, socket, head) => {
    onUpgrade(req, socket, head).catch((error: unknown) => {
      log(`ws upgrade error: ${error instanceof Error ? error.stack : String(error)}`);
      socket.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `ws://127.0.0.1:${port}`,
    callbackUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      // $disconnect for every open socket first, while the table is still up, then the sockets.
      const open = [...connections.entries()];
      await Promise.all(open.map(([id, connection]) => disconnect(id, connection, `127.0.0.1:${port}`)));
      for (const [, connection] of open) connection.socket.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
