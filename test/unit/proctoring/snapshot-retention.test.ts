import { ProctoringEventEntity } from '@assist-ten/core/proctoring/proctoring-event.entity';
import { SnapshotEntity } from '@assist-ten/core/proctoring/snapshot.entity';
import { deleteExpiredSnapshot, SNAPSHOT_ENTITY } from '@assist-ten/core/proctoring/snapshot-retention';
import { DeleteObjectsCommand, ListObjectVersionsCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';

const s3 = mockClient(S3Client);
afterEach(() => s3.reset());

const store = { bucket: 'files', s3: new S3Client({}) };
const TENANT = 'tnt_01JDEM00000000000000000001';
const SESSION = 'tses_01JDEM00000000000000000001';
const SNAPSHOT = 'snap_01JDEM00000000000000000001';

/** The item as the table stream's old image shows it. */
const snapshotImage = (objectKey = `tenant/${TENANT}/snapshots/${SESSION}/${SNAPSHOT}`) =>
  SnapshotEntity.create({
    tenantId: TENANT,
    snapshotId: SNAPSHOT,
    testSessionId: SESSION,
    assessmentId: 'asmt_01JDEM00000000000000000001',
    candidateId: 'cand_01JDEM00000000000000000001',
    objectKey,
    contentType: 'image/png',
    status: 'accepted',
    expiresAt: 1_700_000_000,
  }).params<{ Item: Record<string, unknown> }>().Item;

describe('deleteExpiredSnapshot', () => {
  it("erases every version of the image of a snapshot the table's TTL removed", async () => {
    // Arrange
    const key = `tenant/${TENANT}/snapshots/${SESSION}/${SNAPSHOT}`;
    s3.on(ListObjectVersionsCommand).resolves({
      Versions: [
        { Key: key, VersionId: 'v2' },
        { Key: key, VersionId: 'v1' },
      ],
      DeleteMarkers: [{ Key: key, VersionId: 'm1' }],
    });
    s3.on(DeleteObjectsCommand).resolves({});
    const image = snapshotImage();

    // Act
    const deleted = await deleteExpiredSnapshot(image, store);

    // Assert
    expect(deleted).toBe(true);
    expect(image.__edb_e__).toBe(SNAPSHOT_ENTITY);
    expect(s3.commandCalls(ListObjectVersionsCommand)[0]?.args[0].input).toMatchObject({
      Bucket: 'files',
      Prefix: key,
    });
    expect(s3.commandCalls(DeleteObjectsCommand)[0]?.args[0].input.Delete?.Objects).toEqual([
      { Key: key, VersionId: 'v2' },
      { Key: key, VersionId: 'v1' },
      { Key: key, VersionId: 'm1' },
    ]);
  });

  it("deletes nothing for another entity's item, or a key outside its tenant's snapshots", async () => {
    // Arrange
    const event = ProctoringEventEntity.create({
      tenantId: TENANT,
      proctoringEventId: 'proc_01JDEM00000000000000000001',
      testSessionId: SESSION,
      assessmentId: 'asmt_01JDEM00000000000000000001',
      candidateId: 'cand_01JDEM00000000000000000001',
      clientEventId: 'c1',
      source: 'client',
      eventType: 'tab_switch',
      detectedAt: '2025-03-01T10:00:00.000Z',
      severity: 'low',
      severityRank: '3',
    }).params<{ Item: Record<string, unknown> }>().Item;

    // Act
    const results = await Promise.all([
      deleteExpiredSnapshot(event, store),
      deleteExpiredSnapshot(snapshotImage(`tenant/${TENANT}/documents/cand_x/doc_y`), store),
      deleteExpiredSnapshot(
        snapshotImage(`tenant/tnt_01JDEM00000000000000000002/snapshots/${SESSION}/${SNAPSHOT}`),
        store,
      ),
    ]);

    // Assert
    expect(results).toEqual([false, false, false]);
    expect(s3.commandCalls(ListObjectVersionsCommand)).toHaveLength(0);
    expect(s3.commandCalls(DeleteObjectsCommand)).toHaveLength(0);
  });

  it('throws when S3 fails, so the stream retries the record', async () => {
    // Arrange
    s3.on(ListObjectVersionsCommand).rejects(new Error('S3 is down'));

    // Act
    const error = await deleteExpiredSnapshot(snapshotImage(), store).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );

    // Assert
    expect(error).toMatchObject({ message: 'S3 is down' });
  });
});
