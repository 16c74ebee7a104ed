import { eventWrite } from '@assist-ten/core/events/record';
import { replayEvents } from '@assist-ten/core/events/replay';
import { newId } from '@assist-ten/core/shared/ids';
import { transactWrite } from '@assist-ten/core/shared/transaction';
import { SQSClient } from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestQueue, drain, type TestQueue } from '../../support/queues.ts';

/**
 * The operator's replay of a time range of outbox events, into a queue of this test's own
 * (the replay relays to NOTIFICATIONS_QUEUE_URL, pointed at it for this file only).
 */
const sqs = new SQSClient({});
let queue: TestQueue;
const tenantA = newId('tenant');
const tenantB = newId('tenant');
const actor = { tenantId: tenantA, userId: newId('user') };
const written: { eventId: string; tenantId: string; type: string }[] = [];
let from = '';
let to = '';

const record = async (tenantId: string, type: 'requisition.published' | 'user.roles_changed') => {
  const eventId = newId('event');
  await transactWrite([
    type === 'requisition.published'
      ? eventWrite(
          { ...actor, tenantId },
          type,
          { requisitionId: newId('requisition'), title: 'Opening', createdBy: actor.userId },
          eventId,
        )
      : eventWrite({ ...actor, tenantId }, type, { userId: actor.userId, before: [], after: ['admin'] }, eventId),
  ]);
  written.push({ eventId, tenantId, type });
};

const queued = async () =>
  (await drain(sqs, queue.url)).map((message) => (JSON.parse(message.Body ?? '{}') as { eventId: string }).eventId);

beforeAll(async () => {
  queue = await createTestQueue(sqs, `replay-${Date.now()}`, { visibilityTimeoutSeconds: 30, maxReceiveCount: 5 });
  process.env.NOTIFICATIONS_QUEUE_URL = queue.url;
  from = new Date(Date.now() - 1000).toISOString();
  for (let index = 0; index < 3; index++) await record(tenantA, 'requisition.published');
  await record(tenantA, 'user.roles_changed');
  await record(tenantB, 'requisition.published');
  to = new Date(Date.now() + 1000).toISOString();
});

describe('replayEvents', () => {
  it("sends one tenant's events of a time range to the queue again, and nothing else", async () => {
    // Act
    const report = await replayEvents({ from, to, tenantId: tenantA });

    // Assert
    const ofA = written.filter((event) => event.tenantId === tenantA).map((event) => event.eventId);
    expect(report).toEqual({ found: 4, sent: 4, failed: [] });
    expect((await queued()).sort()).toEqual([...ofA].sort());
  });

  it('narrows to one event type', async () => {
    // Act
    const report = await replayEvents({ from, to, tenantId: tenantA, type: 'user.roles_changed' });

    // Assert
    expect(report.sent).toBe(1);
    expect(await queued()).toEqual(
      written.filter((event) => event.type === 'user.roles_changed').map((e) => e.eventId),
    );
  });

  it('only counts in a dry run, and finds nothing before the range', async () => {
    // Act
    const dry = await replayEvents({ from, to, tenantId: tenantB }, { dryRun: true });
    const earlier = await replayEvents({ from: '2026-01-01T00:00:00Z', to: from, tenantId: tenantA });

    // Assert
    expect(dry).toEqual({ found: 1, sent: 0, failed: [] });
    expect(earlier.found).toBe(0);
    expect(await queued()).toEqual([]);
  });
});
