import type { OutboxEventItem } from '@assist-ten/core/events/outbox.entity';
import { relayEvents } from '@assist-ten/core/events/relay';
import { newId } from '@assist-ten/core/shared/ids';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

const sqs = mockClient(SQSClient);

const outboxEvent = (): OutboxEventItem => ({
  eventId: newId('event'),
  type: 'requisition.published',
  tenantId: 'tnt_01JDEM00000000000000000001',
  occurredAt: '2026-11-24T10:00:00.000Z',
  day: '2026-11-24',
  actorId: 'usr_01JDEM00000000000000000011',
  payload: { requisitionId: 'req_01JDEM00000000000000000001', title: 'T', createdBy: 'usr_01JDEM00000000000000000011' },
  expiresAt: 1_800_000_000,
});

const sentBodies = () =>
  sqs
    .commandCalls(SendMessageBatchCommand)
    .flatMap((call) => call.args[0].input.Entries ?? [])
    .map((entry) => JSON.parse(entry.MessageBody ?? '{}') as { eventId: string });

describe('relayEvents', () => {
  beforeAll(() => {
    process.env.NOTIFICATIONS_QUEUE_URL = 'http://sqs.local/000000000000/notifications';
    process.env.TASKS_QUEUE_URL = 'http://sqs.local/000000000000/tasks';
  });
  afterEach(() => sqs.reset());

  it('sends every event once, ten to a batch, as the message consumers parse', async () => {
    // Arrange
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    const events = Array.from({ length: 23 }, outboxEvent);

    // Act
    const { failed } = await relayEvents(events);

    // Assert
    expect(failed.size).toBe(0);
    const calls = sqs.commandCalls(SendMessageBatchCommand);
    expect(calls.map((call) => call.args[0].input.Entries?.length)).toEqual([10, 10, 3]);
    expect(calls[0]?.args[0].input.QueueUrl).toBe(process.env.NOTIFICATIONS_QUEUE_URL);
    expect(sentBodies().map((body) => body.eventId)).toEqual(events.map((event) => event.eventId));
    const [first] = sentBodies();
    expect(first).toEqual({
      eventId: events[0]?.eventId,
      type: 'requisition.published',
      tenantId: events[0]?.tenantId,
      occurredAt: events[0]?.occurredAt,
      actorId: events[0]?.actorId,
      payload: events[0]?.payload,
    });
  });

  it('reports the entries SQS refused', async () => {
    // Arrange
    const events = Array.from({ length: 3 }, outboxEvent);
    sqs.on(SendMessageBatchCommand).resolves({
      Successful: [],
      Failed: [{ Id: '1', Code: 'InternalError', SenderFault: false }],
    });

    // Act
    const { failed, errors } = await relayEvents(events);

    // Assert
    expect([...failed]).toEqual([events[1]?.eventId]);
    expect(errors).toHaveLength(1);
  });

  it('reports a whole batch whose call failed, and only that batch', async () => {
    // Arrange
    const events = Array.from({ length: 15 }, outboxEvent);
    sqs
      .on(SendMessageBatchCommand)
      .resolvesOnce({ Successful: [], Failed: [] })
      .rejectsOnce(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));

    // Act
    const { failed } = await relayEvents(events);

    // Assert
    expect(failed).toEqual(new Set(events.slice(10).map((event) => event.eventId)));
  });

  it("sends each event to its consumer's queue: news to notifications, work to tasks", async () => {
    // Arrange
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    const news = outboxEvent();
    const work: OutboxEventItem = {
      ...outboxEvent(),
      type: 'requisition.skills_changed',
      payload: { requisitionId: 'req_01JDEM00000000000000000001', version: 2 },
    };

    // Act
    const { failed } = await relayEvents([news, work]);

    // Assert
    expect(failed.size).toBe(0);
    const sent = sqs.commandCalls(SendMessageBatchCommand).map((call) => ({
      queue: call.args[0].input.QueueUrl,
      ids: (call.args[0].input.Entries ?? []).map((entry) => JSON.parse(entry.MessageBody ?? '{}').eventId),
    }));
    expect(sent).toEqual(
      expect.arrayContaining([
        { queue: 'http://sqs.local/000000000000/notifications', ids: [news.eventId] },
        { queue: 'http://sqs.local/000000000000/tasks', ids: [work.eventId] },
      ]),
    );
    expect(sent).toHaveLength(2);
  });
});
