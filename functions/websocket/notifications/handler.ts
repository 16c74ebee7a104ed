import { closeConnection, openConnection } from '@assist-ten/core/notifications/connection.service';
import { ENV, requireEnv } from '@assist-ten/core/shared/env';
import { createWebSocketHandler } from '@assist-ten/lambda-kit/websocket/handler';
import { createTokenVerifier } from '@assist-ten/lambda-kit/websocket/token';

/** The notifications WebSocket: remembers who is connected, so the notifications consumer can push to them. */
export const handler = createWebSocketHandler({
  verifyToken: createTokenVerifier({
    issuer: requireEnv(ENV.tokenIssuer),
    audience: requireEnv(ENV.tokenAudience),
  }),
  connect: (principal, connectionId) => openConnection(principal, connectionId),
  disconnect: (connectionId) => closeConnection(connectionId),
});
