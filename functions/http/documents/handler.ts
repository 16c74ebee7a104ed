import {
  getDocument,
  getDocumentText,
  getDownloadUrl,
  listDocuments,
  requestUpload,
} from '@assist-ten/core/documents/document.service';
import { createHttpHandler } from '@assist-ten/lambda-kit/http/handler';
import { documentRoutes } from './routes.ts';

export const handler = createHttpHandler(documentRoutes, {
  'POST /api/v1/documents/upload-url': async ({ principal, body }) => {
    const ticket = await requestUpload(principal, body);
    return { body: ticket, location: `/api/v1/documents/${ticket.document.id}` };
  },
  'GET /api/v1/documents': async ({ principal, query }) => ({ body: await listDocuments(principal, query) }),
  'GET /api/v1/documents/{id}': async ({ principal, path }) => ({ body: await getDocument(principal, path.id) }),
  'GET /api/v1/documents/{id}/download-url': async ({ principal, path }) => ({
    body: await getDownloadUrl(principal, path.id),
  }),
  'GET /api/v1/documents/{id}/text': async ({ principal, path }) => ({
    body: await getDocumentText(principal, path.id),
  }),
});
