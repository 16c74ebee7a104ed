import { QUEUES } from '@assist-ten/core/shared/queues';
import { describe, expect, it } from 'vitest';
import { QUEUE_TAG } from '../../infra/constructs/messaging.ts';
import { logicalIdOf, resourcesTagged, synthesize } from './synth.ts';

const { template, stack } = synthesize('dev');

const onlyLogicalId = (resources: Record<string, unknown>): string => {
  const ids = Object.keys(resources);
  expect(ids).toHaveLength(1);
  return ids[0] ?? '';
};

describe('Messaging', () => {
  it('creates a queue and a dead-letter queue per QUEUES entry, plus the stream failure queue, and nothing else', () => {
    // Arrange
    const expected = QUEUES.length * 2 + 1;

    // Act
    const queues = template.findResources('AWS::SQS::Queue');

    // Assert
    expect(Object.keys(queues)).toHaveLength(expected);
    for (const queue of Object.values(queues)) expect(queue.Properties.QueueName).toBeUndefined();
  });

  it.each(QUEUES)('redrives the $name queue to its DLQ after maxReceiveCount $maxReceiveCount', (definition) => {
    // Arrange
    const dlqId = onlyLogicalId(resourcesTagged(template, 'AWS::SQS::Queue', QUEUE_TAG, `${definition.name}-dlq`));

    // Act
    const queue = Object.values(resourcesTagged(template, 'AWS::SQS::Queue', QUEUE_TAG, definition.name));

    // Assert
    expect(queue).toHaveLength(1);
    expect(queue[0]?.Properties).toMatchObject({
      VisibilityTimeout: definition.visibilityTimeoutSeconds,
      SqsManagedSseEnabled: true,
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] },
        maxReceiveCount: definition.maxReceiveCount,
      },
    });
  });

  it.each(QUEUES)('keeps $name dead letters 14 days, encrypted', (definition) => {
    // Arrange / Act
    const dlq = Object.values(resourcesTagged(template, 'AWS::SQS::Queue', QUEUE_TAG, `${definition.name}-dlq`));

    // Assert
    expect(dlq[0]?.Properties).toMatchObject({ MessageRetentionPeriod: 14 * 24 * 3600, SqsManagedSseEnabled: true });
  });

  it.each(QUEUES)('alarms as soon as one message sits in the $name DLQ', (definition) => {
    // Arrange
    const dlqId = logicalIdOf(stack.messaging.queue(definition.name).deadLetterQueue);
    const topicId = logicalIdOf(stack.observability.alarmTopic);

    // Act
    const alarms = template.findResources('AWS::CloudWatch::Alarm', {
      Properties: {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } }],
      },
    });

    // Assert
    expect(Object.values(alarms)).toHaveLength(1);
    expect(Object.values(alarms)[0]?.Properties).toMatchObject({
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: topicId }],
    });
  });

  it('refuses requests without TLS on every queue', () => {
    // Arrange
    const queueIds = Object.keys(template.findResources('AWS::SQS::Queue'));

    // Act
    const policies = Object.values(template.findResources('AWS::SQS::QueuePolicy'));

    // Assert
    for (const queueId of queueIds) {
      const policy = policies.find((candidate) => JSON.stringify(candidate.Properties.Queues).includes(`"${queueId}"`));
      expect(JSON.stringify(policy?.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    }
  });

  const routed = QUEUES.filter((definition) => 'objectCreatedKeyPattern' in definition);

  it('routes S3 Object Created events to every queue that asks for them', () => {
    // Arrange / Act
    const rules = Object.values(template.findResources('AWS::Events::Rule')).filter(
      (rule) => rule.Properties.EventPattern?.source?.[0] === 'aws.s3',
    );

    // Assert
    expect(routed.length).toBeGreaterThan(0);
    expect(rules).toHaveLength(routed.length);
  });

  it.each(routed)('sends objects matching $objectCreatedKeyPattern to the $name queue', (definition) => {
    // Arrange
    const bucketId = logicalIdOf(stack.data.bucket);
    const { queue, deadLetterQueue } = stack.messaging.queue(definition.name);

    // Act
    const rules = Object.values(
      template.findResources('AWS::Events::Rule', {
        Properties: { Targets: [{ Arn: { 'Fn::GetAtt': [logicalIdOf(queue), 'Arn'] } }] },
      }),
    );

    // Assert
    expect(rules).toHaveLength(1);
    expect(rules[0]?.Properties.EventPattern).toEqual({
      source: ['aws.s3'],
      'detail-type': ['Object Created'],
      detail: {
        bucket: { name: [{ Ref: bucketId }] },
        object: { key: [{ wildcard: definition.objectCreatedKeyPattern }] },
      },
    });
    expect(rules[0]?.Properties.Targets[0].DeadLetterConfig).toEqual({
      Arn: { 'Fn::GetAtt': [logicalIdOf(deadLetterQueue), 'Arn'] },
    });
  });
});
