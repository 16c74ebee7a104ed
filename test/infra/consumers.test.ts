import { QUEUES } from '@assist-ten/core/shared/queues';
import { describe, expect, it } from 'vitest';
import { CONSUMERS } from '../../functions/consumers.ts';
import { CONSUMER_TAG, nameOf } from '../../infra/constructs/consumers.ts';
import { logicalIdOf, resourcesTagged, synthesize } from './synth.ts';

const { template, stack } = synthesize('dev');

const functionOf = (name: string) => {
  const found = Object.entries(resourcesTagged(template, 'AWS::Lambda::Function', CONSUMER_TAG, name));
  expect(found).toHaveLength(1);
  const [id, resource] = found[0] ?? ['', { Properties: {} }];
  return { id, properties: resource.Properties as Record<string, unknown> };
};

const mappingsOf = (functionId: string) =>
  Object.values(template.findResources('AWS::Lambda::EventSourceMapping')).filter(
    (mapping) => JSON.stringify(mapping.Properties.FunctionName) === JSON.stringify({ Ref: functionId }),
  );

const policyTextOf = (functionId: string): string => {
  const roleRef = JSON.stringify(functionOf(nameOfId(functionId)).properties.Role);
  return JSON.stringify(
    Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
      JSON.stringify(policy.Properties.Roles).includes(JSON.parse(roleRef)['Fn::GetAtt'][0]),
    ),
  );
};

const nameOfId = (functionId: string): string =>
  CONSUMERS.map(nameOf).find((name) => functionOf(name).id === functionId) ?? '';

describe('Consumers', () => {
  it.each(CONSUMERS.map((consumer) => [nameOf(consumer), consumer] as const))(
    '%s has one function whose timeout fits its source',
    (name, consumer) => {
      // Act
      const { properties } = functionOf(name);

      // Assert
      expect(properties.Timeout).toBe(consumer.timeoutSeconds);
      if (consumer.kind === 'queue') {
        const queue = QUEUES.find((definition) => definition.name === consumer.queue);
        expect(queue?.visibilityTimeoutSeconds).toBeGreaterThanOrEqual(6 * consumer.timeoutSeconds);
      }
    },
  );

  it('drains the notifications queue with partial batch failures and bounded concurrency', () => {
    // Arrange
    const { id } = functionOf('notifications-consumer');
    const queueId = logicalIdOf(stack.messaging.queue('notifications').queue);

    // Act
    const mappings = mappingsOf(id);

    // Assert
    expect(mappings).toHaveLength(1);
    expect(mappings[0]?.Properties).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 10 },
    });
  });

  it('lets the notifications consumer email from the configured sender and push to connections', () => {
    // Arrange
    const { id, properties } = functionOf('notifications-consumer');

    // Act
    const policies = policyTextOf(id);

    // Assert
    expect(properties.Environment).toMatchObject({
      Variables: {
        EMAIL_FROM: stack.node.tryGetContext('emailFrom') ?? expect.stringContaining('@'),
        FRONTEND_BASE_URL: 'http://localhost:5173',
      },
    });
    expect(JSON.stringify(properties.Environment)).toContain('WEBSOCKET_CALLBACK_URL');
    expect(policies).toContain('ses:SendEmail');
    // Calendar invitations go as raw MIME, which SES authorises as SendRawEmail.
    expect(policies).toContain('ses:SendRawEmail');
    expect(policies).toContain(':identity/assist-ten.dev');
    expect(policies).toContain('execute-api:ManageConnections');
    expect(policies).not.toContain('sqs:SendMessage');
  });

  it('reads the table stream from the oldest record, only outbox inserts and TTL-expired notifications and snapshots', () => {
    // Arrange
    const { id } = functionOf('table-stream');
    const tableId = logicalIdOf(stack.data.table);
    const failuresId = logicalIdOf(stack.consumers.streamFailures);

    // Act
    const mappings = mappingsOf(id);

    // Assert
    expect(mappings).toHaveLength(1);
    const properties = mappings[0]?.Properties;
    expect(properties).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [tableId, 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [failuresId, 'Arn'] } } },
    });
    const patterns = (properties.FilterCriteria.Filters as { Pattern: string }[]).map((filter) =>
      JSON.parse(filter.Pattern),
    );
    expect(patterns).toEqual([
      { eventName: ['INSERT'], dynamodb: { NewImage: { __edb_e__: { S: ['outboxEvent'] } } } },
      {
        eventName: ['REMOVE'],
        userIdentity: { type: ['Service'], principalId: ['dynamodb.amazonaws.com'] },
        dynamodb: { OldImage: { __edb_e__: { S: ['notification'] } } },
      },
      {
        eventName: ['REMOVE'],
        userIdentity: { type: ['Service'], principalId: ['dynamodb.amazonaws.com'] },
        dynamodb: { OldImage: { __edb_e__: { S: ['proctoring_snapshot'] } } },
      },
    ]);
  });

  it('lets the stream relay send to the notifications queue and nothing else', () => {
    // Arrange
    const { id, properties } = functionOf('table-stream');

    // Act
    const policies = policyTextOf(id);

    // Assert
    expect(JSON.stringify(properties.Environment)).toContain('NOTIFICATIONS_QUEUE_URL');
    expect(policies).toContain('sqs:SendMessage');
    expect(policies).not.toContain('ses:');
    expect(policies).not.toContain('execute-api:');
  });

  it('alarms when the relay falls behind the stream or gives a batch up', () => {
    // Arrange
    const failuresId = logicalIdOf(stack.consumers.streamFailures);

    // Act
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((alarm) =>
      JSON.stringify(alarm.Properties),
    );

    // Assert
    expect(alarms.filter((alarm) => alarm.includes('"IteratorAge"'))).toHaveLength(1);
    expect(alarms.filter((alarm) => alarm.includes(failuresId))).toHaveLength(1);
    for (const name of CONSUMERS.map(nameOf)) {
      expect(alarms.some((alarm) => alarm.includes(`Unhandled errors or timeouts in the ${name} function`))).toBe(true);
    }
  });
});

describe('Scheduled consumers', () => {
  it('invokes the test-session sweep every minute, with no retries of a failed run', () => {
    // Arrange
    const { id } = functionOf('test-session-sweep');

    // Act
    const rules = Object.values(template.findResources('AWS::Events::Rule')).filter((rule) =>
      JSON.stringify(rule.Properties.Targets).includes(id),
    );

    // Assert
    expect(rules).toHaveLength(1);
    expect(rules[0]?.Properties).toMatchObject({
      ScheduleExpression: 'rate(1 minute)',
      Targets: [expect.objectContaining({ RetryPolicy: { MaximumRetryAttempts: 0 } })],
    });
    expect(mappingsOf(id)).toEqual([]);
  });
});
