import type { StaffRole } from '@assist-ten/core/shared/principal';
import type * as z from 'zod/mini';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route. Staff roles are checked after the JWT authorizer verified the token.
 * A candidate route takes a candidate access token (core/test-sessions/candidate-token),
 * which no API Gateway authorizer can check: the kit verifies it before any operation runs.
 */
export type RouteAuth = { type: 'public' } | { type: 'staff'; roles: readonly StaffRole[] } | { type: 'candidate' };

/**
 * One entry of the route table: everything CDK, the dispatcher, the local gateway,
 * the OpenAPI generator and the security matrix need to know about an endpoint.
 */
export interface RouteDefinition {
  method: HttpMethod;
  /** API Gateway path syntax: `/api/v1/recruiter/requisitions/{id}`. */
  path: string;
  /** The bounded context, i.e. the Lambda function that serves the route. */
  context: string;
  auth: RouteAuth;
  summary: string;
  request?: {
    path?: z.ZodMiniType;
    query?: z.ZodMiniType;
    body?: z.ZodMiniType;
  };
  response: {
    status: number;
    /** Absent for responses without a body (204) or with a non-JSON body. */
    body?: z.ZodMiniType;
    description: string;
  };
  /**
   * A route whose work may go to the background (e.g. a large export) answers 202 with this
   * body when its operation says `accepted: true`, and its usual response otherwise.
   */
  accepted?: {
    body: z.ZodMiniType;
    description: string;
  };
  /** Creating POSTs replay their first response for a repeated `Idempotency-Key`. */
  idempotent?: boolean;
  /**
   * The response carries personal data (e.g. a candidate's decrypted email): the copy an
   * Idempotency-Key keeps for its replay is sealed with the personal-data key.
   */
  personalData?: boolean;
  /** Sends an ETag and honours If-Match. */
  versioned?: boolean;
  /** What the `{id}` path parameter names, so tests can make one in a chosen tenant. */
  resource?: string;
  /**
   * Why a route that changes something writes no audit entry (e.g. a user's own inbox
   * state); the audit coverage test requires an entry from every other mutating route.
   */
  unaudited?: string;
}

export const routeKeyOf = (route: Pick<RouteDefinition, 'method' | 'path'>): string => `${route.method} ${route.path}`;
