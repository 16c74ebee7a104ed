import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** One request to DynamoDB as it went over the wire (a retry is a second request). */
export interface DynamoRequest {
  command: string;
  /** Capacity units DynamoDB reports for it (ReturnConsumedCapacity: TOTAL). */
  capacityUnits: number;
  /** Wall time of the request: signing, HTTP round trip to DynamoDB (Local), parsing. */
  durationMs: number;
}

/** Commands that accept ReturnConsumedCapacity. */
const REPORTS_CAPACITY = new Set([
  'GetItemCommand',
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'QueryCommand',
  'ScanCommand',
  'BatchGetItemCommand',
  'BatchWriteItemCommand',
  'TransactGetItemsCommand',
  'TransactWriteItemsCommand',
]);

type Capacity = { CapacityUnits?: number } | { CapacityUnits?: number }[] | undefined;

const unitsOf = (capacity: Capacity): number =>
  (Array.isArray(capacity) ? capacity : capacity ? [capacity] : []).reduce(
    (sum, entry) => sum + (entry.CapacityUnits ?? 0),
    0,
  );

export interface RequestCounter {
  /** Every request since the counter was installed. */
  readonly all: readonly DynamoRequest[];
  /** The requests since the last `take()` (or since installation). */
  take(): DynamoRequest[];
}

/**
 * Counts every request the shared client sends (its DocumentClient shares the same
 * middleware stack) and asks DynamoDB to report the capacity each one consumed.
 */
export const installRequestCounter = (client: DynamoDBClient): RequestCounter => {
  const all: DynamoRequest[] = [];
  let taken = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (REPORTS_CAPACITY.has(context.commandName ?? '')) {
        (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
      }
      return next(args);
    },
    { step: 'initialize', name: 'benchReturnConsumedCapacity' },
  );
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? 'unknown';
      const started = performance.now();
      try {
        const result = await next(args);
        const output = result.output as { ConsumedCapacity?: Capacity };
        all.push({ command, capacityUnits: unitsOf(output.ConsumedCapacity), durationMs: performance.now() - started });
        return result;
      } catch (error) {
        all.push({ command, capacityUnits: 0, durationMs: performance.now() - started });
        throw error;
      }
    },
    // finalizeRequest/low runs inside the retry middleware: each attempt is counted.
    { step: 'finalizeRequest', priority: 'low', name: 'benchRequestCounter' },
  );
  return {
    all,
    take: () => {
      const since = all.slice(taken);
      taken = all.length;
      return since;
    },
  };
};
