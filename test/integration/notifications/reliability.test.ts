import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NotificationEvent } from '@assist-ten/core/events/catalogue';
import { newId } from '@assist-ten/core/shared/ids';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqsLambda } from '../../../infra/local/queue-poller.ts';
import { ownerOf, unreadOf, wholeInbox } from '../../support/inbox.ts';
import { createTestQueue, drain, eventually, pollTestQueue, type TestQueue } from '../../support/queues.ts';
import { freshRecipient } from '../../support/recipients.ts';
import { HOME } from '../../support/users.ts';
import { whoIs } from '../../support/whoami.ts';

/**
 * The notifications consumer, fed through the local event-source poller from a queue of
 * this test's own: 1,000 events, a tenth of them delivered twice, and 1% poison messages.
 */
const EVENTS = 1000;
const sqs = new SQSClient({});
let queue: TestQueue;
let outbox: string;
let poller: { stop(): Promise<void> };

beforeAll(async () => {
  outbox = await mkdtemp(join(tmpdir(), 'reliability-outbox-'));
  process.env.EMAIL_OUTBOX_DIR = outbox;
  // Four receives: a duplicate that met its twin in flight is retried once, and the emulator
  // may count a message handed out twice in one batch as two receives.
  queue = await createTestQueue(sqs, `notifications-reliability-${Date.now()}`, {
    visibilityTimeoutSeconds: 2,
    maxReceiveCount: 4,
  });
  const { handler } = (await import('../../../functions/queue/notifications/handler.ts')) as { handler: SqsLambda };
  poller = pollTestQueue(sqs, queue, 'notifications-reliability', handler);
}, 60_000);
afterAll(() => poller.stop());

const sendAll = async (bodies: readonly string[]) => {
  for (let start = 0; start < bodies.length; start += 10) {
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: bodies.slice(start, start + 10).map((body, index) => ({ Id: String(index), MessageBody: body })),
      }),
    );
  }
};

const shuffled = <T>(items: readonly T[]): T[] => {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
};

describe('notifications consumer reliability', () => {
  it('makes exactly one notification and one email per event, and dead-letters only the poison', async () => {
    // Arrange
    const { tenantId, userId: publisher } = await whoIs(HOME.recruiter);
    const recipient = await freshRecipient(tenantId);
    const events: NotificationEvent[] = Array.from({ length: EVENTS }, (_, index) => ({
      eventId: newId('event'),
      type: 'requisition.published',
      tenantId,
      occurredAt: new Date().toISOString(),
      actorId: publisher,
      payload: { requisitionId: newId('requisition'), title: `Opening ${index}`, createdBy: recipient.userId },
    }));
    const bodies = events.map((event) => JSON.stringify(event));
    const duplicates = bodies.filter((_, index) => index % 10 === 0);
    const poison = [
      ...Array.from({ length: 5 }, (_, index) => `not json ${index}`),
      ...Array.from({ length: 5 }, (_, index) =>
        JSON.stringify({ ...events[index], eventId: `evt_poison${index}`, type: 'requisition.exploded' }),
      ),
    ];

    // Act
    await sendAll(shuffled([...bodies, ...duplicates, ...poison]));

    // Assert
    const owner = ownerOf(tenantId, recipient.userId);
    await eventually(async () => (await unreadOf(owner)) >= EVENTS, `${EVENTS} notifications`, 240_000);
    const dead = new Map<string, string>();
    await eventually(
      async () => {
        for (const message of await drain(sqs, queue.dlqUrl)) dead.set(message.MessageId ?? '', message.Body ?? '');
        return dead.size >= poison.length;
      },
      'the poison messages in the DLQ',
      60_000,
    );
    // Duplicates still in flight settle before anything is counted.
    await new Promise((resolve) => setTimeout(resolve, 5_000));

    const inbox = await wholeInbox(owner);
    expect(inbox).toHaveLength(EVENTS);
    expect(new Set(inbox.map((notification) => notification.eventId))).toEqual(
      new Set(events.map((event) => event.eventId)),
    );
    expect(await unreadOf(owner)).toBe(EVENTS);
    expect((await readdir(outbox)).filter((file) => file.endsWith('.eml'))).toHaveLength(EVENTS);
    expect([...dead.values()].sort()).toEqual([...poison].sort());
    expect(await drain(sqs, queue.url)).toEqual([]);
    console.info(
      `reliability: ${bodies.length} events + ${duplicates.length} duplicate deliveries + ${poison.length} poison -> ` +
        `${inbox.length} notifications, ${EVENTS} emails, ${dead.size} dead letters`,
    );
  }, 360_000);
});
