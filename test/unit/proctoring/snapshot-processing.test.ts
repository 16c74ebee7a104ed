import { processSnapshotObject } from '@assist-ten/core/proctoring/snapshot-processing';
import type { ObjectCreatedEvent } from '@assist-ten/core/shared/object-created';
import { DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';

const s3 = mockClient(S3Client);
afterEach(() => s3.reset());

const store = { bucket: 'files', s3: new S3Client({}) };
const first = { receiveCount: 1, maxReceiveCount: 5, store };

const eventFor = (key: string, bucket = store.bucket): ObjectCreatedEvent => ({
  version: '0',
  id: 'e1',
  'detail-type': 'Object Created',
  source: 'aws.s3',
  account: '000000000000',
  time: '2025-03-01T10:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail: {
    version: '0',
    bucket: { name: bucket },
    object: { key, size: 10, etag: 'etag' },
    'request-id': 'r',
    requester: '000000000000',
    'source-ip-address': '127.0.0.1',
    reason: 'PostObject',
  },
});

/** These paths decide from the key alone, before any table read: no DynamoDB is needed. */
describe('processSnapshotObject', () => {
  it("ignores another bucket's objects and keys of other kinds, touching nothing", async () => {
    // Act
    const reports = await Promise.all([
      processSnapshotObject(eventFor('tenant/tnt_a/snapshots/tses_x/snap_y', 'other-bucket'), first),
      processSnapshotObject(eventFor('tenant/tnt_a/exports/usr_x/export.json'), first),
    ]);

    // Assert
    expect(reports.map((report) => report.outcome)).toEqual(['ignored', 'ignored']);
    expect(s3.calls()).toHaveLength(0);
  });

  it('deletes an object under snapshots/ whose key no snapshot could have', async () => {
    // Arrange: not a snapshot id, and a key one segment too deep
    s3.on(DeleteObjectCommand).resolves({});
    const keys = ['tenant/tnt_a/snapshots/tses_x/evil.html', 'tenant/tnt_a/snapshots/tses_x/snap_y/deeper'];

    // Act
    const reports = await Promise.all(keys.map((key) => processSnapshotObject(eventFor(key), first)));

    // Assert
    expect(reports.map((report) => report.outcome)).toEqual(['stray_deleted', 'stray_deleted']);
    expect(s3.commandCalls(DeleteObjectCommand).map((call) => call.args[0].input.Key)).toEqual(keys);
  });
});
