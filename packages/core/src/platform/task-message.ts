import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ENV, requireEnv } from '../shared/env.ts';

// One client per process, made on first send: most requests of a function never enqueue work.
let sqs: SQSClient | undefined;

/**
 * Sends a background task's message to the tasks queue (TASKS_QUEUE_URL). The producer creates
 * the task first, in the transaction of its change, and sends the message (naming the task) after.
 */
export const sendTaskMessage = async (message: object): Promise<void> => {
  sqs ??= new SQSClient({});
  await sqs.send(
    new SendMessageCommand({ QueueUrl: requireEnv(ENV.tasksQueueUrl), MessageBody: JSON.stringify(message) }),
  );
};
