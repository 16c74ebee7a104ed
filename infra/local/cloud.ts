import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCAL_EMAIL_FROM } from '@assist-ten/core/notifications/email/sender';
import { ENV } from '@assist-ten/core/shared/env';
import { SQSClient } from '@aws-sdk/client-sqs';
import { routes } from '../../functions/routes.ts';
import { startConsumers } from './consumers.ts';
import { localClientConfig } from './emulators/aws.ts';
import { type LocalEmulators, localAwsEnv, startEmulators } from './emulators.ts';
import { type LocalGateway, startGateway } from './gateway.ts';
import { inProcessInvoker } from './invoker.ts';
import { createLocalIssuer, type LocalIssuer } from './issuer.ts';
import { localKeyMaterial } from './key-material.ts';
import { relayObjectCreated } from './s3-relay.ts';
import { seedLocalData } from './seed.ts';
import { startWebSocketGateway } from './websocket-gateway.ts';

export const DEFAULT_ALLOWED_ORIGINS = ['http://localhost:5173', 'http://localhost:3001'];
/** Where the deep links of local emails point: the frontend's dev server. */
export const LOCAL_FRONTEND_URL = 'http://localhost:5173';

export interface LocalCloudOptions {
  port?: number;
  persistDir?: string;
  allowedOrigins?: string[];
  /** Port of the WebSocket API and its management endpoint (any free one if absent). */
  websocketPort?: number;
  /** Folder the notification emails are written to as .eml files (a new temp folder if absent). */
  emailOutboxDir?: string;
  /**
   * Which face analyser looks at snapshots: `none` (no Rekognition here), or `marker`, which
   * reads the face count a test image declares (core/proctoring/face-analyser.ts). Default:
   * FACE_ANALYSER from the environment, else none.
   */
  faceAnalyser?: 'none' | 'marker';
  log?: (line: string) => void;
}

export interface LocalCloud {
  url: string;
  issuer: LocalIssuer;
  emulators: LocalEmulators;
  gateway: LocalGateway;
  /** Where clients open the notifications WebSocket (`?token=<ID token>`). */
  websocketUrl: string;
  /** The environment the functions run with; tests that call services directly use it too. */
  env: Record<string, string>;
  /** Where notification emails land, one .eml file each. */
  emailOutboxDir: string;
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
    const emailOutboxDir = options.emailOutboxDir ?? (await mkdtemp(join(tmpdir(), 'assist-ten-outbox-')));
    const env = {
      ...localAwsEnv(emulators),
      [ENV.stage]: 'local',
      [ENV.allowedOrigins]: allowedOrigins.join(','),
      [ENV.emailOutboxDir]: emailOutboxDir,
      [ENV.emailFrom]: LOCAL_EMAIL_FROM,
      [ENV.frontendBaseUrl]: LOCAL_FRONTEND_URL,
      [ENV.localKeyMaterial]: await localKeyMaterial(options.persistDir),
      [ENV.faceAnalyser]: options.faceAnalyser ?? process.env[ENV.faceAnalyser] ?? 'none',
    };
    Object.assign(process.env, env);
    relayObjectCreated(emulators, new SQSClient(localClientConfig(emulators.endpoints.sqs)), options.log);
    await seedLocalData();
    const consumers = startConsumers(emulators, options.log);
    const issuer = await createLocalIssuer(emulators.cognito);
    const gateway = await startGateway({
      routes,
      issuer,
      invoke: inProcessInvoker(),
      allowedOrigins,
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
    const websocket = await startWebSocketGateway({
      handler: () => import('../../functions/websocket/notifications/handler.ts').then((module) => module.handler),
      ...(options.websocketPort !== undefined ? { port: options.websocketPort } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
    Object.assign(env, {
      [ENV.websocketCallbackUrl]: websocket.callbackUrl,
      [ENV.tokenIssuer]: issuer.issuer,
      [ENV.tokenAudience]: issuer.audience,
    });
    Object.assign(process.env, env);
    let stopped: Promise<void> | undefined;
    return {
      url: gateway.url,
      issuer,
      emulators,
      gateway,
      websocketUrl: websocket.url,
      env,
      emailOutboxDir,
      stop: () => {
        stopped ??= Promise.all([gateway.close(), websocket.close()])
          .then(() => consumers.stop())
          .finally(() => emulators.stop());
        return stopped;
      },
    };
  } catch (error) {
    await emulators.stop();
    throw error;
  }
};
