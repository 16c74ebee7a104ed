import { SnapshotEntity } from '@assist-ten/core/proctoring/snapshot.entity';
import { SnapshotUploadBody, toSnapshot } from '@assist-ten/core/proctoring/snapshot.schema';
import { describe, expect, it } from 'vitest';

describe('SnapshotUploadBody', () => {
  it('takes JPEG, PNG and WebP', () => {
    // Act
    const results = ['image/jpeg', 'image/png', 'image/webp'].map(
      (contentType) => SnapshotUploadBody.safeParse({ contentType }).success,
    );

    // Assert
    expect(results).toEqual([true, true, true]);
  });

  it('refuses other types, a missing type and unknown fields', () => {
    // Act
    const results = [
      { contentType: 'image/gif' },
      { contentType: 'text/html' },
      { contentType: 'IMAGE/PNG' },
      {},
      { contentType: 'image/png', key: 'tenant/other/snapshots/x/y' },
    ].map((body) => SnapshotUploadBody.safeParse(body).success);

    // Assert
    expect(results).toEqual([false, false, false, false, false]);
  });
});

describe('toSnapshot', () => {
  it('shows a pending snapshot with nulls for what is not known yet, and nothing of its key', () => {
    // Arrange
    const { Item } = SnapshotEntity.create({
      tenantId: 'tnt_01JDEM00000000000000000001',
      snapshotId: 'snap_01JDEM00000000000000000001',
      testSessionId: 'tses_01JDEM00000000000000000001',
      assessmentId: 'asmt_01JDEM00000000000000000001',
      candidateId: 'cand_01JDEM00000000000000000001',
      objectKey:
        'tenant/tnt_01JDEM00000000000000000001/snapshots/tses_01JDEM00000000000000000001/snap_01JDEM00000000000000000001',
      contentType: 'image/webp',
      status: 'pending',
      expiresAt: 1_700_000_000,
    }).params<{ Item: Parameters<typeof toSnapshot>[0] }>();

    // Act
    const view = toSnapshot(Item);

    // Assert
    expect(view).toEqual({
      snapshotId: 'snap_01JDEM00000000000000000001',
      testSessionId: 'tses_01JDEM00000000000000000001',
      status: 'pending',
      contentType: 'image/webp',
      size: null,
      uploadedAt: null,
      processedAt: null,
      rejectedReason: null,
      faceCount: null,
      createdAt: Item.createdAt,
    });
  });
});
