import { systemClock } from '../shared/clock.ts';
import type { Principal } from '../shared/principal.ts';
import { ConnectionEntity, type ConnectionItem } from './connection.entity.ts';

/** API Gateway closes every WebSocket connection after at most 2 hours. */
export const MAX_CONNECTION_SECONDS = 2 * 60 * 60;
/** Slack for clock skew and a $disconnect still in flight when the limit strikes. */
const EXPIRY_MARGIN_SECONDS = 10 * 60;
/** More open tabs than anyone uses; a push reaches at most this many sockets of one user. */
export const MAX_CONNECTIONS_PER_USER = 50;

export type Connection = Pick<ConnectionItem, 'connectionId' | 'tenantId' | 'userId' | 'connectedAt' | 'expiresAt'>;

const epochSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);

/**
 * Remembers an accepted $connect. Not audited: a socket is transport state, like an
 * idempotency record, and one per tab and reconnect would drown the audit log.
 */
export const openConnection = async (
  principal: Principal,
  connectionId: string,
  now: Date = systemClock.now(),
): Promise<Connection> => {
  const connection: Connection = {
    connectionId,
    tenantId: principal.tenantId,
    userId: principal.userId,
    connectedAt: now.toISOString(),
    expiresAt: epochSeconds(now) + MAX_CONNECTION_SECONDS + EXPIRY_MARGIN_SECONDS,
  };
  await ConnectionEntity.put(connection).go();
  return connection;
};

/** Forgets a connection; closing one already gone (a retried $disconnect, a pruned socket) is fine. */
export const closeConnection = async (connectionId: string): Promise<void> => {
  await ConnectionEntity.delete({ connectionId }).go();
};

/** The user's sockets that may still be open: TTL deletes lazily, so expired items are filtered out. */
export const connectionsOf = async (
  tenantId: string,
  userId: string,
  now: Date = systemClock.now(),
): Promise<Connection[]> => {
  const { data } = await ConnectionEntity.query
    .byUser({ tenantId, userId })
    .where(({ expiresAt }, { gt }) => gt(expiresAt, epochSeconds(now)))
    .go({ limit: MAX_CONNECTIONS_PER_USER, pages: 'all' });
  return data;
};
