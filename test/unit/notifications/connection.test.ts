import { ConnectionEntity } from '@assist-ten/core/notifications/connection.entity';
import {
  closeConnection,
  connectionsOf,
  MAX_CONNECTION_SECONDS,
  MAX_CONNECTIONS_PER_USER,
  openConnection,
} from '@assist-ten/core/notifications/connection.service';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { aPrincipal } from '../support/factories.ts';

const dynamo = mockClient(DynamoDBDocumentClient);
afterEach(() => dynamo.reset());

const CONNECTION_ID = 'Gq9_bcDEoAMCJpQ=';
const NOW = new Date('2026-02-09T10:00:00.000Z');
const NOW_SECONDS = Date.parse('2026-02-09T10:00:00.000Z') / 1000;

interface QueryParams {
  IndexName?: string;
  KeyConditionExpression?: string;
  ExpressionAttributeValues: Record<string, unknown>;
}

describe('ConnectionEntity', () => {
  it('keys a connection by its id alone (all $disconnect knows), case kept: connection ids are case-sensitive', () => {
    // Act
    const params = ConnectionEntity.get({ connectionId: CONNECTION_ID }).params<{ Key: { pk: string } }>();

    // Assert
    expect(params.Key.pk).toContain(CONNECTION_ID);
    expect(params.Key.pk).not.toContain(CONNECTION_ID.toLowerCase());
  });

  it("finds a user's connections on gsi1 by tenant and user, so another tenant's user of the same id is apart", () => {
    // Act
    const home = ConnectionEntity.query.byUser({ tenantId: 'tnt_home', userId: 'usr_1' }).params<QueryParams>();
    const other = ConnectionEntity.query.byUser({ tenantId: 'tnt_other', userId: 'usr_1' }).params<QueryParams>();

    // Assert
    expect(home.IndexName).toBe('gsi1');
    expect(String(home.ExpressionAttributeValues[':pk'])).toContain('tnt_home');
    expect(String(home.ExpressionAttributeValues[':pk'])).toContain('usr_1');
    expect(home.ExpressionAttributeValues[':pk']).not.toEqual(other.ExpressionAttributeValues[':pk']);
  });
});

describe('openConnection', () => {
  it("stores the caller's tenant and user, and an expiry past API Gateway's 2-hour limit", async () => {
    // Arrange
    dynamo.on(PutCommand).resolves({});

    // Act
    const connection = await openConnection(aPrincipal({ tenantId: 'tnt_home', userId: 'usr_1' }), CONNECTION_ID, NOW);

    // Assert
    const [put] = dynamo.commandCalls(PutCommand);
    expect(put?.args[0].input.Item).toMatchObject({
      connectionId: CONNECTION_ID,
      tenantId: 'tnt_home',
      userId: 'usr_1',
      connectedAt: '2026-02-09T10:00:00.000Z',
    });
    expect(connection.expiresAt).toBeGreaterThan(NOW_SECONDS + MAX_CONNECTION_SECONDS);
    expect(connection.expiresAt).toBeLessThanOrEqual(NOW_SECONDS + MAX_CONNECTION_SECONDS + 3600);
    expect(put?.args[0].input.Item?.expiresAt).toBe(connection.expiresAt);
  });

  it('fails when the write fails, so $connect refuses the socket instead of leaving it unreachable', async () => {
    // Arrange
    dynamo.on(PutCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));

    // Act / Assert
    await expect(openConnection(aPrincipal(), CONNECTION_ID, NOW)).rejects.toThrow('Rate exceeded');
  });
});

describe('closeConnection', () => {
  it('deletes the connection by its id', async () => {
    // Arrange
    dynamo.on(DeleteCommand).resolves({});

    // Act
    await closeConnection(CONNECTION_ID);

    // Assert
    const [deleted] = dynamo.commandCalls(DeleteCommand);
    expect(String(deleted?.args[0].input.Key?.pk)).toContain(CONNECTION_ID);
  });
});

describe('connectionsOf', () => {
  it('queries the user on gsi1, skips expired items TTL has not removed yet, and stops at the per-user bound', async () => {
    // Arrange
    dynamo.on(QueryCommand).resolves({ Items: [] });

    // Act
    await connectionsOf('tnt_home', 'usr_1', NOW);

    // Assert
    const [query] = dynamo.commandCalls(QueryCommand);
    const input = query?.args[0].input;
    expect(input?.IndexName).toBe('gsi1');
    expect(input?.FilterExpression).toContain('>');
    expect(Object.values(input?.ExpressionAttributeValues ?? {})).toContain(NOW_SECONDS);
    expect(input?.Limit).toBe(MAX_CONNECTIONS_PER_USER);
  });
});
