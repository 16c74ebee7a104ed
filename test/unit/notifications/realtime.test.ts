import { pushToUser } from '@assist-ten/core/notifications/realtime';
import { ENV } from '@assist-ten/core/shared/env';
import {
  ApiGatewayManagementApiClient,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { DeleteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

const managementApi = mockClient(ApiGatewayManagementApiClient);
const dynamo = mockClient(DynamoDBDocumentClient);
beforeAll(() => {
  vi.stubEnv(ENV.websocketCallbackUrl, 'https://abc123.execute-api.eu-west-1.amazonaws.com/dev');
});
afterEach(() => {
  managementApi.reset();
  dynamo.reset();
});

const TENANT = 'tnt_home';
const USER = 'usr_1';
const MESSAGE = { type: 'notification.created', notification: { id: 'ntf_1', title: 'Interview booked' } };

/** A stored connection item, as ElectroDB reads it back from gsi1. */
const stored = (connectionId: string) => ({
  connectionId,
  tenantId: TENANT,
  userId: USER,
  connectedAt: '2026-02-09T10:00:00.000Z',
  expiresAt: 4_000_000_000,
  __edb_e__: 'connection',
  __edb_v__: '1',
});

const connectionsAre = (...ids: string[]) => dynamo.on(QueryCommand).resolves({ Items: ids.map(stored) });

const gone = () => new GoneException({ message: 'Gone', $metadata: { httpStatusCode: 410 } });

const postedTo = () => managementApi.commandCalls(PostToConnectionCommand).map((call) => call.args[0].input);
const deletedKeys = () => dynamo.commandCalls(DeleteCommand).map((call) => String(call.args[0].input.Key?.pk));

describe('pushToUser', () => {
  it("sends the message as JSON to every one of the user's connections", async () => {
    // Arrange
    connectionsAre('conn-a=', 'conn-b=', 'conn-c=');
    managementApi.on(PostToConnectionCommand).resolves({});

    // Act
    const result = await pushToUser(TENANT, USER, MESSAGE);

    // Assert
    expect(result).toEqual({ delivered: 3, pruned: 0, failed: 0 });
    expect(postedTo().map((input) => input.ConnectionId)).toEqual(['conn-a=', 'conn-b=', 'conn-c=']);
    for (const input of postedTo()) {
      expect(JSON.parse(new TextDecoder().decode(input.Data as Uint8Array))).toEqual(MESSAGE);
    }
  });

  it('sends nothing when the user has no open connection', async () => {
    // Arrange
    connectionsAre();

    // Act
    const result = await pushToUser(TENANT, USER, MESSAGE);

    // Assert
    expect(result).toEqual({ delivered: 0, pruned: 0, failed: 0 });
    expect(postedTo()).toHaveLength(0);
  });

  it('deletes a connection API Gateway says is gone, and still delivers to the others', async () => {
    // Arrange
    connectionsAre('live=', 'stale=');
    managementApi.on(PostToConnectionCommand, { ConnectionId: 'stale=' }).rejects(gone());
    managementApi.on(PostToConnectionCommand, { ConnectionId: 'live=' }).resolves({});
    dynamo.on(DeleteCommand).resolves({});

    // Act
    const result = await pushToUser(TENANT, USER, MESSAGE);

    // Assert
    expect(result).toEqual({ delivered: 1, pruned: 1, failed: 0 });
    expect(deletedKeys()).toHaveLength(1);
    expect(deletedKeys()[0]).toContain('stale=');
  });

  it('counts other errors as failures, keeps the connection, and hands the error to onFailure', async () => {
    // Arrange
    connectionsAre('busy=');
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'LimitExceededException' });
    managementApi.on(PostToConnectionCommand).rejects(throttled);
    const onFailure = vi.fn();

    // Act
    const result = await pushToUser(TENANT, USER, MESSAGE, { onFailure });

    // Assert
    expect(result).toEqual({ delivered: 0, pruned: 0, failed: 1 });
    expect(deletedKeys()).toHaveLength(0);
    expect(onFailure).toHaveBeenCalledWith(throttled, 'busy=');
  });

  it('counts a prune that cannot be written as a failure instead of rejecting', async () => {
    // Arrange
    connectionsAre('stale=');
    managementApi.on(PostToConnectionCommand).rejects(gone());
    dynamo.on(DeleteCommand).rejects(new Error('DynamoDB is down'));

    // Act
    const result = await pushToUser(TENANT, USER, MESSAGE);

    // Assert
    expect(result).toEqual({ delivered: 0, pruned: 0, failed: 1 });
  });

  it('resolves with one failure when the connections cannot be listed: a push never fails its caller', async () => {
    // Arrange
    const outage = new Error('DynamoDB is down');
    dynamo.on(QueryCommand).rejects(outage);
    const onFailure = vi.fn();

    // Act
    const result = await pushToUser(TENANT, USER, MESSAGE, { onFailure });

    // Assert
    expect(result).toEqual({ delivered: 0, pruned: 0, failed: 1 });
    const [error, connectionId] = onFailure.mock.calls[0] ?? [];
    expect((error as Error).cause).toBe(outage);
    expect(connectionId).toBeUndefined();
    expect(postedTo()).toHaveLength(0);
  });
});
