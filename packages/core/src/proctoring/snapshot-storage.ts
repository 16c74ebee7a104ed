import { GetObjectCommand, PutObjectTaggingCommand } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { defaultStore, type FileStore } from '../documents/storage.ts';
import {
  DOWNLOAD_URL_SECONDS,
  IMAGE_NAMES,
  MAX_SNAPSHOT_BYTES,
  SNAPSHOT_FILE_TAG,
  type SnapshotContentType,
  UPLOAD_URL_SECONDS,
} from './snapshot.model.ts';

/*
 * presignPost, presignGet and tagObject take their limits as arguments: they are the general
 * form of documents/storage.ts's presignUpload and presignDownload (bound to documents'
 * constants), kept here until they move there and documents call them too.
 */

const expiry = (seconds: number): string => new Date(Date.now() + seconds * 1000).toISOString();

/**
 * A presigned POST for exactly one key: S3 itself refuses another key, another Content-Type,
 * an empty or oversized body, or a post after the expiry.
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

/** A presigned GET that serves the object as the checked type, as a download of `fileName`. */
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
      ResponseContentDisposition: `attachment; filename="${serve.fileName}"`,
      ResponseContentType: serve.contentType,
    }),
    { expiresIn: serve.expiresInSeconds },
  );
  return { url, expiresAt: expiry(serve.expiresInSeconds) };
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

/** Where the test page posts one frame: the declared type only, 1 byte to 2 MiB, for 5 minutes. */
export const presignSnapshotUpload = (key: string, contentType: SnapshotContentType) =>
  presignPost(key, { contentType, maxBytes: MAX_SNAPSHOT_BYTES, expiresInSeconds: UPLOAD_URL_SECONDS });

/**
 * A reviewer's short-lived download of an accepted snapshot, served as the type its bytes
 * were checked to be. The caller has checked who may see it; ids only in the file name.
 */
export const presignSnapshotDownload = (snapshot: {
  snapshotId: string;
  objectKey: string;
  contentType: SnapshotContentType;
}) =>
  presignGet(snapshot.objectKey, {
    contentType: snapshot.contentType,
    fileName: `${snapshot.snapshotId}.${IMAGE_NAMES[snapshot.contentType].extension}`,
    expiresInSeconds: DOWNLOAD_URL_SECONDS,
  });

/** Marks an accepted snapshot's object for the bucket's backstop expiry. */
export const tagSnapshotObject = (store: FileStore, key: string) => tagObject(store, key, SNAPSHOT_FILE_TAG);
