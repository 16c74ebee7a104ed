import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Invoke } from './gateway.ts';
import { lambdaContext } from './gateway.ts';

type HttpLambda = (event: unknown, context: unknown) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * Runs each context's Lambda handler in this process, loading its module on first use
 * (after the environment points the SDK at the emulators), as one warm Lambda would.
 */
export const inProcessInvoker = (): Invoke => {
  const handlers = new Map<string, Promise<HttpLambda>>();
  const load = (context: string): Promise<HttpLambda> => {
    let handler = handlers.get(context);
    if (!handler) {
      const url = new URL(`../../functions/http/${context}/handler.ts`, import.meta.url);
      handler = import(url.href).then((module: { handler: HttpLambda }) => module.handler);
      handlers.set(context, handler);
    }
    return handler;
  };
  return async (context, event) => {
    const handler = await load(context);
    return handler(event, lambdaContext(`assist-ten-${context}`, event.requestContext.requestId));
  };
};
