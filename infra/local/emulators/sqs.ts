import type { Server } from 'node:http';
import { QUEUES, type QueueName } from '@assist-ten/core/shared/queues';
import { CreateQueueCommand, GetQueueAttributesCommand, type QueueAttributeName, SQSClient } from '@aws-sdk/client-sqs';
import { createSqsServer } from 'local-aws-sqs';
import { LOCAL_HOST } from '../ports.ts';
import { endpointUrl, localClientConfig } from './aws.ts';

/**
 * local-aws-sqs, in this process (JSON and query protocols). Queues and messages live in
 * memory only: they are recreated on every start, even with a persist directory.
 */

export interface LocalQueue {
  url: string;
  arn: string;
  dlqUrl: string;
}

export interface SqsLocal {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/** Suffix of each queue's dead-letter queue, as CDK tags it (infra/constructs/messaging.ts). */
export const DLQ_SUFFIX = '-dlq';
const DLQ_RETENTION_SECONDS = 14 * 24 * 3600;

export const startSqsLocal = async ({ port }: { port: number }): Promise<SqsLocal> => {
  // The emulator reads the port it actually bound, so 0 (OS-chosen) yields correct queue URLs.
  const server: Server = await createSqsServer({ port, hostname: LOCAL_HOST, emulateQueueCreationLifecycle: false });
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('SQS emulator is not listening');
  let stopping: Promise<void> | undefined;
  return {
    endpoint: endpointUrl(address.port),
    port: address.port,
    stop: () => {
      stopping ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return stopping;
    },
  };
};

const createQueue = async (
  client: SQSClient,
  name: string,
  attributes: Partial<Record<QueueAttributeName, string>>,
) => {
  const { QueueUrl: url } = await client.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  if (!url) throw new Error(`SQS emulator returned no URL for queue ${name}`);
  const { Attributes } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );
  const arn = Attributes?.QueueArn;
  if (!arn) throw new Error(`SQS emulator returned no ARN for queue ${name}`);
  return { url, arn };
};

/** Every queue of QUEUES with its DLQ, redrive policy and visibility timeout, as CDK creates them. */
export const createQueues = async (endpoint: string): Promise<Record<QueueName, LocalQueue>> => {
  const client = new SQSClient(localClientConfig(endpoint));
  try {
    const entries = await Promise.all(
      QUEUES.map(async (definition) => {
        const dlq = await createQueue(client, `${definition.name}${DLQ_SUFFIX}`, {
          MessageRetentionPeriod: String(DLQ_RETENTION_SECONDS),
        });
        const queue = await createQueue(client, definition.name, {
          VisibilityTimeout: String(definition.visibilityTimeoutSeconds),
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: definition.maxReceiveCount }),
        });
        return [definition.name, { url: queue.url, arn: queue.arn, dlqUrl: dlq.url }] as const;
      }),
    );
    return Object.fromEntries(entries) as Record<QueueName, LocalQueue>;
  } finally {
    client.destroy();
  }
};
