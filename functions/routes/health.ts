import { HealthResponse } from '../http/platform/health.schema.ts';
import { route } from './define.ts';

export const healthRoutes = [
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
] as const;
