import {
  Document,
  DocumentPage,
  DocumentPath,
  DocumentText,
  DownloadUrl,
  ListDocumentsQuery,
  RequestUploadBody,
  UploadTicket,
} from '@assist-ten/core/documents/document.schema';
import { route } from './define.ts';

const DOCUMENTS = '/api/v1/documents';
const staff = { type: 'staff', roles: ['recruiter', 'admin'] } as const;

export const documentRoutes = [
  route({
    method: 'POST',
    path: `${DOCUMENTS}/upload-url`,
    context: 'documents',
    auth: staff,
    summary:
      'Make an upload slot for a resume or job description: the document (pending_upload) and a presigned POST to S3 (PDF, DOCX or UTF-8 text, at most 10 MB, valid 5 minutes)',
    request: { body: RequestUploadBody },
    response: { status: 201, body: UploadTicket, description: 'The new document and where to post its file' },
    idempotent: true,
  }),
  route({
    method: 'GET',
    path: DOCUMENTS,
    context: 'documents',
    auth: staff,
    summary: "List an owner's documents (a candidate's resumes, a job description's files), newest first",
    request: { query: ListDocumentsQuery },
    response: { status: 200, body: DocumentPage, description: 'One page of documents' },
  }),
  route({
    method: 'GET',
    path: `${DOCUMENTS}/{id}`,
    context: 'documents',
    auth: staff,
    summary: 'Get a document: its status (poll it after the upload), reason, sizes and times',
    request: { path: DocumentPath },
    response: { status: 200, body: Document, description: 'The document' },
    versioned: true,
    resource: 'document',
  }),
  route({
    method: 'GET',
    path: `${DOCUMENTS}/{id}/download-url`,
    context: 'documents',
    auth: staff,
    summary: 'A presigned download of a checked file (valid 60 seconds); 409 before the file passed its checks',
    request: { path: DocumentPath },
    response: { status: 200, body: DownloadUrl, description: 'Where to download the file' },
    resource: 'document',
  }),
  route({
    method: 'GET',
    path: `${DOCUMENTS}/{id}/text`,
    context: 'documents',
    auth: staff,
    summary:
      'The text read from a processed document, to review what was extracted from it; 409 before it is processed',
    request: { path: DocumentPath },
    response: { status: 200, body: DocumentText, description: 'The extracted text' },
    resource: 'document',
  }),
];
