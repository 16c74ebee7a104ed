import * as z from 'zod/mini';

/** The one message a client sends: a keep-alive, since API Gateway drops a socket idle for 10 minutes. */
const Ping = z.object({ action: z.literal('ping') });

export const PONG = { type: 'pong' } as const;

/**
 * The answer to a client's message on $default: a pong to a ping, nothing to anything
 * else (unknown or malformed messages are ignored, not errors: a client of a newer
 * protocol must not lose its socket to an older server).
 */
export const replyTo = (body: string | undefined): typeof PONG | undefined => {
  if (body === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  return Ping.safeParse(json).success ? PONG : undefined;
};
