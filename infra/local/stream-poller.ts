import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { localClientConfig } from './emulators/aws.ts';
import { lambdaContext } from './gateway.ts';

export type StreamLambda = (event: DynamoDBStreamEvent, context: unknown) => Promise<DynamoDBBatchResponse | undefined>;

export interface StreamPollerOptions {
  /** DynamoDB Local's endpoint (it serves the Streams API too). */
  endpoint: string;
  tableName: string;
  name: string;
  handler: () => Promise<StreamLambda>;
  batchSize?: number;
  log?: (line: string) => void;
}

const IDLE_MS = 100;
const MAX_BACKOFF_MS = 5_000;

type Image = Record<string, unknown>;

/**
 * The Streams SDK reads an empty map attribute (`{"M": {}}` on the wire) back as `{}`, which
 * no unmarshaller accepts; Lambda hands over the wire JSON. Every other value keeps its tag.
 */
const attributeOf = (value: unknown): unknown => {
  if (typeof value !== 'object' || value === null) return value;
  if (Object.keys(value).length === 0) return { M: {} };
  if ('M' in value) return { M: imageOf(value.M as Image) };
  if ('L' in value && Array.isArray(value.L)) return { L: value.L.map(attributeOf) };
  return value;
};

const imageOf = (image: Image): Image =>
  Object.fromEntries(Object.entries(image).map(([name, value]) => [name, attributeOf(value)]));

/** A stream record as Lambda hands it over: the same JSON, with epoch-second times. */
export const toLambdaRecord = (record: StreamRecord, streamArn: string): DynamoDBRecord =>
  ({
    ...record,
    eventSourceARN: streamArn,
    dynamodb: {
      ...record.dynamodb,
      ...(record.dynamodb?.NewImage ? { NewImage: imageOf(record.dynamodb.NewImage as Image) } : {}),
      ...(record.dynamodb?.OldImage ? { OldImage: imageOf(record.dynamodb.OldImage as Image) } : {}),
      ApproximateCreationDateTime: Math.floor((record.dynamodb?.ApproximateCreationDateTime?.getTime() ?? 0) / 1000),
    },
  }) as DynamoDBRecord;

interface Shard {
  id: string;
  iterator: string | undefined;
  failures: number;
}

/**
 * What Lambda's DynamoDB stream event source mapping does: read each shard in order, hand
 * the function batches, and on a failure (thrown, or a reported sequence number) read the
 * shard again from the first record not done, with backoff, forever; so a function that
 * dies mid-batch loses nothing. Starts at the oldest record the stream keeps.
 */
export const startStreamPoller = (options: StreamPollerOptions): { stop(): Promise<void> } => {
  const controller = new AbortController();
  const log = options.log ?? (() => undefined);
  const streams = new DynamoDBStreamsClient(localClientConfig(options.endpoint));
  const dynamodb = new DynamoDBClient(localClientConfig(options.endpoint));
  const shards = new Map<string, Shard>();
  const finished = new Set<string>();
  let streamArn = '';

  const iteratorAt = async (shardId: string, position: { after?: string; at?: string }) => {
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ...(position.at
          ? { ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: position.at }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return ShardIterator;
  };

  const discoverShards = async () => {
    if (!streamArn) {
      const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: options.tableName }));
      streamArn = Table?.LatestStreamArn ?? '';
      if (!streamArn) throw new Error(`Table ${options.tableName} has no stream`);
    }
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      const id = shard.ShardId ?? '';
      if (shards.has(id) || finished.has(id)) continue;
      // A child shard continues its parent: it is read once the parent is done, to keep order.
      const parent = shard.ParentShardId;
      if (parent && shards.has(parent)) continue;
      shards.set(id, { id, iterator: await iteratorAt(id, {}), failures: 0 });
    }
  };

  const pollShard = async (shard: Shard): Promise<boolean> => {
    if (!shard.iterator) {
      shards.delete(shard.id);
      finished.add(shard.id);
      return false;
    }
    const { Records = [], NextShardIterator } = await streams.send(
      new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: options.batchSize ?? 100 }),
      { abortSignal: controller.signal },
    );
    if (!Records.length) {
      shard.iterator = NextShardIterator;
      return false;
    }
    const records = Records.map((record) => toLambdaRecord(record, streamArn));
    let retryFrom: string | undefined;
    try {
      const handler = await options.handler();
      const response = await handler(
        { Records: records },
        lambdaContext(`assist-ten-${options.name}`, records[0]?.eventID ?? ''),
      );
      retryFrom = response?.batchItemFailures[0]?.itemIdentifier;
    } catch (error) {
      log(`${options.name}: handler threw, the batch of ${records.length} will be retried: ${String(error)}`);
      retryFrom = records[0]?.dynamodb?.SequenceNumber;
    }
    if (retryFrom === undefined) {
      shard.iterator = NextShardIterator;
      shard.failures = 0;
      return true;
    }
    shard.failures++;
    if (shard.failures === 1) log(`${options.name}: retrying ${shard.id} from ${retryFrom}`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(MAX_BACKOFF_MS, 100 * 2 ** shard.failures)));
    shard.iterator = await iteratorAt(shard.id, { at: retryFrom });
    return true;
  };

  const loop = (async () => {
    let lastDiscovery = 0;
    while (!controller.signal.aborted) {
      try {
        if (Date.now() - lastDiscovery > 1_000 || shards.size === 0) {
          await discoverShards();
          lastDiscovery = Date.now();
        }
        const busy = await Promise.all([...shards.values()].map(pollShard));
        if (!busy.some(Boolean)) await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
      } catch (error) {
        if (controller.signal.aborted) break;
        log(`${options.name}: stream poll failed: ${String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  })();
  return {
    stop: async () => {
      controller.abort();
      await loop;
      streams.destroy();
      dynamodb.destroy();
    },
  };
};
