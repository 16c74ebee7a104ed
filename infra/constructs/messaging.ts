import { QUEUES, type QueueDefinition, type QueueName } from '@assist-ten/core/shared/queues';
import { Duration, Tags } from 'aws-cdk-lib';
import { Match, Rule } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { pascalCase } from './names.ts';

/** Tag on every queue and dead-letter queue: physical names are generated, this says what it is. */
export const QUEUE_TAG = 'assist-ten:queue';

export interface ManagedQueue {
  readonly definition: QueueDefinition;
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
}

export interface MessagingProps {
  /** The bucket whose S3 Object Created events (through EventBridge) feed the queues that ask for them. */
  readonly bucket: IBucket;
}

/**
 * The queues of `core/shared/queues`, each with an encrypted, TLS-only dead-letter queue
 * and a redrive policy, and the EventBridge rules that route S3 uploads to them by key.
 */
export class Messaging extends Construct {
  readonly queues: readonly ManagedQueue[];

  constructor(scope: Construct, id: string, { bucket }: MessagingProps) {
    super(scope, id);
    const definitions: readonly QueueDefinition[] = QUEUES;
    this.queues = definitions.map((definition) => this.addQueue(definition, bucket));
  }

  queue(name: QueueName): ManagedQueue {
    const found = this.queues.find((managed) => managed.definition.name === name);
    if (!found) throw new Error(`No queue named ${name}`);
    return found;
  }

  private addQueue(definition: QueueDefinition, bucket: IBucket): ManagedQueue {
    const id = pascalCase(definition.name);
    const deadLetterQueue = new Queue(this, `${id}DeadLetterQueue`, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const queue = new Queue(this, `${id}Queue`, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
      deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: definition.maxReceiveCount },
    });
    Tags.of(queue).add(QUEUE_TAG, definition.name);
    Tags.of(deadLetterQueue).add(QUEUE_TAG, `${definition.name}-dlq`);

    if (definition.objectCreatedKeyPattern !== undefined) {
      // Keys are tenant/<tenantId>/<kind>/..., so the kind sits after a variable segment:
      // an S3 notification prefix filter cannot select it, an EventBridge wildcard can.
      new Rule(this, `${id}ObjectCreated`, {
        description: `S3 Object Created under ${definition.objectCreatedKeyPattern} to the ${definition.name} queue`,
        eventPattern: {
          source: ['aws.s3'],
          detailType: ['Object Created'],
          detail: {
            bucket: { name: [bucket.bucketName] },
            object: { key: Match.wildcard(definition.objectCreatedKeyPattern) },
          },
        },
        // An event EventBridge cannot deliver lands in the DLQ, whose alarm reports it.
        targets: [new SqsQueue(queue, { deadLetterQueue, retryAttempts: 10, maxEventAge: Duration.hours(2) })],
      });
    }
    return { definition, queue, deadLetterQueue };
  }
}
