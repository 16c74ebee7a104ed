import {
  CreateRequisitionBody,
  ListRequisitionsQuery,
  Requisition,
  RequisitionPage,
  RequisitionPath,
  TransitionRequisitionBody,
  UpdateRequisitionBody,
} from '@assist-ten/core/requisitions/requisition.schema';
import type { RequisitionAction } from '@assist-ten/core/requisitions/requisition.status';
import { type RouteDefinition, routeKeyOf } from '@assist-ten/lambda-kit/http/route';
import { HealthResponse } from './http/platform/health.schema.ts';

/**
 * THE route table. Every endpoint is listed here once; CDK, the context dispatchers,
 * the local gateway, the OpenAPI document and the security matrix test all read it.
 */
const route = <const R extends RouteDefinition>(definition: R) => ({
  ...definition,
  routeKey: routeKeyOf(definition) as `${R['method']} ${R['path']}`,
});

const REQUISITIONS = '/api/v1/recruiter/requisitions';
const requisitionWriters = { type: 'staff', roles: ['recruiter', 'admin'] } as const;
const requisitionReaders = { type: 'staff', roles: ['recruiter', 'admin', 'interviewer'] } as const;

const transition = <const A extends RequisitionAction>(action: A, summary: string) =>
  route({
    method: 'POST',
    path: `${REQUISITIONS}/{id}/${action}`,
    context: 'requisitions',
    auth: requisitionWriters,
    summary,
    request: { path: RequisitionPath, body: TransitionRequisitionBody },
    response: { status: 200, body: Requisition, description: 'The requisition in its new status' },
    versioned: true,
    resource: 'requisition',
  });

export const routes = [
  route({
    method: 'GET',
    path: '/api/v1/health',
    context: 'platform',
    auth: { type: 'public' },
    summary: 'Liveness and readiness of the API',
    response: { status: 200, body: HealthResponse, description: 'The API is up' },
  }),
  route({
    method: 'GET',
    path: '/api/v1/openapi.json',
    context: 'platform',
    auth: { type: 'public' },
    summary: 'This API as an OpenAPI 3.1 document',
    response: { status: 200, description: 'The OpenAPI document' },
  }),
  route({
    method: 'POST',
    path: REQUISITIONS,
    context: 'requisitions',
    auth: requisitionWriters,
    summary: 'Create a requisition (as a draft)',
    request: { body: CreateRequisitionBody },
    response: { status: 201, body: Requisition, description: 'The new draft requisition' },
    idempotent: true,
    versioned: true,
  }),
  route({
    method: 'GET',
    path: REQUISITIONS,
    context: 'requisitions',
    auth: requisitionReaders,
    summary: 'List requisitions, newest first (interviewers see open ones only)',
    request: { query: ListRequisitionsQuery },
    response: { status: 200, body: RequisitionPage, description: 'One page of requisitions' },
  }),
  route({
    method: 'GET',
    path: `${REQUISITIONS}/{id}`,
    context: 'requisitions',
    auth: requisitionReaders,
    summary: 'Get a requisition',
    request: { path: RequisitionPath },
    response: { status: 200, body: Requisition, description: 'The requisition, with its version as ETag' },
    versioned: true,
    resource: 'requisition',
  }),
  route({
    method: 'PATCH',
    path: `${REQUISITIONS}/{id}`,
    context: 'requisitions',
    auth: requisitionWriters,
    summary: 'Change some fields of a requisition (If-Match honoured)',
    request: { path: RequisitionPath, body: UpdateRequisitionBody },
    response: { status: 200, body: Requisition, description: 'The updated requisition' },
    versioned: true,
    resource: 'requisition',
  }),
  transition('publish', 'Publish a draft: it opens for applications'),
  transition('pause', 'Pause an open requisition'),
  transition('resume', 'Reopen a paused requisition'),
  transition('close', 'Close a requisition without filling it'),
  transition('fill', 'Mark every position as filled'),
  transition('cancel', 'Cancel a requisition'),
] as const;

export type Route = (typeof routes)[number];
export type RouteKey = Route['routeKey'];
export type Context = Route['context'];
export type RouteKeyOf<C extends Context> = Extract<Route, { context: C }>['routeKey'];

export const CONTEXTS: readonly Context[] = [...new Set(routes.map((entry) => entry.context))];

export const routesByKey: ReadonlyMap<string, Route> = new Map(routes.map((entry) => [entry.routeKey, entry]));

/** The routes one context's Lambda serves. */
export const routesOf = <C extends Context>(context: C): Extract<Route, { context: C }>[] =>
  routes.filter((entry): entry is Extract<Route, { context: C }> => entry.context === context);
