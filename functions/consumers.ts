import type { QueueName } from '@assist-ten/core/shared/queues';
import type { FunctionAccess } from './access.ts';

interface ConsumerBase {
  /** Entry file, relative to the repository root. */
  entry: string;
  description: string;
  timeoutSeconds: number;
  /** What it may touch beyond reading and writing the table. */
  access: FunctionAccess;
}

interface BatchConsumer extends ConsumerBase {
  /** Records per invocation. */
  batchSize: number;
  /** Seconds Lambda may wait to fill a batch; low, since people wait for notifications. */
  maxBatchingWindowSeconds: number;
}

export interface QueueConsumer extends BatchConsumer {
  kind: 'queue';
  queue: QueueName;
  /** Concurrent invocations the queue may drive, so a burst cannot starve the API. */
  maxConcurrency: number;
}

export interface StreamConsumer extends BatchConsumer {
  kind: 'stream';
  name: string;
}

/** A function a timer invokes (an EventBridge schedule on AWS, an interval locally). */
export interface ScheduleConsumer extends ConsumerBase {
  kind: 'schedule';
  name: string;
  rateMinutes: number;
  /** How often the local cloud invokes it: tighter than on AWS, so local waits are short. */
  localIntervalSeconds: number;
}

export type Consumer = QueueConsumer | StreamConsumer | ScheduleConsumer;

/**
 * Every function that is not an HTTP route: what drains each queue, what reads the
 * table's stream, and what a timer runs. CDK creates each function with its event source and grants; the local
 * cloud polls the same sources into the same handlers.
 */
export const CONSUMERS = [
  {
    kind: 'stream',
    name: 'table-stream',
    entry: 'functions/stream/table/handler.ts',
    description:
      'Relays outbox events to their queue; settles unread counters of expired notifications; deletes the images of expired snapshots',
    batchSize: 100,
    maxBatchingWindowSeconds: 0,
    timeoutSeconds: 30,
    access: { sendsTo: ['notifications', 'tasks'], files: { snapshots: ['delete'] } },
  },
  {
    kind: 'queue',
    queue: 'notifications',
    entry: 'functions/queue/notifications/handler.ts',
    description:
      "Turns domain events into inbox notifications, emails and WebSocket pushes; sends interviews' calendar invitations",
    batchSize: 10,
    maxBatchingWindowSeconds: 1,
    // The queue's visibility timeout (180 s) is six times this, as AWS advises.
    timeoutSeconds: 30,
    maxConcurrency: 10,
    // Calendar invitations go to the candidate too, whose address is encrypted.
    access: { email: true, realtime: true, personalData: true },
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
    queue: 'proctoring',
    entry: 'functions/queue/proctoring/handler.ts',
    description:
      'Checks and analyses uploaded snapshots; evaluates sessions: event severities, integrity scores, flags for review',
    batchSize: 10,
    maxBatchingWindowSeconds: 1,
    // An evaluation reads a session's events and writes the changed ones; the queue's
    // visibility timeout (180 s) is six times this, as AWS advises.
    timeoutSeconds: 30,
    // A burst of test pages must not starve the API of table capacity.
    maxConcurrency: 5,
    access: {
      // Reads a snapshot, deletes a refused one, tags an accepted one for the bucket's lifecycle rule.
      files: { snapshots: ['read', 'delete', 'tag'] },
      faceAnalysis: true,
    },
  },
  {
    kind: 'queue',
    queue: 'tasks',
    entry: 'functions/queue/tasks/handler.ts',
    description:
      'Background work: candidate exports, bulk invitations, question generation, scoring test sessions, and scoring skill matches again',
    batchSize: 5,
    maxBatchingWindowSeconds: 1,
    // Rescoring a requisition with thousands of applicants takes minutes; the queue's visibility
    // timeout (900 s) is six times this, as AWS advises.
    timeoutSeconds: 150,
    maxConcurrency: 5,
    access: {
      // An export reads the resumes' text and writes the export file; it shows decrypted contact details.
      files: { 'document-text': ['read'], exports: ['write'] },
      // Exports show decrypted contact details; invitations are emailed to the candidate's address.
      personalData: true,
      email: true,
      // Question generation and the scoring of text answers call the stage's model, when it names one.
      bedrock: true,
    },
  },
  {
    kind: 'schedule',
    name: 'test-session-sweep',
    entry: 'functions/schedule/test-session-sweep/handler.ts',
    description: 'Submits test sessions whose deadline passed without a submission, so none stays open',
    // Each run takes what is due now; a backlog after an outage is worked off over a few runs.
    rateMinutes: 1,
    localIntervalSeconds: 2,
    timeoutSeconds: 50,
    access: {},
  },
  {
    kind: 'schedule',
    name: 'interview-reminders',
    entry: 'functions/schedule/interview-reminders/handler.ts',
    description: "Records the reminder of every interview whose tenant's lead time before its start has come",
    // A reminder is at most a minute late; a backlog after an outage is worked off over a few runs.
    rateMinutes: 1,
    localIntervalSeconds: 2,
    timeoutSeconds: 50,
    access: {},
  },
] as const satisfies readonly Consumer[];
