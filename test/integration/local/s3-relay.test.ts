import { ObjectCreatedEvent } from '@assist-ten/core/shared/object-created';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../../infra/local/emulators/aws.ts';
import { type S3Local, startS3Local } from '../../../infra/local/emulators/s3.ts';
import type { LocalQueue } from '../../../infra/local/emulators/sqs.ts';
import { relayObjectCreated } from '../../../infra/local/s3-relay.ts';
import { createTestQueue, drain, eventually } from '../../support/queues.ts';

/**
 * The relay between an S3 emulator of this test's own and queues of its own in the run's SQS
 * emulator: the run's real queues have consumers that would take the messages first.
 */
const BUCKET = 'relay-test-bucket';
const sqs = new SQSClient({});
let s3Local: S3Local;
let s3: S3Client;
let queues: Record<'notifications' | 'documents' | 'proctoring' | 'tasks', LocalQueue>;

beforeAll(async () => {
  s3Local = await startS3Local({ port: 0, bucketName: BUCKET });
  s3 = new S3Client({ ...localClientConfig(s3Local.endpoint), forcePathStyle: true });
  const suffix = Date.now().toString(36);
  const make = (name: string) =>
    createTestQueue(sqs, `relay-${name}-${suffix}`, { visibilityTimeoutSeconds: 30, maxReceiveCount: 3 });
  const [notifications, documents, proctoring, tasks] = await Promise.all([
    make('notifications'),
    make('documents'),
    make('proctoring'),
    make('tasks'),
  ]);
  queues = { notifications, documents, proctoring, tasks };
  relayObjectCreated({ onObjectCreated: s3Local.onObjectCreated, queues }, sqs);
});

afterAll(async () => {
  await s3Local?.stop();
});

const put = (key: string, body: string) => s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));

/** Every Object Created event the queue got, until one is about `key`. */
const eventsOn = async (queue: LocalQueue, key: string) => {
  const events: ObjectCreatedEvent[] = [];
  await eventually(async () => {
    events.push(
      ...(await drain(sqs, queue.url)).map((message) => ObjectCreatedEvent.parse(JSON.parse(message.Body ?? ''))),
    );
    return events.some((event) => event.detail.object.key === key);
  }, `an event about ${key}`);
  return events;
};

describe('S3 ObjectCreated relay', () => {
  it('sends a document upload to the documents queue as an EventBridge Object Created event', async () => {
    const key = `tenant/tnt_relay/documents/usr_1/${Date.now()}.pdf`;

    await put(key, '%PDF-1.7 relay test');
    const [event] = await eventsOn(queues.documents, key);

    expect(event).toMatchObject({
      'detail-type': 'Object Created',
      source: 'aws.s3',
      detail: { bucket: { name: BUCKET }, object: { key, size: 19 }, reason: 'PutObject' },
    });
  });

  it('routes snapshots to the proctoring queue and nothing to the others', async () => {
    const key = `tenant/tnt_relay/snapshots/ses_1/${Date.now()}.jpg`;

    await put(key, 'jpeg bytes');
    const proctoring = await eventsOn(queues.proctoring, key);
    const others = [...(await drain(sqs, queues.documents.url)), ...(await drain(sqs, queues.notifications.url))];

    expect(proctoring.map((event) => event.detail.object.key)).toEqual([key]);
    expect(others).toEqual([]);
  });

  it('relays nothing for a key outside every pattern', async () => {
    const stray = `tenant/tnt_relay/elsewhere/${Date.now()}.txt`;
    const marker = `tenant/tnt_relay/documents/usr_1/${Date.now()}-marker.txt`;

    await put(stray, 'not routed');
    await put(marker, 'routed');
    const documents = await eventsOn(queues.documents, marker);

    expect(documents.map((event) => event.detail.object.key)).toEqual([marker]);
  });
});
