import type { InterviewItem } from '@assist-ten/core/interviews/interview.entity';
import { REMINDER_SHARDS } from '@assist-ten/core/interviews/interview.model';
import { reminderOutcome, sweepDueReminders } from '@assist-ten/core/interviews/reminder-sweep';
import { DynamoDBDocumentClient, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';

const dynamo = mockClient(DynamoDBDocumentClient);
afterEach(() => dynamo.reset());

const NOW = '2026-12-01T13:30:00.000Z';

const anInterview = (overrides: Partial<InterviewItem> = {}): InterviewItem => ({
  tenantId: 'tnt_01JDEM00000000000000000001',
  interviewId: 'int_01JDEM00000000000000000001',
  candidateId: 'cand_01JDEM00000000000000000001',
  applicationId: 'app_01JDEM00000000000000000001',
  requisitionId: 'req_01JDEM00000000000000000001',
  interviewType: 'technical',
  interviewMode: 'video',
  status: 'scheduled',
  scheduledAt: '2026-12-01T14:30:00.000Z',
  durationMinutes: 60,
  endsAt: '2026-12-01T15:30:00.000Z',
  timeZone: 'Europe/Lisbon',
  candidateTimeZone: 'America/New_York',
  interviewerId: 'usr_01JDEM00000000000000000A04',
  additionalInterviewers: ['usr_01JDEM00000000000000000A05'],
  meetingLink: 'https://meet.example.test/abc',
  preparationNotes: 'Ask about the outage of 2024',
  round: 2,
  requisitionTitle: 'Staff Engineer',
  sequence: 1,
  remindAt: '2026-12-01T13:30:00.000Z',
  reminderShard: 'r1',
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
  createdBy: 'usr_01JDEM00000000000000000A02',
  updatedBy: 'usr_01JDEM00000000000000000A02',
  version: 3,
  ...overrides,
});

/** The item as DynamoDB returns it to ElectroDB. */
const stored = (item: InterviewItem) => ({ ...item, __edb_e__: 'interview_session', __edb_v__: '1' });

interface TransactItem {
  Put?: { Item: Record<string, unknown> };
  Update?: {
    UpdateExpression: string;
    ConditionExpression?: string;
    ExpressionAttributeNames: Record<string, string>;
    ExpressionAttributeValues: Record<string, unknown>;
  };
}

const transactions = (): TransactItem[][] =>
  dynamo.commandCalls(TransactWriteCommand).map((call) => (call.args[0].input.TransactItems ?? []) as TransactItem[]);

/** Answers the reminder index's Query of one shard with `items`, every other shard with nothing. */
const dueInShard = (shard: string, items: InterviewItem[]) =>
  dynamo.on(QueryCommand).callsFake((input: { ExpressionAttributeValues: Record<string, unknown> }) => ({
    Items: Object.values(input.ExpressionAttributeValues).some((value) =>
      String(value).includes(`reminderShard_${shard}`),
    )
      ? items.map(stored)
      : [],
  }));

const cancelled = () =>
  Object.assign(new Error('Transaction cancelled'), {
    name: 'TransactionCanceledException',
    CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }, { Code: 'None' }],
  });

describe('reminderOutcome', () => {
  it.each([
    ['a scheduled interview still ahead', {}, 'send'],
    ['a cancelled interview', { status: 'cancelled' as const }, 'drop'],
    ['an interview that began', { status: 'in_progress' as const }, 'drop'],
    ['an interview whose start passed (a late sweep)', { scheduledAt: '2026-12-01T13:00:00.000Z' }, 'drop'],
  ])('for %s is %s', (_, overrides, outcome) => {
    // Act / Assert
    expect(reminderOutcome(anInterview(overrides), NOW)).toBe(outcome);
  });
});

describe('sweepDueReminders', () => {
  it('asks every shard of the reminder index for what is due by now, a bounded batch each', async () => {
    // Arrange
    dueInShard('r0', []);

    // Act
    const report = await sweepDueReminders(NOW, 'reminders:1');

    // Assert
    const queries = dynamo.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(queries).toHaveLength(REMINDER_SHARDS);
    for (const [shard, query] of queries.entries()) {
      expect(query.IndexName).toBe('gsi4');
      expect(query.KeyConditionExpression).toContain('<=');
      expect(Object.values(query.ExpressionAttributeValues ?? {})).toEqual(
        expect.arrayContaining([`$assist-ten#reminderShard_r${shard}`, expect.stringContaining(NOW)]),
      );
      expect(query.Limit).toBe(100);
    }
    expect(report).toEqual({ due: 0, sent: 0 });
    expect(transactions()).toEqual([]);
  });

  it('records a due reminder once: the interview leaves the index, the event and its audit entry in one transaction', async () => {
    // Arrange
    const interview = anInterview();
    dueInShard('r1', [interview]);
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    const report = await sweepDueReminders(NOW, 'reminders:1');

    // Assert
    expect(report).toEqual({ due: 1, sent: 1 });
    const [writes = []] = transactions();
    expect(writes).toHaveLength(3);
    const update = writes[0]?.Update;
    expect(update?.UpdateExpression).toMatch(/REMOVE .*#remindAt/);
    expect(update?.UpdateExpression).toContain('#gsi4pk');
    expect(update?.ExpressionAttributeValues).toMatchObject({ ':reminderShard_u0': 'none' });
    // Only while it is as read: still scheduled, the same reminder time, the same version.
    const condition = update?.ConditionExpression ?? '';
    const values = update?.ExpressionAttributeValues ?? {};
    expect(condition).toContain('#status = ');
    expect(condition).toContain('#remindAt = ');
    expect(condition).toContain('#version = ');
    expect(Object.values(values)).toEqual(expect.arrayContaining(['scheduled', interview.remindAt, 3]));
    const event = writes[1]?.Put?.Item;
    expect(event).toMatchObject({ type: 'interview.reminder_due', tenantId: interview.tenantId });
    expect(event?.actorId).toBeUndefined();
    expect(event?.payload).toMatchObject({
      interviewId: interview.interviewId,
      sequence: 1,
      interviewerIds: ['usr_01JDEM00000000000000000A04', 'usr_01JDEM00000000000000000A05'],
    });
    expect(JSON.stringify(event)).not.toContain('outage');
    expect(writes[2]?.Put?.Item).toMatchObject({ action: 'interview.reminder_sent', entityId: interview.interviewId });
  });

  it('sends nothing for an interview another sweep, a move or a cancellation changed since it was read', async () => {
    // Arrange
    dueInShard('r2', [anInterview({ reminderShard: 'r2' })]);
    dynamo.on(TransactWriteCommand).rejects(cancelled());

    // Act
    const report = await sweepDueReminders(NOW, 'reminders:1');

    // Assert
    expect(report).toEqual({ due: 1, sent: 0 });
    expect(transactions()).toHaveLength(1);
  });

  it('takes a reminder no longer worth sending out of the index without an event', async () => {
    // Arrange
    dueInShard('r3', [anInterview({ reminderShard: 'r3', status: 'cancelled' })]);
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    const report = await sweepDueReminders(NOW, 'reminders:1');

    // Assert
    expect(report).toEqual({ due: 1, sent: 0 });
    const [writes = []] = transactions();
    expect(writes.map((write) => write.Put?.Item.type ?? write.Put?.Item.action ?? 'update')).toEqual([
      'update',
      'interview.reminder_dropped',
    ]);
  });

  it('fails the run on any other error, so the next run tries again', async () => {
    // Arrange
    dueInShard('r0', [anInterview({ reminderShard: 'r0' })]);
    dynamo.on(TransactWriteCommand).rejects(new Error('network down'));

    // Act / Assert
    await expect(sweepDueReminders(NOW, 'reminders:1')).rejects.toThrow('network down');
  });
});
