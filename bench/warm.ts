import { PerformanceObserver } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  type PutCommandInput,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { lambdaContext } from '../infra/local/gateway.ts';
import type { DynamoRequest, RequestCounter } from './ddb-counter.ts';
import { CALLS, type Call, eventFor, type HttpHandler, requestFor } from './requisition-calls.ts';
import { percentile, type Summary, summarise } from './stats.ts';

export interface Caller {
  tenantId: string;
  userId: string;
  token: string;
  claims: Record<string, string>;
}

export interface WarmCallResult {
  handler: Summary;
  /** Handler time outside its DynamoDB request(s): middy, zod, ElectroDB, JSON, event loop. */
  overhead: Summary;
  bare: Summary;
  /** What the bare call is: the DynamoDB request the handler makes, sent straight. */
  bareCommand: string;
  /** DynamoDB requests of each measured handler invocation (warm-up excluded). */
  requests: DynamoRequest[][];
  /** The handler invocations slower than 3 x handler p50, and what they overlapped. */
  tail: TailAnalysis;
}

export interface TailAnalysis {
  /** Invocations slower than 3 x handler p50. */
  slow: number;
  /** ... whose DynamoDB request alone took longer than 3 x handler p50. */
  slowInDynamo: number;
  /** Of the time the slow calls took beyond handler p50, the share spent beyond the usual (p50) DynamoDB time. */
  excessInDynamoPercent: number;
  /** ... during which this process ran a garbage collection. */
  overlappingNodeGc: number;
  /** Node GC pauses during this call's measured phase: count and total ms. */
  gcPauses: number;
  gcMs: number;
}

interface Span {
  start: number;
  end: number;
}

const overlaps = (a: Span, spans: readonly Span[]): boolean => spans.some((b) => b.start < a.end && a.start < b.end);

type Timed = () => Promise<unknown>;

const time = async (fn: Timed): Promise<number> => {
  const started = performance.now();
  await fn();
  return performance.now() - started;
};

/**
 * The handler invoked in this process exactly as Lambda invokes it (one warm execution
 * environment), beside the bare DynamoDB request it makes, sent through a DocumentClient
 * of its own. Pairs alternate which goes first, so drift in the emulator hits both alike.
 */
export const measureWarm = async (
  handler: HttpHandler,
  counter: RequestCounter,
  caller: Caller,
  { iterations = 500, warmup = 50 } = {},
): Promise<{ results: Record<Call, WarmCallResult>; existingId: string }> => {
  // Loaded now: the entity reads TABLE_NAME when its module loads.
  const { RequisitionEntity } = await import('@assist-ten/core/requisitions/requisition.entity');
  const { newId } = await import('@assist-ten/core/shared/ids');
  const bareClient = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  const { tenantId } = caller;

  const invoke = async (call: Call, existingId: string) => {
    const request = requestFor(call, existingId);
    const event = eventFor(request, caller.token, caller.claims);
    const context = lambdaContext('assist-ten-requisitions', event.requestContext.requestId);
    const started = performance.now();
    const result = await handler(event, context);
    const elapsed = performance.now() - started;
    if (result.statusCode !== request.expectStatus) {
      throw new Error(`${request.routeKey} answered ${result.statusCode}: ${result.body ?? ''}`);
    }
    return { started, elapsed, body: JSON.parse(result.body ?? '{}') as { id?: string } };
  };

  counter.take();
  const first = await invoke('create', '');
  const existingId = first.body.id;
  if (!existingId) throw new Error('create returned no id');
  counter.take();

  const getParams = RequisitionEntity.get({ tenantId, requisitionId: existingId }).params();
  const queryParams = RequisitionEntity.query.byTenant({ tenantId }).params({ limit: 25, order: 'desc' });
  // The item exactly as the handler wrote it; each bare put writes a copy under a new id
  // (every attribute naming the id, keys included, rewritten), with ElectroDB's create condition.
  const written = (await bareClient.send(new GetCommand(getParams))).Item;
  if (!written) throw new Error(`the item of ${existingId} is not in the table`);
  const putParams = (): PutCommandInput => {
    const id = newId('requisition');
    const item = Object.fromEntries(
      Object.entries(written).map(([name, value]) => [
        name,
        typeof value === 'string' ? value.replaceAll(existingId, id) : value,
      ]),
    );
    return {
      TableName: getParams.TableName,
      Item: item,
      ConditionExpression: 'attribute_not_exists(#pk) AND attribute_not_exists(#sk)',
      ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
    };
  };

  const bare: Record<Call, { command: string; prepare: () => Timed }> = {
    create: {
      command: 'PutItem of a copy of the item the handler wrote, same create condition',
      prepare: () => {
        const input: PutCommandInput = { ...putParams(), ReturnConsumedCapacity: 'TOTAL' };
        return () => bareClient.send(new PutCommand(input));
      },
    },
    get: {
      command: 'GetItem (pk, sk)',
      prepare: () => () => bareClient.send(new GetCommand({ ...getParams, ReturnConsumedCapacity: 'TOTAL' })),
    },
    list: {
      command: 'Query gsi1, Limit 25, newest first',
      prepare: () => () => bareClient.send(new QueryCommand({ ...queryParams, ReturnConsumedCapacity: 'TOTAL' })),
    },
  };

  const results = {} as Record<Call, WarmCallResult>;
  for (const call of CALLS) {
    const handlerSamples: number[] = [];
    const overheadSamples: number[] = [];
    const bareSamples: number[] = [];
    const requests: DynamoRequest[][] = [];
    const spans: Span[] = [];
    const gcs: Span[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        gcs.push({ start: entry.startTime, end: entry.startTime + entry.duration });
    });
    for (let i = 0; i < warmup + iterations; i++) {
      if (i === warmup) observer.observe({ entryTypes: ['gc'] });
      const measured = i >= warmup;
      const viaHandler = async () => {
        counter.take();
        const { started, elapsed } = await invoke(call, existingId);
        const sent = counter.take();
        if (measured) {
          spans.push({ start: started, end: started + elapsed });
          handlerSamples.push(elapsed);
          overheadSamples.push(elapsed - sent.reduce((sum, request) => sum + request.durationMs, 0));
          requests.push(sent);
        }
      };
      const viaBare = async () => {
        const elapsed = await time(bare[call].prepare());
        if (measured) bareSamples.push(elapsed);
      };
      if (i % 2 === 0) {
        await viaHandler();
        await viaBare();
      } else {
        await viaBare();
        await viaHandler();
      }
    }
    // GC entries are delivered asynchronously: let them arrive, then stop observing.
    await new Promise((resolve) => setTimeout(resolve, 50));
    observer.disconnect();
    const handler = summarise(handlerSamples);
    const slowIndexes = handlerSamples.flatMap((elapsed, index) => (elapsed > 3 * handler.p50 ? [index] : []));
    const dynamoMs = (index: number) => (requests[index] ?? []).reduce((sum, request) => sum + request.durationMs, 0);
    const dynamoP50 = percentile(
      handlerSamples.map((_, index) => dynamoMs(index)),
      50,
    );
    const excess = slowIndexes.reduce((sum, index) => sum + (handlerSamples[index] ?? 0) - handler.p50, 0);
    const excessInDynamo = slowIndexes.reduce((sum, index) => sum + dynamoMs(index) - dynamoP50, 0);
    const tail: TailAnalysis = {
      slow: slowIndexes.length,
      excessInDynamoPercent: excess > 0 ? Math.round((100 * excessInDynamo) / excess) : 0,
      slowInDynamo: slowIndexes.filter((index) => dynamoMs(index) > 3 * handler.p50).length,
      overlappingNodeGc: slowIndexes.filter((index) => {
        const span = spans[index];
        return span !== undefined && overlaps(span, gcs);
      }).length,
      gcPauses: gcs.length,
      gcMs: Math.round(gcs.reduce((sum, gc) => sum + gc.end - gc.start, 0)),
    };
    results[call] = {
      tail,
      handler,
      overhead: summarise(overheadSamples),
      bare: summarise(bareSamples),
      bareCommand: bare[call].command,
      requests,
    };
  }
  bareClient.destroy();
  return { results, existingId };
};

/**
 * Walks `pages` pages of the list with its cursor: each page must be one Query. Returns
 * the requests of each page.
 */
export const walkPages = async (
  handler: HttpHandler,
  counter: RequestCounter,
  caller: Caller,
  pages: number,
): Promise<DynamoRequest[][]> => {
  const perPage: DynamoRequest[][] = [];
  let cursor: string | null = null;
  for (let page = 0; page < pages; page++) {
    const request = requestFor('list', '');
    const path = cursor ? `${request.path}?cursor=${encodeURIComponent(cursor)}` : request.path;
    const event = eventFor({ ...request, path }, caller.token, caller.claims);
    counter.take();
    const result = await handler(event, lambdaContext('assist-ten-requisitions', event.requestContext.requestId));
    perPage.push(counter.take());
    if (result.statusCode !== 200) throw new Error(`list page ${page + 1} answered ${result.statusCode}`);
    cursor = (JSON.parse(result.body ?? '{}') as { nextCursor?: string | null }).nextCursor ?? null;
    if (!cursor) break;
  }
  return perPage;
};
