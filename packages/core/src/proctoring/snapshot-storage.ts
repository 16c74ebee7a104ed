import { type FileStore, presignGet, presignPost, tagObject } from '../shared/file-store.ts';
import {
  DOWNLOAD_URL_SECONDS,
  IMAGE_NAMES,
  MAX_SNAPSHOT_BYTES,
  SNAPSHOT_FILE_TAG,
  type SnapshotContentType,
  UPLOAD_URL_SECONDS,
} from './snapshot.model.ts';

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
