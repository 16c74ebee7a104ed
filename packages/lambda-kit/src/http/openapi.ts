import * as z from 'zod/mini';
import { PROBLEM_CONTENT_TYPE } from './problem.ts';
import type { RouteDefinition } from './route.ts';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[] };

const jsonSchema = (schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string(),
  code: z.string(),
  correlationId: z.string(),
  errors: z.optional(z.array(z.object({ field: z.string(), message: z.string(), code: z.string() }))),
});

const problem = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
});

const parameters = (schema: z.ZodMiniType | undefined, where: 'path' | 'query') => {
  if (!schema) return [];
  const { properties = {}, required = [] } = jsonSchema(schema, 'input');
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.includes(name),
    schema: property,
  }));
};

const operationId = (route: RouteDefinition): string =>
  [route.method.toLowerCase(), ...route.path.split(/[/{}.-]+/).filter((part) => part && !/^(api|v1)$/.test(part))]
    .map((part, index) => (index === 0 ? part : part[0]?.toUpperCase() + part.slice(1)))
    .join('');

/** The security scheme of each kind of caller (none for public routes). */
const SECURITY: Record<RouteDefinition['auth']['type'], string | undefined> = {
  public: undefined,
  staff: 'staffJwt',
  candidate: 'candidateSession',
};

const responsesOf = (route: RouteDefinition) => {
  const staff = route.auth.type === 'staff';
  const signedIn = route.auth.type !== 'public';
  // A 204 has neither a body nor a version to show.
  const noContent = route.response.status === 204;
  const success = {
    description: route.response.description,
    ...(route.versioned && !noContent
      ? { headers: { ETag: { schema: { type: 'string' }, description: 'The version' } } }
      : {}),
    ...(route.response.body
      ? { content: { 'application/json': { schema: jsonSchema(route.response.body, 'output') } } }
      : noContent
        ? {}
        : { content: { 'application/json': { schema: { type: 'object' } } } }),
  };
  return {
    [route.response.status]: success,
    ...(route.accepted
      ? {
          202: {
            description: route.accepted.description,
            headers: { Location: { schema: { type: 'string' }, description: 'Where to follow the work' } },
            content: { 'application/json': { schema: jsonSchema(route.accepted.body, 'output') } },
          },
        }
      : {}),
    ...(route.request ? { 400: problem('The request is not valid; `errors` names each field') } : {}),
    ...(signedIn ? { 401: problem('No valid token') } : {}),
    ...(staff ? { 403: problem('Your roles do not allow this') } : {}),
    ...(route.path.includes('{') ? { 404: problem('No such object in your tenant') } : {}),
    ...(route.method !== 'GET' && signedIn ? { 409: problem('Conflicts with the current state') } : {}),
    ...(route.versioned && route.method !== 'GET' ? { 412: problem('If-Match names an old version') } : {}),
    ...(route.request?.body ? { 413: problem('Body too large'), 415: problem('Body is not JSON') } : {}),
    ...(route.idempotent ? { 422: problem('Idempotency-Key reused for a different request') } : {}),
    500: problem('Unexpected failure; quote the correlation id'),
  };
};

const headerParameters = (route: RouteDefinition) => [
  ...(route.idempotent
    ? [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 255 } }]
    : []),
  ...(route.versioned && route.method !== 'GET'
    ? [{ name: 'If-Match', in: 'header', required: false, schema: { type: 'string' } }]
    : []),
];

/** The OpenAPI 3.1 document of a route table: JSON Schema 2020-12 straight from zod. */
export const openApiDocument = (routes: readonly RouteDefinition[], info: { title: string; version: string }) => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    const item = paths[route.path] as Record<string, unknown>;
    const scheme = SECURITY[route.auth.type];
    item[route.method.toLowerCase()] = {
      operationId: operationId(route),
      summary: route.summary,
      tags: [route.context],
      security: scheme ? [{ [scheme]: [] }] : [],
      ...(route.auth.type === 'staff' ? { 'x-roles': route.auth.roles } : {}),
      parameters: [
        ...parameters(route.request?.path, 'path'),
        ...parameters(route.request?.query, 'query'),
        ...headerParameters(route),
      ],
      ...(route.request?.body
        ? {
            requestBody: {
              required: route.method !== 'POST' || route.idempotent === true,
              content: { 'application/json': { schema: jsonSchema(route.request.body, 'input') } },
            },
          }
        : {}),
      responses: responsesOf(route),
    };
  }
  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: {
        staffJwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        candidateSession: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A candidate access token (ES256, 15 minutes) from the invitation exchange or a refresh',
        },
      },
      schemas: { Problem: jsonSchema(Problem, 'output') },
    },
  };
};
