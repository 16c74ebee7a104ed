import { SETTINGS_BOUNDS } from '../identity/settings.model.ts';
import { LIFECYCLE_TAG_KEY } from '../shared/files.ts';

/** The vocabulary of webcam snapshots, shared by their schemas, checks, processing and retention. */
export const JPEG = 'image/jpeg';
export const PNG = 'image/png';
export const WEBP = 'image/webp';

export const SNAPSHOT_CONTENT_TYPES = [JPEG, PNG, WEBP] as const;
export type SnapshotContentType = (typeof SNAPSHOT_CONTENT_TYPES)[number];

export const isSnapshotContentType = (value: string): value is SnapshotContentType =>
  (SNAPSHOT_CONTENT_TYPES as readonly string[]).includes(value);

/** How a content type is named to people, and the extension a download of it carries. */
export const IMAGE_NAMES: Readonly<Record<SnapshotContentType, { name: string; extension: string }>> = {
  [JPEG]: { name: 'a JPEG image', extension: 'jpg' },
  [PNG]: { name: 'a PNG image', extension: 'png' },
  [WEBP]: { name: 'a WebP image', extension: 'webp' },
};

/** 2 MiB: a webcam frame is a few hundred KB; the analyser and the Lambda hold one whole. */
export const MAX_SNAPSHOT_BYTES = 2 * 1024 * 1024;

/** Seconds a presigned upload stays valid: the page posts the frame right after asking. */
export const UPLOAD_URL_SECONDS = 300;

/** Seconds a reviewer's presigned download stays valid: the review page loads it at once. */
export const DOWNLOAD_URL_SECONDS = 300;

/**
 * Upload URLs a session may get ahead of its assessment's interval: a page that reloads, or
 * retries a failed post, must not lose its next frame; a page asking in a loop gets 429s.
 */
export const SNAPSHOT_BURST = 3;

/** Seconds an upload slot whose image never came is kept before the table's TTL removes it. */
export const PENDING_SNAPSHOT_TTL_SECONDS = 24 * 60 * 60;

/**
 * The tag an accepted snapshot's object carries (the bucket's lifecycle tag key, shared with
 * exports): the bucket's backstop rule expires tagged objects should the table's TTL removal
 * never reach the stream. Lifecycle prefixes cannot select a kind (the tenant comes first).
 */
export const SNAPSHOT_FILE_TAG = { key: LIFECYCLE_TAG_KEY, value: 'snapshot' } as const;

/** Days the backstop keeps a tagged snapshot: one more than the longest retention a tenant may set. */
export const SNAPSHOT_BACKSTOP_DAYS = SETTINGS_BOUNDS.snapshotRetentionDays.max + 1;
