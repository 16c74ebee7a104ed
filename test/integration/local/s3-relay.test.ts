import { ObjectCreatedEvent } from '@assist-ten/core/shared/object-created';
import { QUEUES } from '@assist-ten/core/shared/queues';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';

/** Against the run's local cloud: S3 writes reach the queues their keys route to. */
const s3 = new S3Client({ forcePathStyle: true });
const sqs = new SQSClient({});

const queueUrl = (name: (typeof QUEUES)[number]['name']) => {
  const definition = QUEUES.find((queue) => queue.name === name);
  return process.env[definition?.urlEnv ?? ''] ?? '';
};

/** Receives from a queue until a message about `key` arrives (other tests' messages are left alone). */
const awaitObjectEvent = async (name: 'documents' | 'proctoring', key: string, timeoutMs = 8000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl(name),
        MaxNumberOfMessages: 1,
        WaitTimeSeconds: 1,
        VisibilityTimeout: 0,
      }),
    );
    for (const message of Messages) {
      const event = ObjectCreatedEvent.parse(JSON.parse(message.Body ?? ''));
      if (event.detail.object.key === key) {
        await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl(name), ReceiptHandle: message.ReceiptHandle }));
        return event;
      }
    }
  }
  return undefined;
};

const put = (key: string, body: string) =>
  s3.send(new PutObjectCommand({ Bucket: process.env.BUCKET_NAME, Key: key, Body: body }));

describe('S3 ObjectCreated relay', () => {
  it('sends a document upload to the documents queue as an EventBridge Object Created event', async () => {
    const key = `tenant/tnt_relay/documents/usr_1/${Date.now()}.pdf`;

    await put(key, '%PDF-1.7 relay test');
    const event = await awaitObjectEvent('documents', key);

    expect(event).toMatchObject({
      'detail-type': 'Object Created',
      source: 'aws.s3',
      detail: { bucket: { name: process.env.BUCKET_NAME }, object: { key, size: 19 }, reason: 'PutObject' },
    });
  });

  it('routes snapshots to the proctoring queue and not to documents', async () => {
    const key = `tenant/tnt_relay/snapshots/ses_1/${Date.now()}.jpg`;

    await put(key, 'jpeg bytes');
    const proctoring = await awaitObjectEvent('proctoring', key);
    const documents = await awaitObjectEvent('documents', key, 1500);

    expect(proctoring?.detail.object.key).toBe(key);
    expect(documents).toBeUndefined();
  });
});
