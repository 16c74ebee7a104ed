import { Entity, type EntityItem } from 'electrodb';
import { timestampAttributes } from '../shared/attributes.ts';
import { documentClient, tableName } from '../shared/db.ts';
import { SNAPSHOT_STATUSES } from './proctoring.model.ts';

/**
 * ProctoringSnapshot: one webcam image of a test session. It exists from the moment its
 * upload URL is issued (pending), so the processor can tell our upload from a stray object;
 * the processor accepts it (size, magic bytes, faces) or rejects and deletes it. DynamoDB's
 * TTL removes it after the tenant's retention, and the table's stream then deletes the image.
 *
 * Access patterns:
 * - byId       table  pk: tenant + snapshot id                -> one snapshot
 * - bySession  gsi1   pk: tenant + session  sk: snapshot id   -> a session's snapshots, in order taken
 */
export const SnapshotEntity = new Entity(
  {
    model: { entity: 'proctoring_snapshot', version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      snapshotId: { type: 'string', required: true, readOnly: true },
      testSessionId: { type: 'string', required: true, readOnly: true },
      assessmentId: { type: 'string', required: true, readOnly: true },
      candidateId: { type: 'string', required: true, readOnly: true },
      objectKey: { type: 'string', required: true, readOnly: true },
      /** What the upload URL allowed; the processor checks the bytes against it. */
      contentType: { type: 'string', required: true, readOnly: true },
      status: { type: SNAPSHOT_STATUSES, required: true, default: 'pending' },
      size: { type: 'number' },
      /** The ETag of the bytes that were checked: a later post to the same key is other bytes. */
      objectEtag: { type: 'string' },
      uploadedAt: { type: 'string' },
      processedAt: { type: 'string' },
      rejectedReason: { type: 'string' },
      /** Faces the analyser saw; absent when no analyser ran. */
      faceCount: { type: 'number' },
      /** Epoch seconds: the tenant's retention after the upload (a pending one, a day after its URL). */
      expiresAt: { type: 'number', required: true },
      ...timestampAttributes,
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['tenantId', 'snapshotId'], casing: 'none' },
        sk: { field: 'sk', composite: [], casing: 'none' },
      },
      bySession: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['tenantId', 'testSessionId'], casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['snapshotId'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type SnapshotItem = EntityItem<typeof SnapshotEntity>;
