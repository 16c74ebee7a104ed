import { createServer } from 'node:net';

/** Every local emulator listens on the loopback address only (DynamoDB Local excepted, see dynamodb.ts). */
export const LOCAL_HOST = '127.0.0.1';

const listenOnce = (port: number, host: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address !== null ? address.port : port;
      server.close(() => resolve(bound));
    });
  });

/**
 * A port the OS says is free right now (listen on 0, read it, close). Another process may
 * take it before we bind it again; for the Node servers we listen on 0 directly instead.
 */
export const findFreePort = (host: string = LOCAL_HOST): Promise<number> => listenOnce(0, host);

/** Fails with a message naming the port and its user when a configured port cannot be bound. */
export const assertPortFree = async (port: number, service: string, host: string = LOCAL_HOST): Promise<void> => {
  try {
    await listenOnce(port, host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'EADDRINUSE'
        ? 'is already in use (another local stack, or an emulator left over from an earlier run?)'
        : `cannot be used (${code ?? String(error)})`;
    throw new Error(`Port ${port} for ${service} ${reason}. Stop whatever holds it or configure another port.`, {
      cause: error,
    });
  }
};
