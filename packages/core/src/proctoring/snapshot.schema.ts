import * as z from 'zod/mini';
import { SNAPSHOT_STATUSES } from './proctoring.model.ts';
import type { SnapshotItem } from './snapshot.entity.ts';
import { SNAPSHOT_CONTENT_TYPES } from './snapshot.model.ts';

/** What the test page is about to post: the type its canvas encoded the frame as. */
export const SnapshotUploadBody = z.strictObject({ contentType: z.enum(SNAPSHOT_CONTENT_TYPES) });
export type SnapshotUploadRequest = z.output<typeof SnapshotUploadBody>;

/**
 * A presigned POST for one frame: the page sends `fields` first and the image last, as
 * multipart/form-data, to `url`. `nextAllowedAt` says when the following URL may be asked
 * for, when asking sooner would be refused.
 */
export const SnapshotUpload = z.object({
  snapshotId: z.string(),
  url: z.string(),
  fields: z.record(z.string(), z.string()),
  expiresAt: z.string(),
  maxBytes: z.int(),
  nextAllowedAt: z.optional(z.string()),
});
export type SnapshotUpload = z.output<typeof SnapshotUpload>;

/** A snapshot as reviewers see it (its image is a separate, short-lived download). */
export const Snapshot = z.object({
  snapshotId: z.string(),
  testSessionId: z.string(),
  status: z.enum(SNAPSHOT_STATUSES),
  contentType: z.enum(SNAPSHOT_CONTENT_TYPES),
  size: z.nullable(z.int()),
  uploadedAt: z.nullable(z.string()),
  processedAt: z.nullable(z.string()),
  /** Why the image was refused (and deleted), in a sentence. */
  rejectedReason: z.nullable(z.string()),
  /** Faces the analyser saw; null when no analyser looked. */
  faceCount: z.nullable(z.int()),
  createdAt: z.string(),
});
export type Snapshot = z.output<typeof Snapshot>;

export const toSnapshot = (item: SnapshotItem): Snapshot =>
  Snapshot.parse({
    snapshotId: item.snapshotId,
    testSessionId: item.testSessionId,
    status: item.status,
    contentType: item.contentType,
    size: item.size ?? null,
    uploadedAt: item.uploadedAt ?? null,
    processedAt: item.processedAt ?? null,
    rejectedReason: item.rejectedReason ?? null,
    faceCount: item.faceCount ?? null,
    createdAt: item.createdAt,
  });
