import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NotificationEvent } from '@assist-ten/core/events/catalogue';
import { newId } from '@assist-ten/core/shared/ids';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import type { LocalEmulators } from '../infra/local/emulators.ts';
import type { DynamoRequest, RequestCounter } from './ddb-counter.ts';
import { type Summary, summarise } from './stats.ts';

export interface ConsumerThroughput {
  events: number;
  /** Through the SQS emulator and the event-source poller, as `npm start` runs it. */
  viaQueueEventsPerSecond: number;
  /** The handler alone, fed batches of ten in process: what one warm Lambda can do. */
  inProcessEventsPerSecond: number;
  /** DynamoDB requests per event in the handler (one recipient, email on, no open connection). */
  requestsPerEvent: number;
}

export interface InboxLatency {
  list: Summary;
  unread: Summary;
  unreadCount: Summary;
  requests: Record<'list' | 'unread' | 'unreadCount', DynamoRequest[][]>;
}

const eventFor = (tenantId: string, actorId: string, recipientId: string, index: number): NotificationEvent => ({
  eventId: newId('event'),
  type: 'requisition.published',
  tenantId,
  occurredAt: new Date().toISOString(),
  actorId,
  payload: { requisitionId: 'req_01JDEM00000000000000000001', title: `Opening ${index}`, createdBy: recipientId },
});

type SqsHandler = (event: { Records: SQSRecord[] }, context: unknown) => Promise<unknown>;

const record = (event: NotificationEvent, index: number): SQSRecord =>
  ({
    messageId: `bench-${event.eventId}-${index}`,
    receiptHandle: '',
    body: JSON.stringify(event),
    attributes: { ApproximateReceiveCount: '1' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:bench',
    awsRegion: 'us-east-1',
  }) as unknown as SQSRecord;

/**
 * Events per second through the notifications consumer into inbox items and emails, with
 * the outbox of emails in a temp folder.
 */
export const measureConsumer = async (
  emulators: Pick<LocalEmulators, 'endpoints' | 'queues'>,
  tenantId: string,
  actorId: string,
  counter: RequestCounter,
  events = 500,
): Promise<ConsumerThroughput> => {
  process.env.EMAIL_OUTBOX_DIR = await mkdtemp(join(tmpdir(), 'bench-outbox-'));
  process.env.FRONTEND_BASE_URL ??= 'http://localhost:5173';
  const { freshRecipient } = await import('../test/support/recipients.ts');
  const recipient = async () => (await freshRecipient(tenantId)).userId;
  const { ownerOf, unreadOf } = await import('../test/support/inbox.ts');
  const unread = (userId: string) => unreadOf(ownerOf(tenantId, userId));
  const { handler } = (await import('../functions/queue/notifications/handler.ts')) as unknown as {
    handler: SqsHandler;
  };

  // The handler alone, batches of ten as Lambda would hand them over.
  const first = await recipient();
  const direct = Array.from({ length: events }, (_, index) => eventFor(tenantId, actorId, first, index));
  counter.take();
  const startedDirect = performance.now();
  for (let start = 0; start < events; start += 10) {
    await handler({ Records: direct.slice(start, start + 10).map(record) }, {});
  }
  const directSeconds = (performance.now() - startedDirect) / 1000;
  const requestsPerEvent = counter.take().length / events;

  // Through the queue: the local cloud's poller drains the real notifications queue.
  const second = await recipient();
  const queued = Array.from({ length: events }, (_, index) => eventFor(tenantId, actorId, second, index + events));
  const sqs = new SQSClient({ endpoint: emulators.endpoints.sqs });
  const { startQueuePoller } = await import('../infra/local/queue-poller.ts');
  const queue = emulators.queues.notifications;
  for (let start = 0; start < events; start += 10) {
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: queued
          .slice(start, start + 10)
          .map((event, index) => ({ Id: String(index), MessageBody: JSON.stringify(event) })),
      }),
    );
  }
  const startedQueue = performance.now();
  const poller = startQueuePoller({
    sqs,
    queueUrl: queue.url,
    queueArn: queue.arn,
    name: 'bench',
    handler: async () => handler as never,
  });
  try {
    while ((await unread(second)) < events) {
      if (performance.now() - startedQueue > 300_000) throw new Error('the queue did not drain within 5 minutes');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await poller.stop();
    sqs.destroy();
  }
  const queueSeconds = (performance.now() - startedQueue) / 1000;
  return {
    events,
    viaQueueEventsPerSecond: Math.round(events / queueSeconds),
    inProcessEventsPerSecond: Math.round(events / directSeconds),
    requestsPerEvent,
  };
};

/** The inbox as the frontend reads it over HTTP, with `size` notifications in it. */
export const measureInbox = async (
  baseUrl: string,
  token: string,
  owner: { tenantId: string; userId: string },
  counter: RequestCounter,
  { iterations = 500, warmup = 50, size = 500 } = {},
): Promise<InboxLatency> => {
  const { createNotification } = await import('@assist-ten/core/notifications/notification.service');
  for (let index = 0; index < size; index++) {
    await createNotification({
      ...owner,
      notificationId: newId('notification'),
      type: index % 3 === 0 ? 'interview' : 'application',
      title: `Notification ${index}`,
      message: 'Something happened that you may want to look at.',
      priority: 'normal',
    });
  }
  const paths = {
    list: '/api/v1/notifications?limit=25',
    unread: '/api/v1/notifications?unread=true&limit=25',
    unreadCount: '/api/v1/notifications/unread-count',
  } as const;
  const latency = {} as Record<keyof typeof paths, Summary>;
  const requests = {} as Record<keyof typeof paths, DynamoRequest[][]>;
  for (const [name, path] of Object.entries(paths) as [keyof typeof paths, string][]) {
    const samples: number[] = [];
    requests[name] = [];
    for (let i = 0; i < warmup + iterations; i++) {
      counter.take();
      const started = performance.now();
      const response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
      await response.arrayBuffer();
      const elapsed = performance.now() - started;
      const sent = counter.take();
      if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
      if (i >= warmup) {
        samples.push(elapsed);
        requests[name].push(sent);
      }
    }
    latency[name] = summarise(samples);
  }
  return { ...latency, requests };
};
