import {
  ApiGatewayManagementApiClient,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { ENV, requireEnv } from '../shared/env.ts';
import { closeConnection, connectionsOf } from './connection.service.ts';

/** What one push did: sockets reached, stale ones forgotten, and the rest (throttled, too large, ...). */
export interface PushResult {
  delivered: number;
  pruned: number;
  failed: number;
}

export interface PushOptions {
  /** Gets every failure, for the caller to log (core has no logger); the push goes on. */
  onFailure?: (error: unknown, connectionId: string | undefined) => void;
}

// Created on first use, not at import: the inbox API imports this module but never pushes.
let client: ApiGatewayManagementApiClient | undefined;
const managementApi = (): ApiGatewayManagementApiClient => {
  client ??= new ApiGatewayManagementApiClient({ endpoint: requireEnv(ENV.websocketCallbackUrl) });
  return client;
};

type Outcome = keyof PushResult;

const isGone = (error: unknown): boolean =>
  error instanceof GoneException || (error instanceof Error && error.name === 'GoneException');

const postTo = async (connectionId: string, data: Uint8Array, options: PushOptions): Promise<Outcome> => {
  try {
    await managementApi().send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: data }));
    return 'delivered';
  } catch (error) {
    if (!isGone(error)) {
      options.onFailure?.(error, connectionId);
      return 'failed';
    }
  }
  // The socket closed without a $disconnect reaching us (network drop, 2 h limit): forget it.
  try {
    await closeConnection(connectionId);
    return 'pruned';
  } catch (error) {
    options.onFailure?.(error, connectionId);
    return 'failed';
  }
};

/**
 * Sends `message` as JSON to every open WebSocket of the user. Best effort, and never
 * rejects: the inbox is the source of truth and the client reloads it on reconnect, so a
 * missed push costs freshness, not data. A failure to list the connections counts as one
 * failure (there may have been none to reach).
 */
export const pushToUser = async (
  tenantId: string,
  userId: string,
  message: object,
  options: PushOptions = {},
): Promise<PushResult> => {
  const result: PushResult = { delivered: 0, pruned: 0, failed: 0 };
  let connections: Awaited<ReturnType<typeof connectionsOf>>;
  try {
    connections = await connectionsOf(tenantId, userId);
  } catch (error) {
    options.onFailure?.(error, undefined);
    return { ...result, failed: 1 };
  }
  if (connections.length === 0) return result;
  const data = new TextEncoder().encode(JSON.stringify(message));
  const outcomes = await Promise.all(connections.map(({ connectionId }) => postTo(connectionId, data, options)));
  for (const outcome of outcomes) result[outcome]++;
  return result;
};
