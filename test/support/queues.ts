import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';

import { type SqsLambda, startQueuePoller } from '../../infra/local/queue-poller.ts';

export interface TestQueue {
  url: string;
  arn: string;
  dlqUrl: string;
}

const arnOf = async (sqs: SQSClient, url: string): Promise<string> =>
  (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }))).Attributes
    ?.QueueArn ?? '';

/**
 * A queue of one test's own in the SQS emulator, with a DLQ and a short visibility timeout
 * so retries happen within the test.
 */
export const createTestQueue = async (
  sqs: SQSClient,
  name: string,
  options: { visibilityTimeoutSeconds: number; maxReceiveCount: number },
): Promise<TestQueue> => {
  const dlqUrl = (await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }))).QueueUrl ?? '';
  const url =
    (
      await sqs.send(
        new CreateQueueCommand({
          QueueName: name,
          Attributes: {
            VisibilityTimeout: String(options.visibilityTimeoutSeconds),
            RedrivePolicy: JSON.stringify({
              deadLetterTargetArn: await arnOf(sqs, dlqUrl),
              maxReceiveCount: options.maxReceiveCount,
            }),
          },
        }),
      )
    ).QueueUrl ?? '';
  return { url, arn: await arnOf(sqs, url), dlqUrl };
};

/** Receives and deletes what the queue holds now (at most `max` messages). */
export const drain = async (sqs: SQSClient, url: string, max = 10_000): Promise<Message[]> => {
  const taken: Message[] = [];
  while (taken.length < max) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    if (!Messages.length) break;
    taken.push(...Messages);
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: Messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle ?? '' })),
      }),
    );
  }
  return taken;
};

/** Waits until `check` holds, polling; fails with `what` after the timeout. */
export const eventually = async (
  check: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Not in time: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

/** Drains a test queue into `handler` as Lambda's event source would, until stopped. */
export const pollTestQueue = (sqs: SQSClient, queue: Pick<TestQueue, 'url' | 'arn'>, name: string, handler: unknown) =>
  startQueuePoller({
    sqs,
    queueUrl: queue.url,
    queueArn: queue.arn,
    name,
    handler: async () => handler as SqsLambda,
    waitTimeSeconds: 1,
  });
