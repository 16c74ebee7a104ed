import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENV } from '@assist-ten/core/shared/env';
import { QUEUES } from '@assist-ten/core/shared/queues';
import { GLOBAL_INDEXES, TTL_ATTRIBUTE } from '@assist-ten/core/shared/table';
import {
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, HeadBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AWS_S3_FORCE_PATH_STYLE,
  type LocalEmulators,
  localAwsEnv,
  startEmulators,
} from '../../../infra/local/emulators.ts';
import { childCommands, isRunning } from '../../support/processes.ts';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const region = 'us-east-1';
const item = { pk: { S: 'TEST#emulators' }, sk: { S: 'ITEM#1' }, name: { S: 'persisted' } };
const objectKey = 'tenant/t_test/documents/emulators.txt';

const clientsFor = (emulators: LocalEmulators) => ({
  dynamodb: new DynamoDBClient({ endpoint: emulators.endpoints.dynamodb, region, credentials }),
  s3: new S3Client({ endpoint: emulators.endpoints.s3, region, credentials, forcePathStyle: true }),
  sqs: new SQSClient({ endpoint: emulators.endpoints.sqs, region, credentials }),
});

const occupyPort = (): Promise<Server> =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });

describe('startEmulators', () => {
  let persistDir: string;
  let emulators: LocalEmulators;
  let clients: ReturnType<typeof clientsFor>;

  beforeAll(async () => {
    persistDir = await mkdtemp(join(tmpdir(), 'assist-ten-emulators-test-'));
    emulators = await startEmulators({ persistDir });
    clients = clientsFor(emulators);
  }, 60_000);

  afterAll(async () => {
    await emulators?.stop();
    if (clients) for (const client of Object.values(clients)) client.destroy();
    if (persistDir) await rm(persistDir, { recursive: true, force: true });
  });

  it('creates the table with every GSI of GLOBAL_INDEXES, projecting ALL, on demand', async () => {
    const { Table: table } = await clients.dynamodb.send(new DescribeTableCommand({ TableName: emulators.tableName }));

    expect(table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    const indexes = table?.GlobalSecondaryIndexes ?? [];
    expect(indexes.map((index) => index.IndexName).sort()).toEqual(
      GLOBAL_INDEXES.map((index) => index.indexName).sort(),
    );
    for (const definition of GLOBAL_INDEXES) {
      const index = indexes.find((candidate) => candidate.IndexName === definition.indexName);
      expect(index?.KeySchema).toEqual([
        { AttributeName: definition.partitionKey, KeyType: 'HASH' },
        { AttributeName: definition.sortKey, KeyType: 'RANGE' },
      ]);
      expect(index?.Projection?.ProjectionType).toBe('ALL');
    }
  });

  it('enables TTL on the TTL attribute', async () => {
    const { TimeToLiveDescription: ttl } = await clients.dynamodb.send(
      new DescribeTimeToLiveCommand({ TableName: emulators.tableName }),
    );

    expect(ttl).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: TTL_ATTRIBUTE });
  });

  it('stores and reads an item', async () => {
    await clients.dynamodb.send(new PutItemCommand({ TableName: emulators.tableName, Item: item }));

    const { Item: read } = await clients.dynamodb.send(
      new GetItemCommand({ TableName: emulators.tableName, Key: { pk: item.pk, sk: item.sk }, ConsistentRead: true }),
    );

    expect(read).toEqual(item);
  });

  it('stores and reads an object in the bucket with path-style addressing', async () => {
    await clients.s3.send(
      new PutObjectCommand({ Bucket: emulators.bucketName, Key: objectKey, Body: 'hello', ContentType: 'text/plain' }),
    );

    const read = await clients.s3.send(new GetObjectCommand({ Bucket: emulators.bucketName, Key: objectKey }));

    expect(await read.Body?.transformToString()).toBe('hello');
    expect(read.ContentType).toBe('text/plain');
  });

  it('lets any localhost origin, and no other, upload to the bucket (CORS preflight)', async () => {
    const preflight = (origin: string) =>
      fetch(`${emulators.endpoints.s3}/${emulators.bucketName}/${objectKey}`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type',
        },
      });

    const [localhost, loopback, foreign] = await Promise.all([
      preflight('http://localhost:5173'),
      preflight('http://127.0.0.1:3001'),
      preflight('https://evil.example'),
    ]);

    expect(localhost.status).toBe(200);
    expect(localhost.headers.get('access-control-allow-methods')).toContain('POST');
    expect(loopback.status).toBe(200);
    expect(foreign.status).toBe(403);
  });

  it('creates every queue of QUEUES with its DLQ, visibility timeout and redrive policy', async () => {
    for (const definition of QUEUES) {
      const queue = emulators.queues[definition.name];

      const [{ Attributes: attributes }, { Attributes: dlqAttributes }] = await Promise.all([
        clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['All'] })),
        clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.dlqUrl, AttributeNames: ['QueueArn'] })),
      ]);

      expect(queue.url).toMatch(new RegExp(`^${emulators.endpoints.sqs}/\\d+/${definition.name}$`));
      expect(queue.dlqUrl).toMatch(new RegExp(`/${definition.name}-dlq$`));
      expect(attributes?.QueueArn).toBe(queue.arn);
      expect(attributes?.VisibilityTimeout).toBe(String(definition.visibilityTimeoutSeconds));
      expect(JSON.parse(attributes?.RedrivePolicy ?? '{}')).toEqual({
        deadLetterTargetArn: dlqAttributes?.QueueArn,
        maxReceiveCount: definition.maxReceiveCount,
      });
    }
  });

  it('delivers a message sent to each queue and deletes it', async () => {
    for (const definition of QUEUES) {
      const { url } = emulators.queues[definition.name];
      await clients.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: `to ${definition.name}` }));

      const { Messages: received = [] } = await clients.sqs.send(
        // WaitTimeSeconds 0: local-aws-sqs holds a long poll until the batch is full, unlike SQS.
        new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
      );
      for (const message of received) {
        await clients.sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle }));
      }
      const { Attributes: left } = await clients.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: url,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );

      expect(received.map((message) => message.Body)).toEqual([`to ${definition.name}`]);
      expect(left).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
    }
  });

  it('moves a message received maxReceiveCount times without a delete to the DLQ', async () => {
    for (const definition of QUEUES) {
      const queue = emulators.queues[definition.name];
      const body = `poison for ${definition.name}`;
      await clients.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: body }));

      let receives = 0;
      for (let attempt = 0; attempt <= definition.maxReceiveCount; attempt++) {
        // VisibilityTimeout 0: visible again at once, as if the consumer had failed it.
        const { Messages = [] } = await clients.sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queue.url, VisibilityTimeout: 0 }),
        );
        receives += Messages.length;
      }
      const { Messages: dead = [] } = await clients.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queue.dlqUrl, WaitTimeSeconds: 1 }),
      );

      expect(receives).toBe(definition.maxReceiveCount);
      expect(dead.map((message) => message.Body)).toEqual([body]);
    }
  });

  it('points an unconfigured AWS SDK at the emulators through localAwsEnv alone', async () => {
    const env = localAwsEnv(emulators);
    const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
    Object.assign(process.env, env);
    const sdk = {
      dynamodb: new DynamoDBClient({}),
      s3: new S3Client({ forcePathStyle: process.env[AWS_S3_FORCE_PATH_STYLE] === 'true' }),
      sqs: new SQSClient({}),
    };
    try {
      const [table, bucket, queues] = await Promise.all([
        sdk.dynamodb.send(new DescribeTableCommand({ TableName: process.env[ENV.tableName] })),
        sdk.s3.send(new HeadBucketCommand({ Bucket: process.env[ENV.bucketName] })),
        Promise.all(
          QUEUES.map((queue) =>
            sdk.sqs.send(
              new GetQueueAttributesCommand({ QueueUrl: process.env[queue.urlEnv], AttributeNames: ['QueueArn'] }),
            ),
          ),
        ),
      ]);

      expect(table.Table?.TableName).toBe(emulators.tableName);
      expect(bucket.$metadata.httpStatusCode).toBe(200);
      expect(queues.map((queue) => queue.Attributes?.QueueArn)).toEqual(
        QUEUES.map((queue) => emulators.queues[queue.name].arn),
      );
    } finally {
      for (const client of Object.values(sdk)) client.destroy();
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('refuses a configured port that is taken, naming the port, and starts nothing', async () => {
    const taken = await occupyPort();
    const address = taken.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const attempt = startEmulators({ ports: { s3: port } });

      await expect(attempt).rejects.toThrow(`Port ${port}`);
      expect(childCommands().filter((command) => command.includes('DynamoDBLocal.jar'))).toHaveLength(1);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('refuses a second start on a persist directory that is in use', async () => {
    await expect(startEmulators({ persistDir })).rejects.toThrow(/already used/);
  });

  it('stops the DynamoDB Local JVM and every other child process, idempotently', async () => {
    const pid = emulators.pids.dynamodb;
    expect(isRunning(pid)).toBe(true);

    await Promise.all([emulators.stop(), emulators.stop()]);
    await emulators.stop();

    expect(isRunning(pid)).toBe(false);
    expect(childCommands()).toEqual([]);
    await expect(fetch(emulators.endpoints.sqs)).rejects.toThrow();
  });

  it('keeps the table, its items and the objects in the persist directory across a restart', async () => {
    const restarted = await startEmulators({ persistDir });
    const again = clientsFor(restarted);
    try {
      const [{ Item: read }, object] = await Promise.all([
        again.dynamodb.send(
          new GetItemCommand({
            TableName: restarted.tableName,
            Key: { pk: item.pk, sk: item.sk },
            ConsistentRead: true,
          }),
        ),
        again.s3.send(new GetObjectCommand({ Bucket: restarted.bucketName, Key: objectKey })),
      ]);

      expect(read).toEqual(item);
      expect(await object.Body?.transformToString()).toBe('hello');
    } finally {
      for (const client of Object.values(again)) client.destroy();
      await restarted.stop();
    }
  }, 60_000);
});
