import type { QueueName } from '@assist-ten/core/shared/queues';
import type { FunctionAccess } from './access.ts';

interface ConsumerBase {
  /** Entry file, relative to the repository root. */
  entry: string;
  description: string;
  /** Records per invocation. */
  batchSize: number;
  /** Seconds Lambda may wait to fill a batch; low, since people wait for notifications. */
  maxBatchingWindowSeconds: number;
  timeoutSeconds: number;
  /** What it may touch beyond reading and writing the table. */
  access: FunctionAccess;
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
    access: { sendsTo: ['notifications', 'tasks'] },
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
    access: {
      // Reads the upload, deletes a rejected one, stores its text; the extractor may call Bedrock.
      files: { documents: ['read', 'delete'], 'document-text': ['write'] },
      bedrock: true,
    },
  },
  {
    kind: 'queue',
    queue: 'tasks',
    entry: 'functions/queue/tasks/handler.ts',
    description: 'Background work: candidate exports, and scoring skill matches again when skills change',
    batchSize: 5,
    maxBatchingWindowSeconds: 1,
    // Rescoring a requisition with thousands of applicants takes minutes; the queue's visibility
    // timeout (900 s) is six times this, as AWS advises.
    timeoutSeconds: 150,
    maxConcurrency: 5,
    access: {
      // An export reads the resumes' text and writes the export file; it shows decrypted contact details.
      files: { 'document-text': ['read'], exports: ['write'] },
      personalData: true,
    },
  },
] as const satisfies readonly Consumer[];
