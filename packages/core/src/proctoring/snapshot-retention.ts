import { defaultStore, deleteVersionsUnder, type FileStore } from '../shared/file-store.ts';
import { parseObjectKey } from '../shared/files.ts';
import { SnapshotEntity } from './snapshot.entity.ts';

/** The entity name a snapshot item carries (`__edb_e__`): what the table stream's filter selects by. */
export const SNAPSHOT_ENTITY = SnapshotEntity.schema.model.entity;

/**
 * When DynamoDB's TTL removes a snapshot (its tenant's retention ended, or its upload never
 * came), its image goes too, every version of it: the bucket is versioned, and retention
 * means the face is gone, not hidden. A stream record delivered again finds nothing left to
 * delete. False when the image is not a snapshot's.
 */
export const deleteExpiredSnapshot = async (
  oldImage: Record<string, unknown>,
  store: FileStore = defaultStore(),
): Promise<boolean> => {
  const { data } = SnapshotEntity.parse({ Item: oldImage });
  // Only ever a snapshot's own key: the stream's function may delete snapshots and nothing else.
  const parts = data ? parseObjectKey(data.objectKey) : undefined;
  if (!data || parts?.kind !== 'snapshots' || parts.tenantId !== data.tenantId) return false;
  await deleteVersionsUnder(store, data.objectKey);
  return true;
};
