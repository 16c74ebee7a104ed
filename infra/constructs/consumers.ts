import { SNAPSHOT_ENTITY } from '@assist-ten/core/proctoring/snapshot-retention';
import { Duration, Tags, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  CONSUMERS,
  type Consumer,
  type QueueConsumer,
  type ScheduleConsumer,
  type StreamConsumer,
} from '../../functions/consumers.ts';
import { type AccessResources, grantAccess } from './function-access.ts';
import { HouseFunction } from './house-function.ts';
import { type Messaging, QUEUE_TAG } from './messaging.ts';
import { pascalCase } from './names.ts';

/** Tag on every consumer function: which queue or stream it drains. */
export const CONSUMER_TAG = 'assist-ten:consumer';
/** The QUEUE_TAG value of the queue that collects stream batches Lambda gave up on. */
export const STREAM_FAILURES_TAG = 'table-stream-failures';

export interface ConsumersProps extends AccessResources {
  /** The table, with its stream enabled. */
  readonly table: ITable;
  readonly messaging: Messaging;
}

/** The item attribute where ElectroDB names an item's entity. */
const ENTITY = '__edb_e__';

/**
 * Only the stream records the relay acts on invoke it: outbox inserts, and notifications
 * DynamoDB's TTL removed (to settle unread counters). Everything else is filtered out by
 * Lambda before it costs an invocation.
 */
const TABLE_STREAM_FILTERS = [
  FilterCriteria.filter({
    eventName: FilterRule.isEqual('INSERT'),
    dynamodb: { NewImage: { [ENTITY]: { S: FilterRule.isEqual('outboxEvent') } } },
  }),
  FilterCriteria.filter({
    eventName: FilterRule.isEqual('REMOVE'),
    userIdentity: { type: FilterRule.isEqual('Service'), principalId: FilterRule.isEqual('dynamodb.amazonaws.com') },
    dynamodb: { OldImage: { [ENTITY]: { S: FilterRule.isEqual('notification') } } },
  }),
  FilterCriteria.filter({
    eventName: FilterRule.isEqual('REMOVE'),
    userIdentity: { type: FilterRule.isEqual('Service'), principalId: FilterRule.isEqual('dynamodb.amazonaws.com') },
    dynamodb: { OldImage: { [ENTITY]: { S: FilterRule.isEqual(SNAPSHOT_ENTITY) } } },
  }),
];

/**
 * The functions of functions/consumers.ts, each with its event source (a queue, or the
 * table's stream) and exactly the access its entry asks for.
 */
export class Consumers extends Construct {
  readonly functions: ReadonlyMap<string, HouseFunction>;
  /** The functions that read the table's stream. */
  readonly streamFunctions: ReadonlyMap<string, HouseFunction>;
  /** Where Lambda puts a stream batch it gave up on (after 24 hours of retries): alarmed. */
  readonly streamFailures: Queue;

  constructor(scope: Construct, id: string, props: ConsumersProps) {
    super(scope, id);
    this.streamFailures = new Queue(this, 'StreamFailures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Tags.of(this.streamFailures).add(QUEUE_TAG, STREAM_FAILURES_TAG);
    Validations.of(this.streamFailures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        "It is the table stream's on-failure destination, itself a dead-letter queue: nothing consumes it, an alarm fires on its first message and an operator replays from the positions it records.",
    });
    const consumers: readonly Consumer[] = CONSUMERS;
    const built = consumers.map((consumer) => ({ consumer, fn: this.addConsumer(consumer, props) }));
    this.functions = new Map(built.map(({ consumer, fn }) => [nameOf(consumer), fn]));
    this.streamFunctions = new Map(
      built.filter(({ consumer }) => consumer.kind === 'stream').map(({ consumer, fn }) => [nameOf(consumer), fn]),
    );
  }

  private addConsumer(consumer: Consumer, props: ConsumersProps): HouseFunction {
    const name = nameOf(consumer);
    const fn = new HouseFunction(this, `${pascalCase(name)}Function`, {
      entry: consumer.entry,
      config: props.config,
      description: consumer.description,
      timeout: Duration.seconds(consumer.timeoutSeconds),
      tags: { [CONSUMER_TAG]: name },
      environment: { POWERTOOLS_SERVICE_NAME: name },
    });
    fn.bindTable(props.table);
    grantAccess(this, fn, consumer.access, props);
    if (consumer.kind === 'schedule') this.schedule(consumer, fn);
    else {
      fn.function.addEventSource(
        consumer.kind === 'queue' ? queueSource(consumer, props.messaging) : this.streamSource(consumer, props.table),
      );
    }
    return fn;
  }

  /** A rule that invokes the function at its rate; a failed run is simply the next run's work. */
  private schedule(consumer: ScheduleConsumer, fn: HouseFunction): void {
    new Rule(this, `${pascalCase(consumer.name)}Schedule`, {
      description: consumer.description,
      schedule: Schedule.rate(Duration.minutes(consumer.rateMinutes)),
      targets: [new LambdaFunction(fn.function, { retryAttempts: 0 })],
    });
  }

  private streamSource(consumer: StreamConsumer, table: ITable): DynamoEventSource {
    return new DynamoEventSource(table, {
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: consumer.batchSize,
      maxBatchingWindow: Duration.seconds(consumer.maxBatchingWindowSeconds),
      // The function reports the first record it could not handle; Lambda retries from there.
      reportBatchItemFailures: true,
      // Retried until the stream drops the record (24 hours): an event is never skipped for
      // a passing SQS outage. Then the batch's position lands here, and its alarm fires.
      onFailure: new SqsDlq(this.streamFailures),
      filters: TABLE_STREAM_FILTERS,
    });
  }
}

const queueSource = (consumer: QueueConsumer, messaging: Messaging): SqsEventSource =>
  new SqsEventSource(messaging.queue(consumer.queue).queue, {
    batchSize: consumer.batchSize,
    maxBatchingWindow: Duration.seconds(consumer.maxBatchingWindowSeconds),
    reportBatchItemFailures: true,
    maxConcurrency: consumer.maxConcurrency,
  });

/** `notifications-consumer`, `table-stream` or `test-session-sweep`: how logs, tags and alarms name a consumer. */
export const nameOf = (consumer: Consumer): string =>
  consumer.kind === 'queue' ? `${consumer.queue}-consumer` : consumer.name;
