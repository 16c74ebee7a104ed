import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CORS_ALLOW_HEADERS,
  CORS_ALLOW_METHODS,
  CORS_EXPOSE_HEADERS,
  CORS_MAX_AGE_SECONDS,
} from '@assist-ten/lambda-kit/http/cors';
import type { RouteDefinition } from '@assist-ten/lambda-kit/http/route';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context as LambdaContext,
} from 'aws-lambda';
import * as z from 'zod/mini';
import { flattenClaims, gatewayEvent } from './gateway-event.ts';
import type { LocalIssuer } from './issuer.ts';

/** API Gateway refuses request bodies above 10 MB before any Lambda runs. */
const GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024;

export type Invoke = (
  context: string,
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
) => Promise<APIGatewayProxyStructuredResultV2>;

export interface GatewayOptions {
  routes: readonly (RouteDefinition & { routeKey: string })[];
  issuer: LocalIssuer;
  invoke: Invoke;
  allowedOrigins: readonly string[];
  port?: number;
  log?: (line: string) => void;
}

export interface LocalGateway {
  url: string;
  server: Server;
  close(): Promise<void>;
}

interface CompiledRoute {
  route: RouteDefinition & { routeKey: string };
  pattern: RegExp;
  names: string[];
  literals: number;
}

const compile = (route: RouteDefinition & { routeKey: string }): CompiledRoute => {
  const names: string[] = [];
  const segments = route.path.split('/').map((segment) => {
    const param = /^\{(\w+)\}$/.exec(segment);
    if (!param?.[1]) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    names.push(param[1]);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${segments.join('/')}$`), names, literals: segments.length - names.length };
};

/** A path parameter as API Gateway hands it on: decoded, or as sent when it is not valid percent-encoding. */
const decodedSegment = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

const LoginBody = z.strictObject({ email: z.string().check(z.maxLength(320)) });

const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

const readBody = async (req: IncomingMessage): Promise<Buffer | undefined> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > GATEWAY_MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
};

export const lambdaContext = (functionName: string, requestId: string): LambdaContext => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
  memoryLimitInMB: '1024',
  awsRequestId: requestId,
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: 'local',
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

/** Lambda's result as API Gateway would send it on (payload format 2.0). */
const writeLambdaResult = (
  res: ServerResponse,
  result: APIGatewayProxyStructuredResultV2,
  extra: Record<string, string>,
) => {
  const body =
    result.body === undefined ? '' : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
  const headers: Record<string, string | string[]> = { ...extra };
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(body);
};

/**
 * Serves the route table over HTTP as API Gateway's HTTP API does: same route keys,
 * same event shape, the JWT authorizer's 401s, CORS preflight, body size limit.
 * `POST /_local/login` (sign-in to cognito-local without a password) exists here only; the CDK stack never has it.
 */
export const startGateway = async (options: GatewayOptions): Promise<LocalGateway> => {
  const compiled = options.routes.map(compile).sort((a, b) => b.literals - a.literals);
  const log = options.log ?? (() => undefined);

  const corsHeaders = (origin: string | undefined): Record<string, string> =>
    origin && options.allowedOrigins.includes(origin) ? { 'access-control-allow-origin': origin, vary: 'origin' } : {};

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    const origin = req.headers.origin;

    if (method === 'OPTIONS' && req.headers['access-control-request-method']) {
      res.writeHead(204, {
        ...corsHeaders(origin),
        'access-control-allow-methods': CORS_ALLOW_METHODS.join(','),
        'access-control-allow-headers': CORS_ALLOW_HEADERS.join(','),
        'access-control-expose-headers': CORS_EXPOSE_HEADERS.join(','),
        'access-control-max-age': String(CORS_MAX_AGE_SECONDS),
      });
      res.end();
      return;
    }

    const body = await readBody(req);
    if (!body) return send(res, 413, { message: 'Request Entity Too Large' });

    if (method === 'POST' && url.pathname === '/_local/login') {
      let json: unknown;
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        return send(res, 400, { message: 'Send {"email": "..."} as JSON' });
      }
      const parsed = LoginBody.safeParse(json);
      const token = parsed.success ? await options.issuer.login(parsed.data.email) : null;
      if (!token) return send(res, 404, { message: 'No active user with that email in the local user pool' });
      return send(res, 200, { token });
    }
    if (method === 'GET' && url.pathname === '/_local/jwks.json') return send(res, 200, await options.issuer.jwks());

    let match: { entry: CompiledRoute; params: Record<string, string> } | undefined;
    for (const entry of compiled) {
      if (entry.route.method !== method) continue;
      const found = entry.pattern.exec(url.pathname);
      if (!found) continue;
      const params = Object.fromEntries(
        entry.names.map((name, index) => [name, decodedSegment(found[index + 1] ?? '')]),
      );
      match = { entry, params };
      break;
    }
    if (!match) return send(res, 404, { message: 'Not Found' });
    const { route } = match.entry;

    let claims: Record<string, string> | undefined;
    // Candidate routes have no authorizer on AWS either: lambda-kit verifies their token.
    if (route.auth.type === 'staff') {
      const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      try {
        if (!token) throw new Error('missing token');
        claims = flattenClaims(await options.issuer.verify(token));
      } catch {
        // API Gateway's JWT authorizer answers exactly this and never invokes the function.
        return send(res, 401, { message: 'Unauthorized' }, { 'www-authenticate': 'Bearer', ...corsHeaders(origin) });
      }
    }

    const event = gatewayEvent(
      { method, url, headers: req.headers, body, sourceIp: req.socket.remoteAddress ?? '127.0.0.1' },
      route.routeKey,
      match.entry.names.length ? match.params : undefined,
      claims,
    );
    const started = performance.now();
    try {
      // Lambda hands API Gateway the JSON of the result: undefined headers vanish, as here.
      const result = JSON.parse(
        JSON.stringify(await options.invoke(route.context, event)),
      ) as APIGatewayProxyStructuredResultV2;
      writeLambdaResult(res, result, { 'apigw-requestid': event.requestContext.requestId });
      log(`${route.routeKey} -> ${result.statusCode ?? 200} (${(performance.now() - started).toFixed(1)} ms)`);
    } catch (error) {
      log(`${route.routeKey} -> Lambda error: ${error instanceof Error ? error.stack : String(error)}`);
      send(res, 500, { message: 'Internal Server Error' });
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`gateway error: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent) send(res, 500, { message: 'Internal Server Error' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
