import { claimCalendars, withBookingRetries } from '@assist-ten/core/interviews/booking';
import { ConflictError } from '@assist-ten/core/shared/errors';
import { transactWrite } from '@assist-ten/core/shared/transaction';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';

const dynamo = mockClient(DynamoDBDocumentClient);
afterEach(() => dynamo.reset());

const SLOT = { scheduledAt: '2030-03-04T09:00:00.000Z', endsAt: '2030-03-04T10:00:00.000Z' };
const LEAD = { participantId: 'usr_lead', role: 'lead' as const };

const lock = (version: number) => ({
  Item: { tenantId: 'tnt_demo', participantId: 'usr_lead', version, __edb_e__: 'participant_calendar', __edb_v__: '1' },
});

const entry = (interviewId: string, scheduledAt: string, endsAt: string, status = 'scheduled') => ({
  interviewId,
  scheduledAt,
  endsAt,
  status,
  __edb_e__: 'interview_calendar_entry',
  __edb_v__: '1',
});

/** DynamoDB's answer when the lock's condition (the only write here) failed. */
const lockMoved = () =>
  new TransactionCanceledException({
    message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed]',
    $metadata: {},
    CancellationReasons: [{ Code: 'ConditionalCheckFailed' }],
  });

/** One booking as the service makes it: claim the lead's calendar, then write the locks. */
const book = () =>
  withBookingRetries(async () => {
    const locks = await claimCalendars('tnt_demo', 'int_new', [LEAD], SLOT);
    await transactWrite(locks);
    return 'booked';
  });

describe('booking', () => {
  it('books a free slot, creating the calendar lock of someone never booked', async () => {
    // Arrange
    dynamo.on(GetCommand).resolves({});
    dynamo.on(QueryCommand).resolves({ Items: [] });
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    const result = await book();

    // Assert
    expect(result).toBe('booked');
    const [write] = dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(write?.Put?.ConditionExpression).toContain('attribute_not_exists');
  });

  it('raises the lock from the version it read, only if it is still that version', async () => {
    // Arrange
    dynamo.on(GetCommand).resolves(lock(4));
    dynamo.on(QueryCommand).resolves({ Items: [] });
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    await book();

    // Assert
    const [write] = dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(write?.Update?.ExpressionAttributeValues).toMatchObject({ ':version0': 4 });
  });

  it('refuses an overlapping slot with a 409 naming the conflict, and writes nothing', async () => {
    // Arrange
    dynamo.on(GetCommand).resolves(lock(1));
    dynamo
      .on(QueryCommand)
      .resolves({ Items: [entry('int_other', '2030-03-04T08:30:00.000Z', '2030-03-04T09:30:00.000Z')] });

    // Act
    const error = await book().catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).message).toContain('The lead interviewer (usr_lead) is already booked');
    expect((error as ConflictError).extensions).toEqual({
      conflicts: [
        {
          participantId: 'usr_lead',
          role: 'lead',
          interviewId: 'int_other',
          scheduledAt: '2030-03-04T08:30:00.000Z',
          endsAt: '2030-03-04T09:30:00.000Z',
        },
      ],
    });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('reads the calendar strongly consistently, from the longest interview before the slot to its end', async () => {
    // Arrange
    dynamo.on(GetCommand).resolves({});
    dynamo.on(QueryCommand).resolves({ Items: [] });
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    await book();

    // Assert
    const query = dynamo.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(query?.ConsistentRead).toBe(true);
    expect(query?.ExpressionAttributeValues).toMatchObject({
      ':sk1': expect.stringContaining('scheduledAt_2030-03-04T01:00:00.000Z'),
      ':sk2': expect.stringContaining('scheduledAt_2030-03-04T10:00:00.000Z'),
    });
    expect(dynamo.commandCalls(GetCommand)[0]?.args[0].input.ConsistentRead).toBe(true);
  });

  it('reads again when its lock moved, and then sees the booking that moved it', async () => {
    // Arrange
    dynamo.on(GetCommand).resolvesOnce({}).resolves(lock(1));
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [] })
      .resolves({ Items: [entry('int_winner', SLOT.scheduledAt, SLOT.endsAt)] });
    dynamo.on(TransactWriteCommand).rejects(lockMoved());

    // Act
    const error = await book().catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).extensions?.conflicts).toEqual([
      expect.objectContaining({ interviewId: 'int_winner' }),
    ]);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('gives up with a 409 "try again", not a 500, when it keeps losing the race', async () => {
    // Arrange
    dynamo.on(GetCommand).resolves({});
    dynamo.on(QueryCommand).resolves({ Items: [] });
    dynamo.on(TransactWriteCommand).rejects(lockMoved());

    // Act
    const error = await book().catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).message).toMatch(/try again/);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(8);
  });

  it('does not retry what is not a race: other failures pass through at once', async () => {
    // Arrange
    dynamo.on(GetCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));

    // Act
    const error = await book().catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ConflictError);
    expect(dynamo.commandCalls(GetCommand)).toHaveLength(1);
  });
});
