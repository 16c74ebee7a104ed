import type { CandidatePrincipal, Principal } from '@assist-ten/core/shared/principal';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type * as z from 'zod/mini';
import type { RouteDefinition } from './route.ts';

type Part<R extends RouteDefinition, K extends 'path' | 'query' | 'body'> = R['request'] extends {
  [P in K]: infer S extends z.ZodMiniType;
}
  ? z.output<S>
  : undefined;

/** What an operation receives: validated, typed parts of the request and the caller. */
export interface RouteRequest<R extends RouteDefinition> {
  principal: R['auth'] extends { type: 'staff' }
    ? Principal
    : R['auth'] extends { type: 'candidate' }
      ? CandidatePrincipal
      : undefined;
  path: Part<R, 'path'>;
  query: Part<R, 'query'>;
  body: Part<R, 'body'>;
  /** The version an If-Match header asked for, on versioned routes. */
  ifMatch: number | undefined;
  event: APIGatewayProxyEventV2WithJWTAuthorizer;
}

export interface OperationResult {
  body?: unknown;
  /** For 201 responses: where the new resource lives; for 202, where to follow the work. */
  location?: string;
  headers?: Record<string, string>;
  /** The work was queued: 202 with the route's `accepted` body instead of its usual response. */
  accepted?: boolean;
}

export type Operation<R extends RouteDefinition> = (request: RouteRequest<R>) => Promise<OperationResult>;

/** One operation for every route of a context; a missing one fails the typecheck. */
export type Operations<R extends RouteDefinition & { routeKey: string }> = {
  [K in R['routeKey']]: Operation<Extract<R, { routeKey: K }>>;
};
