import { presignGet, presignPost } from '../shared/file-store.ts';
import {
  DOWNLOAD_URL_SECONDS,
  type DocumentContentType,
  MAX_DOCUMENT_BYTES,
  UPLOAD_URL_SECONDS,
} from './document.model.ts';

/** Where the browser posts a document: its declared type only, up to the documents' limit. */
export const presignUpload = (key: string, contentType: DocumentContentType) =>
  presignPost(key, { contentType, maxBytes: MAX_DOCUMENT_BYTES, expiresInSeconds: UPLOAD_URL_SECONDS });

/** A download of the stored name and checked type. */
export const presignDownload = (key: string, fileName: string, contentType: DocumentContentType) =>
  presignGet(key, { contentType, fileName, expiresInSeconds: DOWNLOAD_URL_SECONDS });
