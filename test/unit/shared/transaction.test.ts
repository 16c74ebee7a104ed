import { ConflictError, NotFoundError } from '@assist-ten/core/shared/errors';
import { put, transactWrite, update } from '@assist-ten/core/shared/transaction';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';

const dynamo = mockClient(DynamoDBDocumentClient);
afterEach(() => dynamo.reset());

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: `Transaction cancelled [${codes.join(', ')}]`,
    $metadata: {},
    CancellationReasons: codes.map((Code) =>
      Code === 'ConditionalCheckFailed' ? { Code, Item: { maxUsers: { N: '5' } } } : { Code },
    ),
  });

const writes = () => [
  put({ TableName: 't', Item: { pk: 'a' } }, () => new NotFoundError('first')),
  update(
    { TableName: 't', Key: { pk: 'b' }, ReturnValues: 'ALL_NEW' },
    (item) => new ConflictError(`limit ${JSON.stringify(item)}`),
  ),
  put({ TableName: 't', Item: { pk: 'c' } }),
];

describe('transactWrite', () => {
  it('sends every write in one TransactWriteItems call, asking for the old item where an error needs it', async () => {
    // Arrange
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    await transactWrite(writes());

    // Assert
    const [call] = dynamo.commandCalls(TransactWriteCommand);
    const items = call?.args[0].input.TransactItems ?? [];
    expect(items).toHaveLength(3);
    expect(items[0]?.Put?.ReturnValuesOnConditionCheckFailure).toBe('ALL_OLD');
    expect(items[1]?.Update).not.toHaveProperty('ReturnValues');
    expect(items[2]?.Put).not.toHaveProperty('ReturnValuesOnConditionCheckFailure');
  });

  it('sends nothing when there is nothing to write, which DynamoDB would refuse', async () => {
    // Arrange
    dynamo.on(TransactWriteCommand).rejects(new Error('The TransactItems list is empty'));

    // Act
    await transactWrite([]);

    // Assert
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('raises the error of the write whose condition failed, with the item as it was', async () => {
    // Arrange
    dynamo.on(TransactWriteCommand).callsFake(() => {
      throw cancelled('None', 'ConditionalCheckFailed', 'None');
    });

    // Act
    const error = await transactWrite(writes()).catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toBe('limit {"maxUsers":{"N":"5"}}');
  });

  it('retries a conflict with a concurrent transaction, then succeeds', async () => {
    // Arrange
    dynamo
      .on(TransactWriteCommand)
      .callsFakeOnce(() => {
        throw cancelled('TransactionConflict', 'None', 'None');
      })
      .resolves({});

    // Act
    await transactWrite(writes());

    // Assert
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(2);
  });

  it('gives up on persistent conflicts with a 409 after three attempts', async () => {
    // Arrange
    dynamo.on(TransactWriteCommand).callsFake(() => {
      throw cancelled('TransactionConflict', 'None', 'None');
    });

    // Act
    const error = await transactWrite(writes()).catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(ConflictError);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(3);
  });

  it('passes on any other failure untouched', async () => {
    // Arrange
    const outage = new Error('ServiceUnavailable');
    dynamo.on(TransactWriteCommand).rejects(outage);

    // Act
    const error = await transactWrite(writes()).catch((caught: unknown) => caught);

    // Assert
    expect(error).toBe(outage);
  });
});
