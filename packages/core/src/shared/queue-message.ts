import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { requireEnv } from './env.ts';
import { QUEUES, type QueueName } from './queues.ts';

// One client per process, made on first send: most requests of a function never enqueue work.
let sqs: SQSClient | undefined;

/** Sends one JSON message to a queue of ours, at the URL its producer's environment names. */
export const sendQueueMessage = async (queue: QueueName, message: object): Promise<void> => {
  const definition = QUEUES.find((candidate) => candidate.name === queue);
  if (!definition) throw new Error(`Unknown queue ${queue}`);
  sqs ??= new SQSClient({});
  await sqs.send(
    new SendMessageCommand({ QueueUrl: requireEnv(definition.urlEnv), MessageBody: JSON.stringify(message) }),
  );
};
