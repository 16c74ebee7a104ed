/** The vocabulary of an uploaded document, shared by its entity, schemas, checks and processing. */
export const DOCUMENT_KINDS = ['resume', 'job_description'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_STATUSES = [
  'pending_upload',
  'uploaded',
  'processing',
  'processed',
  'failed',
  'rejected',
] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const PDF = 'application/pdf';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const TXT = 'text/plain';

export const DOCUMENT_CONTENT_TYPES = [PDF, DOCX, TXT] as const;
export type DocumentContentType = (typeof DOCUMENT_CONTENT_TYPES)[number];

/** How a content type is named to people, and the extension a file of it carries. */
export const CONTENT_TYPE_NAMES: Readonly<Record<DocumentContentType, { name: string; extension: string }>> = {
  [PDF]: { name: 'a PDF', extension: 'pdf' },
  [DOCX]: { name: 'a Word document (.docx)', extension: 'docx' },
  [TXT]: { name: 'a plain text file', extension: 'txt' },
};

/** 10 MB: far above any resume or job description, low enough to read one into a Lambda's memory. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** Seconds a presigned upload stays valid: the browser posts right after asking. */
export const UPLOAD_URL_SECONDS = 300;

/** Seconds a presigned download stays valid: the browser follows it at once. */
export const DOWNLOAD_URL_SECONDS = 60;

/** Characters of extracted text kept: a resume is a few thousand; more is a book pasted in. */
export const MAX_TEXT_CHARACTERS = 1_000_000;

export const MAX_FILE_NAME = 255;

/** Hours an upload slot that never received its file is kept before the table's TTL removes it. */
export const PENDING_UPLOAD_HOURS = 24;

/** Statuses in which the stored object passed its checks, so it may be handed out. */
export const isDownloadable = (document: { status: DocumentStatus; sha256?: string | undefined }): boolean =>
  document.status === 'processed' || (document.status === 'failed' && document.sha256 !== undefined);
