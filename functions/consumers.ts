import type { QueueName } from '@assist-ten/core/shared/queues';

/** What a consumer's function may touch, beyond reading and writing the table. */
export interface ConsumerAccess {
  /** Queues it sends messages to. */
  sendsTo?: readonly QueueName[];
  /** Sends email through SES. */
  email?: boolean;
  /** Pushes to WebSocket connections. */
  realtime?: boolean;
}

interface ConsumerBase {
  /** Entry file, relative to the repository root. */
  entry: string;
  description: string;
  /** Records per invocation. */
  batchSize: number;
  /** Seconds Lambda may wait to fill a batch; low, since people wait for notifications. */
  maxBatchingWindowSeconds: number;
  timeoutSeconds: number;
  access: ConsumerAccess;
}

export interface QueueConsumer extends ConsumerBase {
  kind: 'queue';
  queue: QueueName;
  /** Concurrent invocations the queue may drive, so a burst cannot starve the API. */
  maxConcurrency: number;
}

export interface StreamConsumer extends ConsumerBase {
  kind: 'stream';
  name: string;
}

export type Consumer = QueueConsumer | StreamConsumer;

/**
 * Every function that is not an HTTP route: what drains each queue and what reads the
 * table's stream. CDK creates each function with its event source and grants; the local
 * cloud polls the same sources into the same handlers.
 */
export const CONSUMERS = [
  {
    kind: 'stream',
    name: 'table-stream',
    entry: 'functions/stream/table/handler.ts',
    description: 'Relays outbox events to their queue; settles unread counters of expired notifications',
    batchSize: 100,
    maxBatchingWindowSeconds: 0,
    timeoutSeconds: 30,
    access: { sendsTo: ['notifications'] },
  },
  {
    kind: 'queue',
    queue: 'notifications',
    entry: 'functions/queue/notifications/handler.ts',
    description: 'Turns domain events into inbox notifications, emails and WebSocket pushes',
    batchSize: 10,
    maxBatchingWindowSeconds: 1,
    // The queue's visibility timeout (180 s) is six times this, as AWS advises.
    timeoutSeconds: 30,
    maxConcurrency: 10,
    access: { email: true, realtime: true },
  },
  {
    kind: 'queue',
    queue: 'documents',
    entry: 'functions/queue/documents/handler.ts',
    description: 'Checks uploaded documents (size, magic bytes), reads their text and hands it to analysis',
    batchSize: 5,
    maxBatchingWindowSeconds: 1,
    // Reading a 10 MB PDF takes seconds; the queue's visibility timeout (360 s) is six times this, as AWS advises.
    timeoutSeconds: 60,
    // Each invocation holds up to five files in memory: a burst of uploads must not starve the API.
    maxConcurrency: 5,
    access: {},
  },
] as const satisfies readonly Consumer[];
