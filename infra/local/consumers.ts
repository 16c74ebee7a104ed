import { SQSClient } from '@aws-sdk/client-sqs';
import { CONSUMERS } from '../../functions/consumers.ts';
import { localClientConfig } from './emulators/aws.ts';
import type { LocalEmulators } from './emulators.ts';
import { type SqsLambda, startQueuePoller } from './queue-poller.ts';
import { type StreamLambda, startStreamPoller } from './stream-poller.ts';
import { type ScheduledLambda, startTimer } from './timer.ts';

/** Loads a consumer's handler module on first use, as one warm Lambda would keep it. */
const lazyHandler = <H>(entry: string): (() => Promise<H>) => {
  let loaded: Promise<H> | undefined;
  return () => {
    loaded ??= import(new URL(`../../${entry}`, import.meta.url).href).then((module: { handler: H }) => module.handler);
    return loaded;
  };
};

/**
 * Runs every consumer of functions/consumers.ts against the emulators: queues through the
 * SQS poller, the table's stream through the stream poller, schedules on a timer, into the
 * same handlers.
 */
export const startConsumers = (
  emulators: Pick<LocalEmulators, 'endpoints' | 'tableName' | 'queues'>,
  log?: (line: string) => void,
): { stop(): Promise<void> } => {
  const sqs = new SQSClient(localClientConfig(emulators.endpoints.sqs));
  const pollers = CONSUMERS.map((consumer) =>
    consumer.kind === 'schedule'
      ? startTimer({
          name: consumer.name,
          intervalMs: consumer.localIntervalSeconds * 1000,
          handler: lazyHandler<ScheduledLambda>(consumer.entry),
          ...(log ? { log } : {}),
        })
      : consumer.kind === 'queue'
        ? startQueuePoller({
            sqs,
            name: consumer.queue,
            queueUrl: emulators.queues[consumer.queue].url,
            queueArn: emulators.queues[consumer.queue].arn,
            batchSize: consumer.batchSize,
            handler: lazyHandler<SqsLambda>(consumer.entry),
            ...(log ? { log } : {}),
          })
        : startStreamPoller({
            endpoint: emulators.endpoints.dynamodb,
            tableName: emulators.tableName,
            name: consumer.name,
            batchSize: consumer.batchSize,
            handler: lazyHandler<StreamLambda>(consumer.entry),
            ...(log ? { log } : {}),
          }),
  );
  return {
    stop: async () => {
      await Promise.all(pollers.map((poller) => poller.stop()));
      sqs.destroy();
    },
  };
};
