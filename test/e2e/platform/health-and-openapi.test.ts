import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { routes } from '../../../functions/routes.ts';
import { call } from '../../support/api.ts';

describe('platform endpoints', () => {
  it('reports health without a token', async () => {
    const response = await call('GET', '/api/v1/health');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', stage: 'local' });
  });

  it('serves an OpenAPI 3.1 document that a standard validator accepts', async () => {
    const response = await call('GET', '/api/v1/openapi.json');
    const validator = new Validator();

    const result = await validator.validate(response.body);

    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('documents every route of the route table with its request and response schemas', async () => {
    const { body: document } = await call('GET', '/api/v1/openapi.json');

    for (const route of routes) {
      const operation = document.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation, route.routeKey).toBeDefined();
      const success = operation.responses[route.response.status];
      if (route.response.status === 204) expect(success.content, route.routeKey).toBeUndefined();
      else expect(success.content['application/json'].schema, route.routeKey).toBeDefined();
      const request = 'request' in route ? route.request : undefined;
      if (request && 'body' in request) expect(operation.requestBody.content['application/json'].schema).toBeDefined();
      if (request && 'query' in request)
        expect(operation.parameters.some((p: { in: string }) => p.in === 'query')).toBe(true);
      if (request && 'path' in request)
        expect(operation.parameters.some((p: { in: string }) => p.in === 'path')).toBe(true);
    }
  });
});
