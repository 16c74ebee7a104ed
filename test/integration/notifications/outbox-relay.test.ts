import { eventWrite } from '@assist-ten/core/events/record';
import { documentClient } from '@assist-ten/core/shared/db';
import { newId } from '@assist-ten/core/shared/ids';
import { SQSClient } from '@aws-sdk/client-sqs';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable } from '../../../infra/local/emulators/dynamodb.ts';
import { type StreamLambda, startStreamPoller } from '../../../infra/local/stream-poller.ts';
import { createTestQueue, drain, eventually, type TestQueue } from '../../support/queues.ts';

/**
 * The outbox relay on a table and queue of this test's own (so the local cloud's own relay
 * does not deliver the events for it): the function dies in the middle of a batch, and
 * every event still reaches the queue once the stream is read again.
 */
const EVENTS = 40;
const KILLED_AFTER = 5;
const sqs = new SQSClient({});
const tableName = `relay-kill-${Date.now()}`;
let queue: TestQueue;
let poller: { stop(): Promise<void> } | undefined;

beforeAll(async () => {
  await ensureTable(process.env.AWS_ENDPOINT_URL_DYNAMODB ?? '', tableName, () => undefined);
  queue = await createTestQueue(sqs, tableName, { visibilityTimeoutSeconds: 30, maxReceiveCount: 5 });
  process.env.NOTIFICATIONS_QUEUE_URL = queue.url;
}, 60_000);
afterAll(() => poller?.stop());

/** Each event as a producer writes it: in a transaction, here with a marker item of its own. */
const writeEvent = async (tenantId: string, index: number): Promise<string> => {
  const eventId = newId('event');
  const write = eventWrite(
    { tenantId, userId: 'usr_01JDEM00000000000000000011' },
    'requisition.published',
    {
      requisitionId: newId('requisition'),
      title: `Opening ${index}`,
      createdBy: 'usr_01JDEM00000000000000000012',
    },
    eventId,
  );
  await documentClient.send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { ...(write.params as { Item: Record<string, unknown> }), TableName: tableName } },
        { Put: { TableName: tableName, Item: { pk: `marker#${eventId}`, sk: 'marker' } } },
      ],
    }),
  );
  return eventId;
};

describe('outbox relay', () => {
  it('delivers every event after the relay dies mid-batch', async () => {
    // Arrange
    const tenantId = newId('tenant');
    const written = [];
    for (let index = 0; index < EVENTS; index++) written.push(await writeEvent(tenantId, index));
    const { handler } = (await import('../../../functions/stream/table/handler.ts')) as { handler: StreamLambda };
    let deaths = 0;
    let sawBatch = 0;
    const dying: StreamLambda = async (event, context) => {
      sawBatch = Math.max(sawBatch, event.Records.length);
      if (deaths === 0) {
        deaths++;
        // The first records are relayed, then the execution environment is gone.
        await handler({ Records: event.Records.slice(0, KILLED_AFTER * 2) }, context);
        throw new Error('Runtime exited with error: signal: killed');
      }
      return handler(event, context);
    };

    // Act
    poller = startStreamPoller({
      endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB ?? '',
      tableName,
      name: 'relay-kill',
      handler: async () => dying,
    });
    const received: string[] = [];
    await eventually(
      async () => {
        for (const message of await drain(sqs, queue.url)) {
          received.push((JSON.parse(message.Body ?? '{}') as { eventId: string }).eventId);
        }
        return new Set(received).size >= EVENTS;
      },
      `all ${EVENTS} events in the queue`,
      30_000,
    );

    // Assert
    expect(deaths).toBe(1);
    expect(sawBatch).toBeGreaterThan(KILLED_AFTER * 2);
    expect(new Set(received)).toEqual(new Set(written));
    // What the dead execution had sent went again: at least once, never lost.
    expect(received.length).toBeGreaterThanOrEqual(EVENTS + KILLED_AFTER);
    expect(received.length).toBeLessThanOrEqual(EVENTS + KILLED_AFTER * 2);
  });
});
