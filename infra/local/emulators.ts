import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ENV } from '@assist-ten/core/shared/env';
import { QUEUES, type QueueName } from '@assist-ten/core/shared/queues';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './emulators/aws.ts';
import { type CognitoLocal, startCognitoLocal } from './emulators/cognito.ts';
import { type DynamoDbLocal, ensureTable, startDynamoDbLocal } from './emulators/dynamodb.ts';
import { acquirePersistLock, type PersistLock } from './emulators/persist-lock.ts';
import { type S3Local, startS3Local } from './emulators/s3.ts';
import { createQueues, type LocalQueue, type SqsLocal, startSqsLocal } from './emulators/sqs.ts';
import { assertPortFree, findFreePort } from './ports.ts';

/**
 * The AWS services of the local cloud, with no Docker and no AWS account: DynamoDB Local
 * (a child JVM), cognito-local (a child Node process), s3rver and local-aws-sqs (both in
 * this process), with the table, bucket, queues and user pool created from the same
 * definitions CDK uses (packages/core/src/shared).
 */

export type EmulatorService = 'dynamodb' | 's3' | 'sqs' | 'cognito';

export interface StartEmulatorsOptions {
  /** Keep DynamoDB data, objects and the user pool under `<persistDir>/{dynamodb,s3,cognito}`; in memory (or a temp dir) otherwise. SQS is always in memory. */
  persistDir?: string;
  /** Fixed ports; a free one is chosen for each service not given. */
  ports?: Partial<Record<EmulatorService, number>>;
  tableName?: string;
  bucketName?: string;
  /** How long DynamoDB Local's JVM may take to answer. */
  readyTimeoutMs?: number;
  /** Progress messages; silent when absent. */
  log?: (msg: string) => void;
}

export interface LocalEmulators {
  /** `http://127.0.0.1:<port>` of each service. */
  endpoints: Record<EmulatorService, string>;
  tableName: string;
  bucketName: string;
  queues: Record<QueueName, LocalQueue>;
  /** Objects written to the bucket, as S3 ObjectCreated notifications announce them. */
  onObjectCreated: S3Local['onObjectCreated'];
  /** The staff user pool and its web client. */
  cognito: Pick<CognitoLocal, 'endpoint' | 'userPoolId' | 'clientId'>;
  /** Child processes (DynamoDB Local's JVM, cognito-local), for diagnostics. */
  pids: { dynamodb: number; cognito: number };
  /** Stops every child process and server and waits until they are gone. Idempotent. */
  stop(): Promise<void>;
}

export const DEFAULT_TABLE_NAME = 'assist-ten-local';
export const DEFAULT_BUCKET_NAME = 'assist-ten-local-files';

const SERVICE_NAMES: Record<EmulatorService, string> = {
  dynamodb: 'DynamoDB Local',
  s3: 'the S3 emulator',
  sqs: 'the SQS emulator',
  cognito: 'cognito-local',
};

const failure = (errors: unknown[]): unknown => {
  if (errors.length === 1) return errors[0];
  const messages = errors.map((error) => (error instanceof Error ? error.message : String(error)));
  return new AggregateError(errors, `Local emulators failed to start:\n- ${messages.join('\n- ')}`);
};

const assertPortsUsable = async (ports: Partial<Record<EmulatorService, number>>) => {
  const configured = (Object.entries(ports) as [EmulatorService, number | undefined][]).filter(
    (entry): entry is [EmulatorService, number] => entry[1] !== undefined && entry[1] !== 0,
  );
  const seen = new Map<number, EmulatorService>();
  for (const [service, port] of configured) {
    const other = seen.get(port);
    if (other)
      throw new Error(`Port ${port} is configured for both ${SERVICE_NAMES[other]} and ${SERVICE_NAMES[service]}.`);
    seen.set(port, service);
  }
  for (const [service, port] of configured) await assertPortFree(port, SERVICE_NAMES[service]);
};

export const startEmulators = async (options: StartEmulatorsOptions = {}): Promise<LocalEmulators> => {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const tableName = options.tableName ?? DEFAULT_TABLE_NAME;
  const bucketName = options.bucketName ?? DEFAULT_BUCKET_NAME;
  const ports = options.ports ?? {};

  let dirs: { dynamodb: string; s3: string; cognito: string } | undefined;
  let lock: PersistLock | undefined;
  if (options.persistDir) {
    const root = resolve(options.persistDir);
    dirs = { dynamodb: join(root, 'dynamodb'), s3: join(root, 's3'), cognito: join(root, 'cognito') };
    await Promise.all(Object.values(dirs).map((dir) => mkdir(dir, { recursive: true })));
    // First, so that a DynamoDB Local orphaned by a crashed run is gone before its port is checked.
    lock = await acquirePersistLock(root, dirs.dynamodb, log);
  }

  const running: { stop(): Promise<void> }[] = [];
  const stopAll = async () => {
    await Promise.allSettled(running.map((service) => service.stop()));
    await lock?.release();
  };

  try {
    await assertPortsUsable(ports);
    // The JVM is the long pole (seconds); the Node servers start meanwhile.
    const results = await Promise.allSettled([
      (ports.dynamodb ? Promise.resolve(ports.dynamodb) : findFreePort()).then((port) =>
        startDynamoDbLocal({
          port,
          ...(dirs ? { dbPath: dirs.dynamodb } : {}),
          ...(options.readyTimeoutMs ? { readyTimeoutMs: options.readyTimeoutMs } : {}),
          ...(lock ? { onSpawn: lock.recordDynamoDbPid } : {}),
          log,
        }),
      ),
      startS3Local({ port: ports.s3 ?? 0, bucketName, ...(dirs ? { directory: dirs.s3 } : {}) }),
      startSqsLocal({ port: ports.sqs ?? 0 }),
      startCognitoLocal({ port: ports.cognito ?? 0, ...(dirs ? { directory: dirs.cognito } : {}), log }),
    ]);
    for (const result of results) if (result.status === 'fulfilled') running.push(result.value);
    const errors = results.filter((result) => result.status === 'rejected').map((result) => result.reason);
    if (errors.length > 0) throw failure(errors);
    const [dynamodb, s3, sqs, cognito] = results.map((result) => (result as PromiseFulfilledResult<unknown>).value) as [
      DynamoDbLocal,
      S3Local,
      SqsLocal,
      CognitoLocal,
    ];

    const [, queues] = await Promise.all([ensureTable(dynamodb.endpoint, tableName, log), createQueues(sqs.endpoint)]);
    log(
      `Emulators ready in ${Math.round(performance.now() - started)} ms: DynamoDB ${dynamodb.endpoint}, ` +
        `S3 ${s3.endpoint}, SQS ${sqs.endpoint}, Cognito ${cognito.endpoint}${dirs ? ` (data in ${options.persistDir})` : ''}`,
    );

    let stopping: Promise<void> | undefined;
    return {
      endpoints: { dynamodb: dynamodb.endpoint, s3: s3.endpoint, sqs: sqs.endpoint, cognito: cognito.endpoint },
      tableName,
      bucketName,
      queues,
      onObjectCreated: s3.onObjectCreated,
      cognito: { endpoint: cognito.endpoint, userPoolId: cognito.userPoolId, clientId: cognito.clientId },
      pids: { dynamodb: dynamodb.pid, cognito: cognito.pid },
      stop: () => {
        stopping ??= stopAll();
        return stopping;
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
};

/**
 * Env var our S3 client code reads to set `forcePathStyle: true` in local mode: the SDK has
 * no env var of its own for it. (It already uses path style for an IP endpoint such as
 * http://127.0.0.1:<port>, but s3rver serves path style only, so do not rely on that.)
 */
export const AWS_S3_FORCE_PATH_STYLE = 'AWS_S3_FORCE_PATH_STYLE';

/**
 * The environment that points the AWS SDK v3 in our functions at the emulators with no code
 * change (service-specific endpoint variables), plus the resource names they read.
 */
export const localAwsEnv = (
  emulators: Pick<LocalEmulators, 'endpoints' | 'tableName' | 'bucketName' | 'queues' | 'cognito'>,
): Record<string, string> => ({
  AWS_REGION: LOCAL_REGION,
  AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  AWS_ENDPOINT_URL_DYNAMODB: emulators.endpoints.dynamodb,
  AWS_ENDPOINT_URL_S3: emulators.endpoints.s3,
  AWS_ENDPOINT_URL_SQS: emulators.endpoints.sqs,
  AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: emulators.endpoints.cognito,
  [ENV.userPoolId]: emulators.cognito.userPoolId,
  [AWS_S3_FORCE_PATH_STYLE]: 'true',
  [ENV.tableName]: emulators.tableName,
  [ENV.bucketName]: emulators.bucketName,
  ...Object.fromEntries(QUEUES.map((queue) => [queue.urlEnv, emulators.queues[queue.name].url])),
});
