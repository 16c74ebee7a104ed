import { ENV } from '@assist-ten/core/shared/env';
import { SQSClient } from '@aws-sdk/client-sqs';
import { routes } from '../../functions/routes.ts';
import { localClientConfig } from './emulators/aws.ts';
import { type LocalEmulators, localAwsEnv, startEmulators } from './emulators.ts';
import { type LocalGateway, startGateway } from './gateway.ts';
import { inProcessInvoker } from './invoker.ts';
import { createLocalIssuer, type LocalIssuer } from './issuer.ts';
import { relayObjectCreated } from './s3-relay.ts';
import { seedLocalData } from './seed.ts';

export const DEFAULT_ALLOWED_ORIGINS = ['http://localhost:5173', 'http://localhost:3001'];

export interface LocalCloudOptions {
  port?: number;
  persistDir?: string;
  allowedOrigins?: string[];
  log?: (line: string) => void;
}

export interface LocalCloud {
  url: string;
  issuer: LocalIssuer;
  emulators: LocalEmulators;
  gateway: LocalGateway;
  /** The environment the functions run with; tests that call services directly use it too. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * The whole backend on this machine: emulators, the table, bucket and queues from the
 * definitions CDK uses, seed data, and the route table served as API Gateway would.
 */
export const startLocalCloud = async (options: LocalCloudOptions = {}): Promise<LocalCloud> => {
  const emulators = await startEmulators({
    ...(options.persistDir ? { persistDir: options.persistDir } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  try {
    const allowedOrigins = options.allowedOrigins ?? DEFAULT_ALLOWED_ORIGINS;
    const env = {
      ...localAwsEnv(emulators),
      [ENV.stage]: 'local',
      [ENV.allowedOrigins]: allowedOrigins.join(','),
    };
    Object.assign(process.env, env);
    relayObjectCreated(emulators, new SQSClient(localClientConfig(emulators.endpoints.sqs)), options.log);
    await seedLocalData();
    const issuer = await createLocalIssuer(emulators.cognito);
    const gateway = await startGateway({
      routes,
      issuer,
      invoke: inProcessInvoker(),
      allowedOrigins,
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
    let stopped: Promise<void> | undefined;
    return {
      url: gateway.url,
      issuer,
      emulators,
      gateway,
      env,
      stop: () => {
        stopped ??= gateway.close().finally(() => emulators.stop());
        return stopped;
      },
    };
  } catch (error) {
    await emulators.stop();
    throw error;
  }
};
