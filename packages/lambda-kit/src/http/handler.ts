import { createHash } from 'node:crypto';
import { resolvePrincipal } from '@assist-ten/core/identity/access';
import { recordActiveUser } from '@assist-ten/core/platform/metric.service';
import { ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '@assist-ten/core/shared/errors';
import type { IdempotencyKey, StoredResponse } from '@assist-ten/core/shared/idempotency';
import { type CandidatePrincipal, hasAnyRole, type Principal } from '@assist-ten/core/shared/principal';
import type { CandidateIdentity } from '@assist-ten/core/test-sessions/candidate-token';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { allowedOrigins } from '../config.ts';
import { logger } from '../logger.ts';
import { httpMetrics } from '../metrics.ts';
import { CORS_EXPOSE_HEADERS, CORS_MAX_AGE_SECONDS } from './cors.ts';
import type { Operation, Operations, RouteRequest } from './operation.ts';
import { bearerTokenOf, identityFromClaims } from './principal.ts';
import { problemResponse } from './problem.ts';
import { etagOf, parseIdempotencyKey, parseIfMatch, parseJsonBody, parsePart, rawBody } from './request.ts';
import { type RouteDefinition, routeKeyOf } from './route.ts';

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;

/**
 * Loaded on the first request that carries an Idempotency-Key: most requests do not, and
 * building its entity at cold start costs every function milliseconds (see docs/benchmarks.md).
 */
const idempotencyStore = () => import('@assist-ten/core/shared/idempotency');
/** Verifies a candidate access token; functions with candidate routes pass candidate-tokens.ts. */
type VerifyCandidateToken = (token: string) => Promise<CandidateIdentity>;
type Result = APIGatewayProxyStructuredResultV2;
type KeyedRoute = RouteDefinition & { routeKey: string };
type Caller = Principal | CandidatePrincipal;

/** Why a token was refused, for the log: the caller only ever hears that it was. */
const refusalReason = (error: UnauthorizedError): string | undefined => {
  const cause = error.cause;
  if (!(cause instanceof Error)) return undefined;
  return (cause as { code?: string }).code ?? cause.message;
};

/**
 * No authorizer runs in front of a candidate route (API Gateway cannot check our ES256
 * tokens without a public JWKS), so the token is verified here, before anything else.
 * Whether its family was revoked since is checked by the operation, with the session read.
 */
const authoriseCandidate = async (
  event: Event,
  verify: VerifyCandidateToken | undefined,
): Promise<CandidatePrincipal> => {
  const token = bearerTokenOf(event.headers.authorization);
  try {
    if (!token) throw new UnauthorizedError('The candidate session token is missing, invalid or expired.');
    // createHttpHandler refuses a candidate route without a verifier, so this is never reached without one.
    if (!verify) throw new Error(`${event.routeKey} has no candidate token verifier`);
    const identity = await verify(token);
    return { ...identity, requestId: event.requestContext.requestId };
  } catch (error) {
    if (error instanceof UnauthorizedError) {
      logger.info('Candidate token refused', { reason: refusalReason(error) ?? 'no bearer token' });
    }
    throw error;
  }
};

const authorise = async (
  route: RouteDefinition,
  event: Event,
  verifyCandidateToken: VerifyCandidateToken | undefined,
): Promise<Caller | undefined> => {
  switch (route.auth.type) {
    case 'public':
      return undefined;
    case 'candidate':
      return authoriseCandidate(event, verifyCandidateToken);
    case 'staff': {
      // Claims API Gateway's JWT authorizer verified; a candidate token fails there, and its claims name no user anyway.
      const identity = identityFromClaims(event.requestContext.authorizer?.jwt?.claims);
      const principal = await resolvePrincipal(identity, event.requestContext.requestId);
      await recordActiveUser(principal, { onFailure: (error) => logger.warn('Active user not counted', { error }) });
      if (!hasAnyRole(principal, route.auth.roles)) {
        throw new ForbiddenError(`This needs one of the roles: ${route.auth.roles.join(', ')}.`);
      }
      return principal;
    }
  }
};

/** Whose Idempotency-Keys a key is one of: a staff user's, or a candidate's test session's. */
const callerIdOf = (caller: Caller): string => ('userId' in caller ? caller.userId : caller.testSessionId);

const parseRequest = (route: RouteDefinition, event: Event, principal: Caller | undefined) => {
  const raw = rawBody(event.body, event.isBase64Encoded);
  const { path, query, body } = route.request ?? {};
  if (!body && raw !== undefined) {
    throw new ValidationError('This endpoint takes no request body.', {
      errors: [{ field: '(root)', code: 'unexpected_body', message: 'Send no body' }],
    });
  }
  return {
    raw,
    request: {
      principal,
      path: path ? parsePart(path, event.pathParameters ?? {}, 'path') : undefined,
      query: query ? parsePart(query, event.queryStringParameters ?? {}, 'query') : undefined,
      body: body ? parsePart(body, parseJsonBody(raw, event.headers['content-type']) ?? {}, 'body') : undefined,
      ifMatch: route.versioned ? parseIfMatch(event.headers['if-match']) : undefined,
      event,
    },
  };
};

const toResponse = (
  route: RouteDefinition,
  body: unknown,
  headers: Record<string, string>,
  accepted = false,
): StoredResponse => {
  if (accepted && !route.accepted) throw new Error(`${routeKeyOf(route)} declares no 202 response`);
  const version = (body as { version?: unknown } | undefined)?.version;
  return {
    statusCode: accepted ? 202 : route.response.status,
    body: body === undefined ? '' : JSON.stringify(body),
    headers: {
      ...headers,
      ...(route.versioned && typeof version === 'number' ? { etag: etagOf(version) } : {}),
    },
  };
};

const jsonResult = ({ statusCode, body, headers }: StoredResponse, extra: Record<string, string> = {}): Result => ({
  statusCode,
  headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers, ...extra },
  body,
});

/**
 * Seals the stored copy of a response that carries personal data (routes flagged
 * `personalData`), e.g. with the personal-data key (core/shared/pii/sealed-text). Passed by
 * the contexts that have such routes, so no other function bundles the key service.
 */
export interface ResponseSealer {
  seal(context: Record<string, string>, text: string): Promise<string>;
  open(context: Record<string, string>, sealed: string): Promise<string>;
}

const sealContext = (claim: IdempotencyKey) => ({ purpose: 'idempotent-response', tenantId: claim.tenantId });

const withBody = async (response: StoredResponse, change: (body: string) => Promise<string>) => ({
  ...response,
  body: response.body && (await change(response.body)),
});

/** Runs one route: authorise, validate, replay or claim an Idempotency-Key, call the operation. */
const runRoute = async (
  route: KeyedRoute,
  operation: Operation<KeyedRoute>,
  event: Event,
  { sealer, verifyCandidateToken }: HandlerOptions,
): Promise<Result> => {
  const principal = await authorise(route, event, verifyCandidateToken);
  const { raw, request } = parseRequest(route, event, principal);
  const idempotencyKey = route.idempotent ? parseIdempotencyKey(event.headers['idempotency-key']) : undefined;
  const claim: IdempotencyKey | undefined =
    idempotencyKey && principal
      ? { tenantId: principal.tenantId, scope: `${route.routeKey}|${callerIdOf(principal)}`, key: idempotencyKey }
      : undefined;
  if (claim) {
    const fingerprint = createHash('sha256')
      .update(event.rawPath)
      .update('\n')
      .update(raw ?? '')
      .digest('hex');
    const started = await (await idempotencyStore()).beginIdempotent(claim, fingerprint);
    if (started.kind === 'replay') {
      const response =
        route.personalData && sealer
          ? await withBody(started.response, (body) => sealer.open(sealContext(claim), body))
          : started.response;
      return jsonResult(response, { 'idempotent-replayed': 'true' });
    }
  }
  try {
    const result = await operation(request as RouteRequest<KeyedRoute>);
    const response = toResponse(
      route,
      result.body,
      { ...result.headers, ...(result.location ? { location: result.location } : {}) },
      result.accepted,
    );
    if (claim) {
      const stored =
        route.personalData && sealer
          ? await withBody(response, (body) => sealer.seal(sealContext(claim), body))
          : response;
      await (await idempotencyStore()).completeIdempotent(claim, stored);
    }
    return jsonResult(response);
  } catch (error) {
    if (claim) await (await idempotencyStore()).abandonIdempotent(claim);
    throw error;
  }
};

export interface HandlerOptions {
  /** Seals the stored replays of idempotent routes that answer with personal data. */
  sealer?: ResponseSealer;
  /**
   * Needed by a function with candidate routes, and passed by those only: the token code
   * (jose, the signer, the KMS client) is then in their bundles alone.
   */
  verifyCandidateToken?: VerifyCandidateToken;
}

/**
 * The Lambda handler of one bounded context: dispatches on `routeKey` by map lookup,
 * wrapped in the one middleware stack every HTTP function shares.
 */
export const createHttpHandler = <R extends KeyedRoute>(
  routes: readonly R[],
  operations: Operations<R>,
  options: HandlerOptions = {},
) => {
  const unsealable = routes.find((route) => route.personalData && route.idempotent && !options.sealer);
  if (unsealable) throw new Error(`${unsealable.routeKey} keeps personal data for replays: pass a sealer`);
  const unverifiable = routes.find((route) => route.auth.type === 'candidate' && !options.verifyCandidateToken);
  if (unverifiable) {
    throw new Error(
      `${unverifiable.routeKey} is a candidate route: pass verifyCandidateToken (http/candidate-tokens.ts)`,
    );
  }
  const table = new Map<string, { route: KeyedRoute; operation: Operation<KeyedRoute> }>(
    routes.map((route) => [
      route.routeKey,
      { route, operation: operations[route.routeKey as R['routeKey']] as Operation<KeyedRoute> },
    ]),
  );
  return (
    middy<Event, Result>()
      // First, so it times the whole stack and sees the response the error mapper made of a refusal.
      .use(httpMetrics())
      .use(injectLambdaContext(logger, { resetKeys: true }))
      .use(httpHeaderNormalizer())
      .use(httpSecurityHeaders())
      .use(
        httpCors({
          origins: allowedOrigins(),
          exposeHeaders: CORS_EXPOSE_HEADERS.join(', '),
          maxAge: CORS_MAX_AGE_SECONDS,
        }),
      )
      .use({
        before: ({ event }) => {
          logger.appendKeys({ correlationId: event.requestContext.requestId, routeKey: event.routeKey });
        },
        after: ({ event, response }) => {
          if (response) response.headers = { ...response.headers, 'x-correlation-id': event.requestContext.requestId };
        },
        onError: (request) => {
          const correlationId = request.event.requestContext.requestId;
          const response = problemResponse(request.error, correlationId);
          if (response.statusCode >= 500) logger.error('Request failed', { error: request.error });
          else logger.info('Request refused', { status: response.statusCode, error: request.error?.message });
          request.response = { ...response, headers: { ...response.headers, 'x-correlation-id': correlationId } };
        },
      })
      .handler(async (event) => {
        const entry = table.get(event.routeKey);
        if (!entry) throw new NotFoundError(`No route ${event.routeKey}.`);
        return runRoute(entry.route, entry.operation, event, options);
      })
  );
};
