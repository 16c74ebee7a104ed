import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { bucketName, s3Client } from '../shared/files.ts';
import {
  DOWNLOAD_URL_SECONDS,
  type DocumentContentType,
  MAX_DOCUMENT_BYTES,
  UPLOAD_URL_SECONDS,
} from './document.model.ts';
import { attachmentDisposition } from './file-name.ts';

/** Where a document's files are: the tenant's bucket, or another one a test names. */
export interface FileStore {
  bucket: string;
  s3: S3Client;
}

export const defaultStore = (): FileStore => ({ bucket: bucketName(), s3: s3Client });

export interface StoredObject {
  size: number;
  etag: string;
}

const isMissing = (error: unknown): boolean =>
  error instanceof Error &&
  (error.name === 'NotFound' ||
    error.name === 'NoSuchKey' ||
    (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404);

/** The object's size and ETag, or undefined when there is none at `key`. */
export const headObject = async ({ bucket, s3 }: FileStore, key: string): Promise<StoredObject | undefined> => {
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return { size: head.ContentLength ?? 0, etag: head.ETag ?? '' };
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
};

/** The object's bytes and the ETag of exactly those bytes. */
export const readObject = async (
  { bucket, s3 }: FileStore,
  key: string,
): Promise<{ bytes: Uint8Array; etag: string }> => {
  const { Body, ETag } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (!Body) throw new Error(`S3 returned no body for ${key}`);
  return { bytes: await Body.transformToByteArray(), etag: ETag ?? '' };
};

export const deleteObject = async ({ bucket, s3 }: FileStore, key: string): Promise<void> => {
  await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
};

export const writeText = async ({ bucket, s3 }: FileStore, key: string, text: string): Promise<void> => {
  await s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: key, Body: text, ContentType: 'text/plain; charset=utf-8' }),
  );
};

export const readText = async ({ bucket, s3 }: FileStore, key: string): Promise<string> => {
  const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (!Body) throw new Error(`S3 returned no body for ${key}`);
  return Body.transformToString('utf-8');
};

const expiry = (seconds: number): string => new Date(Date.now() + seconds * 1000).toISOString();

/**
 * A presigned POST for exactly one key: S3 itself refuses another key, another Content-Type,
 * an empty or oversized body, or a post after the expiry (a field's value in `Fields` is
 * also an exact-match condition of the policy).
 */
export const presignUpload = async (key: string, contentType: DocumentContentType) => {
  const { bucket, s3 } = defaultStore();
  const { url, fields } = await createPresignedPost(s3, {
    Bucket: bucket,
    Key: key,
    Conditions: [['content-length-range', 1, MAX_DOCUMENT_BYTES]],
    Fields: { 'Content-Type': contentType },
    Expires: UPLOAD_URL_SECONDS,
  });
  return { url, fields, expiresAt: expiry(UPLOAD_URL_SECONDS), maxBytes: MAX_DOCUMENT_BYTES };
};

/** A presigned GET that downloads as an attachment of the stored name and checked type, never rendered inline. */
export const presignDownload = async (key: string, fileName: string, contentType: DocumentContentType) => {
  const { bucket, s3 } = defaultStore();
  const url = await getSignedUrl(
    s3,
    new GetObjectCommand({
      Bucket: bucket,
      Key: key,
      ResponseContentDisposition: attachmentDisposition(fileName),
      ResponseContentType: contentType,
    }),
    { expiresIn: DOWNLOAD_URL_SECONDS },
  );
  return { url, expiresAt: expiry(DOWNLOAD_URL_SECONDS) };
};
