import { openApiDocument } from '@assist-ten/lambda-kit/http/openapi';
import { routes } from './routes.ts';

export const API_INFO = { title: 'Assist-Ten API', version: '1.0.0' } as const;

/** The API's OpenAPI document, generated from the route table. */
export const apiDocument = () => openApiDocument(routes, API_INFO);
