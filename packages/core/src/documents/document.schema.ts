import * as z from 'zod/mini';
import { idPath, listQuery, page, text, trackedView } from '../shared/schema.ts';
import { DOCUMENT_CONTENT_TYPES, DOCUMENT_KINDS, DOCUMENT_STATUSES, MAX_FILE_NAME } from './document.model.ts';

/** A candidate (resume) or a job description (job_description); owners.ts checks which fits the kind. */
const ownerId = z
  .string()
  .check(
    z.regex(/^(cand|jd)_[0-9A-HJKMNP-TV-Z]{26}$/, 'A candidate id (cand_01J...) or a job description id (jd_01J...)'),
  );

/**
 * Any size up to S3's own limit is a well-formed request: one above MAX_DOCUMENT_BYTES is then
 * refused as too large (413), which tells the frontend what to say.
 */
const contentLength = z.int().check(z.minimum(1, 'An empty file cannot be uploaded'), z.maximum(5 * 1024 ** 4));

export const RequestUploadBody = z.strictObject({
  kind: z.enum(DOCUMENT_KINDS),
  ownerId,
  /** The name on the user's disk; stored sanitised (see file-name.ts). */
  fileName: text(MAX_FILE_NAME),
  contentType: z.enum(DOCUMENT_CONTENT_TYPES),
  contentLength,
});
export type RequestUpload = z.output<typeof RequestUploadBody>;

export const DocumentPath = idPath('document');

export const ListDocumentsQuery = z.strictObject({ ownerId, ...listQuery });
export type ListDocuments = z.output<typeof ListDocumentsQuery>;

export const Document = z.object({
  id: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  ownerId: z.string(),
  fileName: z.string(),
  contentType: z.enum(DOCUMENT_CONTENT_TYPES),
  declaredSize: z.int(),
  size: z.optional(z.int()),
  textLength: z.optional(z.int()),
  pageCount: z.optional(z.int()),
  sha256: z.optional(z.string()),
  status: z.enum(DOCUMENT_STATUSES),
  /** Why it was rejected or failed, in a sentence for the uploader. */
  statusReason: z.optional(z.string()),
  uploadedAt: z.optional(z.string()),
  processedAt: z.optional(z.string()),
  taskId: z.optional(z.string()),
  extractionId: z.optional(z.string()),
  ...trackedView,
});
export type Document = z.output<typeof Document>;

export const DocumentPage = page(Document);

/** A presigned POST: the browser sends `fields` first and the file last, as multipart/form-data, to `url`. */
export const UploadTicket = z.object({
  document: Document,
  upload: z.object({
    url: z.string(),
    fields: z.record(z.string(), z.string()),
    expiresAt: z.string(),
    maxBytes: z.int(),
  }),
});
export type UploadTicket = z.output<typeof UploadTicket>;

export const DownloadUrl = z.object({ url: z.string(), expiresAt: z.string() });
export type DownloadUrl = z.output<typeof DownloadUrl>;

export const DocumentText = z.object({ text: z.string(), length: z.int() });
export type DocumentText = z.output<typeof DocumentText>;
