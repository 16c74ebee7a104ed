import { DeleteMessageBatchCommand, type Message, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { lambdaContext } from './gateway.ts';

export type SqsLambda = (event: SQSEvent, context: unknown) => Promise<SQSBatchResponse | undefined>;

export interface QueuePollerOptions {
  sqs: SQSClient;
  queueUrl: string;
  queueArn: string;
  name: string;
  handler: () => Promise<SqsLambda>;
  batchSize?: number;
  /** Long-poll wait; stop() returns within about this long. */
  waitTimeSeconds?: number;
  log?: (line: string) => void;
}

const toRecord = (message: Message, queueArn: string): SQSRecord => ({
  messageId: message.MessageId ?? '',
  receiptHandle: message.ReceiptHandle ?? '',
  body: message.Body ?? '',
  attributes: {
    ApproximateReceiveCount: message.Attributes?.ApproximateReceiveCount ?? '1',
    SentTimestamp: message.Attributes?.SentTimestamp ?? String(Date.now()),
    SenderId: message.Attributes?.SenderId ?? 'local',
    ApproximateFirstReceiveTimestamp: message.Attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
  },
  messageAttributes: {},
  md5OfBody: message.MD5OfBody ?? '',
  eventSource: 'aws:sqs',
  eventSourceARN: queueArn,
  awsRegion: 'us-east-1',
});

/**
 * What Lambda's SQS event source mapping does: receive a batch, invoke the consumer,
 * delete the records it did not report as failed. A consumer that throws fails the whole
 * batch, which then reappears after the visibility timeout and, past maxReceiveCount,
 * moves to the DLQ by the queue's redrive policy.
 */
export const startQueuePoller = (options: QueuePollerOptions): { stop(): Promise<void> } => {
  const controller = new AbortController();
  const log = options.log ?? (() => undefined);
  const pollOnce = async (): Promise<void> => {
    const received = await options.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: options.queueUrl,
        MaxNumberOfMessages: options.batchSize ?? 10,
        WaitTimeSeconds: options.waitTimeSeconds ?? 1,
        MessageSystemAttributeNames: ['All'],
        // The emulator answers ApproximateReceiveCount only to the older parameter; consumers
        // need the count to tell their last attempt.
        AttributeNames: ['All'],
      }),
      { abortSignal: controller.signal },
    );
    // The emulator may hand out one message twice in a batch. Lambda never passes a consumer
    // the same message twice in a batch, so it is processed once and every handle deleted.
    const handles = new Map<string, string[]>();
    for (const message of received.Messages ?? []) {
      handles.set(message.MessageId ?? '', [
        ...(handles.get(message.MessageId ?? '') ?? []),
        message.ReceiptHandle ?? '',
      ]);
    }
    const messages = [...new Map((received.Messages ?? []).map((message) => [message.MessageId, message])).values()];
    if (!messages.length) return;
    const records = messages.map((message) => toRecord(message, options.queueArn));
    let failed: Set<string>;
    try {
      const handler = await options.handler();
      const response = await handler(
        { Records: records },
        lambdaContext(`assist-ten-${options.name}`, records[0]?.messageId ?? ''),
      );
      failed = new Set(response?.batchItemFailures.map((failure) => failure.itemIdentifier) ?? []);
    } catch (error) {
      log(`${options.name}: consumer threw, the batch of ${records.length} will be retried: ${String(error)}`);
      return;
    }
    const done = records.filter((record) => !failed.has(record.messageId));
    if (done.length) {
      const deleted = await options.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: options.queueUrl,
          Entries: done
            .flatMap((record) => handles.get(record.messageId) ?? [])
            .map((receiptHandle, index) => ({ Id: String(index), ReceiptHandle: receiptHandle })),
        }),
      );
      for (const failure of deleted.Failed ?? []) {
        log(
          `${options.name}: could not delete a processed message (${failure.Code}: ${failure.Message}); it will be redelivered`,
        );
      }
    }
    if (failed.size) log(`${options.name}: ${failed.size} of ${records.length} records failed and will be retried`);
  };
  const loop = (async () => {
    while (!controller.signal.aborted) {
      try {
        await pollOnce();
      } catch (error) {
        if (controller.signal.aborted) break;
        log(`${options.name}: poll failed: ${String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  })();
  return {
    stop: async () => {
      controller.abort();
      await loop;
    },
  };
};
