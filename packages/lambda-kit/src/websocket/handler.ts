import { resolvePrincipal } from '@assist-ten/core/identity/access';
import type { Principal } from '@assist-ten/core/shared/principal';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { problemResponse } from '../http/problem.ts';
import { logger } from '../logger.ts';
import { replyTo } from './messages.ts';
import type { TokenVerifier } from './token.ts';

/** A WebSocket API event (payload 1.0 proxy); $connect also carries the handshake's headers and query. */
export type WebSocketEvent = APIGatewayProxyWebsocketEventV2 & {
  headers?: Record<string, string | undefined>;
};

/** API Gateway refuses a $connect answered with a non-2xx status; on $default, `body` goes back to the client. */
export interface WebSocketResult {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface WebSocketRoutes {
  verifyToken: TokenVerifier;
  /** Accepts the connection of a verified, active staff user; throwing refuses it. */
  connect: (principal: Principal, connectionId: string) => Promise<unknown>;
  /** The socket is closed already; this only forgets it. */
  disconnect: (connectionId: string) => Promise<unknown>;
}

const OK: WebSocketResult = { statusCode: 200 };

/**
 * The Lambda handler of a WebSocket API, dispatching on the route key. $connect takes the
 * ID token from the query (browsers cannot set headers on a WebSocket) and resolves the
 * caller exactly as the HTTP kit does, so a deactivated user or a suspended tenant cannot
 * connect; a refusal answers 401/403 and the handshake fails.
 */
export const createWebSocketHandler = (routes: WebSocketRoutes) =>
  middy<WebSocketEvent, WebSocketResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use({
      before: ({ event }) => {
        const { requestId, routeKey, connectionId } = event.requestContext;
        logger.appendKeys({ correlationId: requestId, routeKey, connectionId });
      },
      onError: (request) => {
        const response = problemResponse(request.error, request.event.requestContext.requestId);
        if (response.statusCode >= 500) logger.error('WebSocket request failed', { error: request.error });
        else logger.info('WebSocket request refused', { status: response.statusCode, error: request.error?.message });
        request.response = response;
      },
    })
    .handler(async (event) => {
      const { routeKey, connectionId, requestId } = event.requestContext;
      switch (routeKey) {
        case '$connect': {
          const identity = await routes.verifyToken(event.queryStringParameters?.token);
          await routes.connect(await resolvePrincipal(identity, requestId), connectionId);
          return OK;
        }
        case '$disconnect':
          await routes.disconnect(connectionId);
          return OK;
        default: {
          const reply = replyTo(event.body);
          return reply ? { statusCode: 200, body: JSON.stringify(reply) } : OK;
        }
      }
    });
