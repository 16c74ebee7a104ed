import { ENV, type EnvName } from './env.ts';

/**
 * The queues of the system, as data: CDK creates them (each with its DLQ and alarm),
 * the local cloud creates them in the SQS emulator and polls them into the same
 * consumers. Each consumer context owns one queue.
 */
export interface QueueDefinition {
  /** Logical name, also the consumer context that drains it. */
  name: string;
  /** Seconds a received message stays invisible; at least 6x the consumer's timeout on AWS. */
  visibilityTimeoutSeconds: number;
  /** Receives before a message is moved to the dead-letter queue. */
  maxReceiveCount: number;
  /** Environment variable that carries the queue URL to producers. */
  urlEnv: EnvName;
  /**
   * Object keys whose S3 ObjectCreated events this queue receives, as an EventBridge
   * wildcard (the tenant sits before the kind in a key, so a prefix filter cannot route).
   */
  objectCreatedKeyPattern?: string;
}

export const QUEUES = [
  { name: 'notifications', visibilityTimeoutSeconds: 180, maxReceiveCount: 5, urlEnv: ENV.notificationsQueueUrl },
  {
    name: 'documents',
    visibilityTimeoutSeconds: 360,
    maxReceiveCount: 3,
    urlEnv: ENV.documentsQueueUrl,
    objectCreatedKeyPattern: 'tenant/*/documents/*',
  },
  {
    name: 'proctoring',
    visibilityTimeoutSeconds: 180,
    maxReceiveCount: 5,
    urlEnv: ENV.proctoringQueueUrl,
    objectCreatedKeyPattern: 'tenant/*/snapshots/*',
  },
  // Background work nobody waits for in a request: exports, rematching a requisition's applicants.
  { name: 'tasks', visibilityTimeoutSeconds: 900, maxReceiveCount: 3, urlEnv: ENV.tasksQueueUrl },
] as const satisfies readonly QueueDefinition[];

export type QueueName = (typeof QUEUES)[number]['name'];
