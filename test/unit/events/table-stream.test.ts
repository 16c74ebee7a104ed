import { SnapshotEntity } from '@assist-ten/core/proctoring/snapshot.entity';
import { newId } from '@assist-ten/core/shared/ids';
import { DeleteObjectsCommand, ListObjectVersionsCommand, S3Client } from '@aws-sdk/client-s3';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handler } from '../../../functions/stream/table/handler.ts';

const sqs = mockClient(SQSClient);
const s3 = mockClient(S3Client);

let sequence = 100;
const record = (eventName: 'INSERT' | 'MODIFY' | 'REMOVE', image: Record<string, unknown>): DynamoDBRecord => ({
  eventName,
  dynamodb: {
    SequenceNumber: String(sequence++),
    ...(eventName === 'REMOVE' ? { OldImage: marshall(image) as never } : { NewImage: marshall(image) as never }),
  },
});

const outboxImage = () => {
  const eventId = newId('event');
  return {
    pk: `$assist-ten#eventId_${eventId}`,
    sk: '$outboxEvent_1',
    __edb_e__: 'outboxEvent',
    __edb_v__: '1',
    eventId,
    type: 'requisition.published',
    tenantId: 'tnt_01JDEM00000000000000000001',
    occurredAt: '2026-11-24T10:00:00.000Z',
    payload: {
      requisitionId: 'req_01JDEM00000000000000000001',
      title: 'T',
      createdBy: 'usr_01JDEM00000000000000000011',
    },
    expiresAt: 1_800_000_000,
  };
};

const invoke = (records: DynamoDBRecord[]) => handler({ Records: records }, {} as Context);

const relayedIds = () =>
  sqs
    .commandCalls(SendMessageBatchCommand)
    .flatMap((call) => call.args[0].input.Entries ?? [])
    .map((entry) => (JSON.parse(entry.MessageBody ?? '{}') as { eventId: string }).eventId);

describe('table stream handler', () => {
  beforeAll(() => {
    process.env.NOTIFICATIONS_QUEUE_URL = 'http://sqs.local/000000000000/notifications';
  });
  afterEach(() => {
    sqs.reset();
    s3.reset();
  });

  it('relays outbox inserts only, and reports nothing when all went out', async () => {
    // Arrange
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    const first = outboxImage();
    const second = outboxImage();
    const records = [
      record('INSERT', first),
      record('INSERT', { pk: 'x', sk: 'y', __edb_e__: 'requisition', __edb_v__: '1' }),
      record('MODIFY', outboxImage()),
      record('REMOVE', outboxImage()),
      record('INSERT', second),
    ];

    // Act
    const response = await invoke(records);

    // Assert
    expect(relayedIds()).toEqual([first.eventId, second.eventId]);
    expect(response).toEqual({ batchItemFailures: [] });
  });

  it('reports the first record whose event was not relayed, so the stream retries from it', async () => {
    // Arrange
    const images = [outboxImage(), outboxImage(), outboxImage()];
    const records = images.map((image) => record('INSERT', image));
    sqs.on(SendMessageBatchCommand).resolves({ Failed: [{ Id: '1', Code: 'InternalError', SenderFault: false }] });

    // Act
    const response = await invoke(records);

    // Assert
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: records[1]?.dynamodb?.SequenceNumber }] });
  });

  it('ignores a removal by a user, which is no expiry', async () => {
    // Arrange
    const removal = record('REMOVE', { pk: 'n', sk: 'n', __edb_e__: 'notification', __edb_v__: '1' });

    // Act
    const response = await invoke([removal]);

    // Assert
    expect(response).toEqual({ batchItemFailures: [] });
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(0);
  });

  it("erases an expired snapshot's image when TTL removes it, and has the stream retry when S3 fails", async () => {
    // Arrange
    process.env.BUCKET_NAME = 'files';
    const key =
      'tenant/tnt_01JDEM00000000000000000001/snapshots/tses_01JDEM00000000000000000001/snap_01JDEM00000000000000000001';
    const image = SnapshotEntity.create({
      tenantId: 'tnt_01JDEM00000000000000000001',
      snapshotId: 'snap_01JDEM00000000000000000001',
      testSessionId: 'tses_01JDEM00000000000000000001',
      assessmentId: 'asmt_01JDEM00000000000000000001',
      candidateId: 'cand_01JDEM00000000000000000001',
      objectKey: key,
      contentType: 'image/png',
      status: 'accepted',
      expiresAt: 1_700_000_000,
    }).params<{ Item: Record<string, unknown> }>().Item;
    const ttl = (): DynamoDBRecord => ({
      ...record('REMOVE', image),
      userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' },
    });
    s3.on(ListObjectVersionsCommand).resolves({ Versions: [{ Key: key, VersionId: 'v1' }] });
    s3.on(DeleteObjectsCommand).resolves({});
    const expired = ttl();

    // Act
    const handled = await invoke([expired]);
    s3.on(ListObjectVersionsCommand).rejects(new Error('S3 is down'));
    const failing = ttl();
    const failed = await invoke([failing]);

    // Assert
    expect(handled).toEqual({ batchItemFailures: [] });
    expect(s3.commandCalls(DeleteObjectsCommand)[0]?.args[0].input.Delete?.Objects).toEqual([
      { Key: key, VersionId: 'v1' },
    ]);
    expect(failed).toEqual({ batchItemFailures: [{ itemIdentifier: failing.dynamodb?.SequenceNumber }] });
  });
});
