import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { bucketName, s3Client } from './files.ts';

/**
 * What every context does with the tenant file bucket (documents, exports, snapshots): one
 * implementation, each caller passing its own limits.
 */

/** Where files are: the tenant file bucket, or another one a test names. */
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

/**
 * Every version of every object under `prefix`, delete markers included; returns how many.
 * The bucket is versioned: a plain delete only hides a file, this one erases it.
 */
export const deleteVersionsUnder = async ({ bucket, s3 }: FileStore, prefix: string): Promise<number> => {
  let count = 0;
  let markers: { KeyMarker?: string; VersionIdMarker?: string } = {};
  for (;;) {
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: prefix, ...markers }));
    const objects = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map(({ Key, VersionId }) => ({
      Key,
      VersionId,
    }));
    if (objects.length > 0) {
      const result = await s3.send(
        new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects, Quiet: true } }),
      );
      const failed = result.Errors ?? [];
      if (failed.length > 0) {
        throw new Error(`${failed.length} object versions under ${prefix} were not deleted (${failed[0]?.Code}).`);
      }
      count += objects.length;
    }
    if (!page.IsTruncated) return count;
    markers = {
      ...(page.NextKeyMarker ? { KeyMarker: page.NextKeyMarker } : {}),
      ...(page.NextVersionIdMarker ? { VersionIdMarker: page.NextVersionIdMarker } : {}),
    };
  }
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

/** Replaces the object's tags with one `key=value` (what a lifecycle rule selects by). */
export const tagObject = async ({ bucket, s3 }: FileStore, key: string, tag: { key: string; value: string }) => {
  await s3.send(
    new PutObjectTaggingCommand({
      Bucket: bucket,
      Key: key,
      Tagging: { TagSet: [{ Key: tag.key, Value: tag.value }] },
    }),
  );
};

const expiry = (seconds: number): string => new Date(Date.now() + seconds * 1000).toISOString();

/**
 * A presigned POST for exactly one key: S3 itself refuses another key, another Content-Type,
 * an empty or oversized body, or a post after the expiry (a field's value in `Fields` is
 * also an exact-match condition of the policy).
 */
export const presignPost = async (
  key: string,
  limits: { contentType: string; maxBytes: number; expiresInSeconds: number },
  { bucket, s3 }: FileStore = defaultStore(),
) => {
  const { url, fields } = await createPresignedPost(s3, {
    Bucket: bucket,
    Key: key,
    Conditions: [['content-length-range', 1, limits.maxBytes]],
    Fields: { 'Content-Type': limits.contentType },
    Expires: limits.expiresInSeconds,
  });
  return { url, fields, expiresAt: expiry(limits.expiresInSeconds), maxBytes: limits.maxBytes };
};

const encodeRfc5987 = (value: string): string =>
  encodeURIComponent(value).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

/** A download's Content-Disposition: an ASCII name for old clients, the exact one (RFC 6266) for the rest. */
export const attachmentDisposition = (fileName: string): string => {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
};

/** A presigned GET that downloads as an attachment of `fileName` and the checked type, never rendered inline. */
export const presignGet = async (
  key: string,
  serve: { contentType: string; fileName: string; expiresInSeconds: number },
  { bucket, s3 }: FileStore = defaultStore(),
) => {
  const url = await getSignedUrl(
    s3,
    new GetObjectCommand({
      Bucket: bucket,
      Key: key,
      ResponseContentDisposition: attachmentDisposition(serve.fileName),
      ResponseContentType: serve.contentType,
    }),
    { expiresIn: serve.expiresInSeconds },
  );
  return { url, expiresAt: expiry(serve.expiresInSeconds) };
};
