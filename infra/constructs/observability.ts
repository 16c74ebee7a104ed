import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  Stats,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from '../stacks/stage-config.ts';
import type { HouseFunction } from './house-function.ts';
import type { ManagedQueue } from './messaging.ts';
import { pascalCase } from './names.ts';

const PERIOD = Duration.minutes(5);
/** 5xx responses in one period that page someone. */
const API_5XX_THRESHOLD = 5;

export interface ObservabilityProps {
  readonly config: StageConfig;
  readonly httpApi: HttpApi;
  /** Every function, HTTP contexts and consumers alike, by the name alarms give it. */
  readonly functions: ReadonlyMap<string, HouseFunction>;
  readonly queues: readonly ManagedQueue[];
  /** Functions reading the table's stream: their iterator age is how late events are. */
  readonly streamFunctions: ReadonlyMap<string, HouseFunction>;
  /** Where stream batches go that Lambda gave up on. */
  readonly streamFailures: IQueue;
}

/** Events older than this in the stream mean the relay is stuck; notifications are late. */
const ITERATOR_AGE_ALARM_MS = 5 * 60 * 1000;

/**
 * Alarms (a message in any DLQ, any Lambda error, API 5xx) sent to one encrypted SNS
 * topic, and a dashboard with the same signals side by side.
 */
export class Observability extends Construct {
  readonly alarmTopic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    const { config } = props;

    // CloudWatch cannot publish to a topic under the AWS managed SNS key; it needs a key
    // whose policy lets it encrypt.
    const key = new Key(this, 'AlarmTopicKey', {
      description: 'Encrypts the alarm topic',
      enableKeyRotation: true,
      removalPolicy: config.removalPolicy,
    });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      displayName: `Assist-Ten ${config.stage} alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    if (config.alarmEmail !== undefined) this.alarmTopic.addSubscription(new EmailSubscription(config.alarmEmail));

    for (const { definition, deadLetterQueue } of props.queues) {
      this.addAlarm(`${pascalCase(definition.name)}DeadLetters`, {
        description: `Messages in the ${definition.name} dead-letter queue: a consumer gave up on them`,
        metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: Stats.MAXIMUM }),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      });
    }
    this.addAlarm('StreamFailures', {
      description: 'A table stream batch was given up after 24 hours of retries: its events were not relayed',
      metric: props.streamFailures.metricApproximateNumberOfMessagesVisible({
        period: PERIOD,
        statistic: Stats.MAXIMUM,
      }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
    for (const [name, fn] of props.streamFunctions) {
      this.addAlarm(`${pascalCase(name)}IteratorAge`, {
        description: `The ${name} function is more than ${ITERATOR_AGE_ALARM_MS / 60_000} minutes behind the table's stream`,
        metric: iteratorAge(fn),
        threshold: ITERATOR_AGE_ALARM_MS,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      });
    }
    for (const [context, fn] of props.functions) {
      this.addAlarm(`${pascalCase(context)}FunctionErrors`, {
        description: `Unhandled errors or timeouts in the ${context} function`,
        metric: fn.function.metricErrors({ period: PERIOD, statistic: Stats.SUM }),
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      });
    }
    this.addAlarm('Api5xx', {
      description: `${API_5XX_THRESHOLD} or more 5xx responses from the API in ${PERIOD.toMinutes()} minutes`,
      metric: props.httpApi.metricServerError({ period: PERIOD, statistic: Stats.SUM }),
      threshold: API_5XX_THRESHOLD,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });

    const functions = [...props.functions];
    this.dashboard = new Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(3),
      widgets: [
        [
          graph('API requests', [props.httpApi.metricCount({ period: PERIOD })]),
          graph('API 4xx / 5xx', [
            props.httpApi.metricClientError({ period: PERIOD }),
            props.httpApi.metricServerError({ period: PERIOD }),
          ]),
          graph('API latency p95', [props.httpApi.metricLatency({ period: PERIOD, statistic: Stats.p(95) })]),
        ],
        [
          graph(
            'Function errors',
            functions.map(([context, fn]) => fn.function.metricErrors({ period: PERIOD, label: context })),
          ),
          graph(
            'Function duration p95',
            functions.map(([context, fn]) =>
              fn.function.metricDuration({ period: PERIOD, statistic: Stats.p(95), label: context }),
            ),
          ),
          graph(
            'Dead-letter queue depth',
            props.queues.map(({ definition, deadLetterQueue }) =>
              deadLetterQueue.metricApproximateNumberOfMessagesVisible({
                period: PERIOD,
                statistic: Stats.MAXIMUM,
                label: definition.name,
              }),
            ),
          ),
          graph(
            'Stream iterator age (ms)',
            [...props.streamFunctions].map(([name, fn]) => iteratorAge(fn, name)),
          ),
          graph(
            'Oldest message age (s)',
            props.queues.map(({ definition, queue }) =>
              queue.metricApproximateAgeOfOldestMessage({
                period: PERIOD,
                statistic: Stats.MAXIMUM,
                label: definition.name,
              }),
            ),
          ),
        ],
      ],
    });
  }

  private addAlarm(
    id: string,
    options: { description: string; metric: IMetric; threshold: number; comparisonOperator: ComparisonOperator },
  ): void {
    const alarm = new Alarm(this, id, {
      alarmDescription: options.description,
      metric: options.metric,
      threshold: options.threshold,
      comparisonOperator: options.comparisonOperator,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.alarmTopic));
    alarm.addOkAction(new SnsAction(this.alarmTopic));
    this.alarms.push(alarm);
  }
}

const iteratorAge = (fn: HouseFunction, label?: string): IMetric =>
  fn.function.metric('IteratorAge', { period: PERIOD, statistic: Stats.MAXIMUM, ...(label ? { label } : {}) });

const graph = (title: string, metrics: IMetric[]): GraphWidget => new GraphWidget({ title, left: metrics, width: 6 });
