import { createSqsHandler } from '@assist-ten/lambda-kit/sqs/consumer';
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { createTestQueue, eventually, pollTestQueue } from '../../support/queues.ts';

/**
 * The SQS consumer kit and the local event-source poller against the real SQS emulator
 * and DynamoDB Local, on a queue of this test's own with a short visibility timeout.
 */
const sqs = new SQSClient({});
const name = `consumer-test-${Date.now()}`;
let queueUrl = '';
let queueArn = '';
let dlqUrl = '';
const processed: string[] = [];

const handler = createSqsHandler({
  queue: name,
  schema: z.object({ eventId: z.string(), fail: z.optional(z.boolean()) }),
  idempotencyKey: (message) => message.eventId,
  process: async (message) => {
    if (message.fail) throw new Error(`event ${message.eventId} cannot be processed`);
    processed.push(message.eventId);
  },
});

let poller: { stop(): Promise<void> };

beforeAll(async () => {
  // Max receives above 2: the emulator can hand one message out twice in a batch, counting two
  // receives, and moves a deleted message to the DLQ if its count had reached the maximum.
  ({
    url: queueUrl,
    arn: queueArn,
    dlqUrl,
  } = await createTestQueue(sqs, name, {
    visibilityTimeoutSeconds: 1,
    maxReceiveCount: 3,
  }));
  poller = pollTestQueue(sqs, { url: queueUrl, arn: queueArn }, name, handler);
});
afterAll(() => poller.stop());

const send = (body: string) => sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));

/** Peeks at the DLQ (visibility 0 leaves messages there), keyed by message id. */
const dlqBodies = async (): Promise<Map<string, string>> => {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }),
  );
  return new Map(Messages.map((message) => [message.MessageId ?? '', message.Body ?? '']));
};

describe('SQS consumer kit through the local poller', () => {
  it('processes an event once even when it is delivered twice', async () => {
    await send(JSON.stringify({ eventId: 'evt-dup' }));
    await eventually(() => processed.includes('evt-dup'), 'evt-dup processed');

    // The same event again, as SQS's at-least-once delivery or a retrying producer would send it.
    await send(JSON.stringify({ eventId: 'evt-dup' }));
    await send(JSON.stringify({ eventId: 'evt-other' }));
    await eventually(() => processed.includes('evt-other'), 'evt-other processed');
    await new Promise((resolve) => setTimeout(resolve, 1500));

    expect(processed.filter((id) => id === 'evt-dup')).toHaveLength(1);
    expect([...(await dlqBodies()).values()]).toEqual([]);
  });

  it('retries only the failing record and moves it, and poison messages, to the DLQ', async () => {
    await send(JSON.stringify({ eventId: 'evt-broken', fail: true }));
    await send('this is not json');
    await send(JSON.stringify({ unexpected: 'shape' }));
    await send(JSON.stringify({ eventId: 'evt-fine' }));

    const dead = new Map<string, string>();
    await eventually(
      async () => {
        for (const [id, body] of await dlqBodies()) dead.set(id, body);
        return dead.size >= 3;
      },
      'three dead letters',
      25_000,
    );

    expect(processed).toContain('evt-fine');
    expect(processed).not.toContain('evt-broken');
    expect([...dead.values()].sort()).toEqual(
      [
        JSON.stringify({ eventId: 'evt-broken', fail: true }),
        JSON.stringify({ unexpected: 'shape' }),
        'this is not json',
      ].sort(),
    );
  });
});
