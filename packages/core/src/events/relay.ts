import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { requireEnv } from '../shared/env.ts';
import { QUEUES, type QueueName } from '../shared/queues.ts';
import { EVENT_QUEUES } from './catalogue.ts';
import type { OutboxEventItem } from './outbox.entity.ts';

/** SendMessageBatch takes at most ten entries. */
const SQS_BATCH = 10;

let client: SQSClient | undefined;

const urlOf = (queue: QueueName): string => {
  const definition = QUEUES.find((candidate) => candidate.name === queue);
  if (!definition) throw new Error(`Unknown queue ${queue}`);
  return requireEnv(definition.urlEnv);
};

/** The event as consumers receive it: the outbox item without its storage fields. */
export const messageOf = (event: OutboxEventItem) => ({
  eventId: event.eventId,
  type: event.type,
  tenantId: event.tenantId,
  occurredAt: event.occurredAt,
  ...(event.actorId ? { actorId: event.actorId } : {}),
  payload: event.payload,
});

interface ChunkResult {
  failed: string[];
  error?: unknown;
}

const sendChunk = async (queue: QueueName, chunk: readonly OutboxEventItem[]): Promise<ChunkResult> => {
  client ??= new SQSClient({});
  try {
    const result = await client.send(
      new SendMessageBatchCommand({
        QueueUrl: urlOf(queue),
        Entries: chunk.map((event, index) => ({
          Id: String(index),
          MessageBody: JSON.stringify(messageOf(event)),
          MessageAttributes: { eventType: { DataType: 'String', StringValue: event.type } },
        })),
      }),
    );
    const failed = (result.Failed ?? []).map((failure) => chunk[Number(failure.Id)]?.eventId ?? '');
    return failed.length ? { failed, error: result.Failed } : { failed };
  } catch (error) {
    // Nothing of this chunk is known to be sent: the stream redelivers all of it.
    return { failed: chunk.map((event) => event.eventId), error };
  }
};

/**
 * Forwards outbox events to the queue of their consumer (EVENT_QUEUES in the catalogue).
 * Returns the ids of the events that were not accepted, so the stream redelivers them; an
 * event sent twice (a retry after a partial failure) is harmless, consumers are idempotent.
 */
export const relayEvents = async (
  events: readonly OutboxEventItem[],
): Promise<{ failed: Set<string>; errors: unknown[] }> => {
  const byQueue = new Map<QueueName, OutboxEventItem[]>();
  for (const event of events) {
    const queue = EVENT_QUEUES[event.type];
    byQueue.set(queue, [...(byQueue.get(queue) ?? []), event]);
  }
  const chunks: [QueueName, OutboxEventItem[]][] = [];
  for (const [queue, queued] of byQueue) {
    for (let start = 0; start < queued.length; start += SQS_BATCH) {
      chunks.push([queue, queued.slice(start, start + SQS_BATCH)]);
    }
  }
  const results = await Promise.all(chunks.map(([queue, chunk]) => sendChunk(queue, chunk)));
  return {
    failed: new Set(results.flatMap((result) => result.failed)),
    errors: results.flatMap((result) => (result.error === undefined ? [] : [result.error])),
  };
};
