import { describe, expect, it } from 'vitest';
import { CONTEXTS } from '../../functions/routes.ts';
import { logicalIdOf, synthesize } from './synth.ts';

const { template, stack } = synthesize('dev');

describe('Observability', () => {
  it('sends alarms to one topic encrypted with a rotated key that CloudWatch may use', () => {
    // Arrange
    const keyId = logicalIdOf(stack.observability.alarmTopic.masterKey ?? stack.observability.alarmTopic);

    // Act
    const topics = Object.values(template.findResources('AWS::SNS::Topic'));
    const key = template.toJSON().Resources[keyId];

    // Assert
    expect(topics).toHaveLength(1);
    expect(topics[0]?.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(key?.Properties.EnableKeyRotation).toBe(true);
    expect(key?.Properties.KeyPolicy.Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: expect.arrayContaining(['kms:Decrypt', 'kms:GenerateDataKey*']),
        }),
      ]),
    );
  });

  it.each(CONTEXTS)('alarms on any error of the %s function', (context) => {
    // Arrange
    const fn = stack.api.functions.get(context);
    if (!fn) throw new Error(`No function for ${context}`);
    const functionId = logicalIdOf(fn.function);

    // Act
    const alarms = Object.values(
      template.findResources('AWS::CloudWatch::Alarm', {
        Properties: {
          Namespace: 'AWS/Lambda',
          MetricName: 'Errors',
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionId } }],
        },
      }),
    );

    // Assert
    expect(alarms).toHaveLength(1);
    expect(alarms[0]?.Properties).toMatchObject({
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: logicalIdOf(stack.observability.alarmTopic) }],
    });
  });

  it('alarms on API 5xx responses', () => {
    // Arrange
    const apiId = logicalIdOf(stack.api.httpApi);

    // Act
    const alarms = Object.values(
      template.findResources('AWS::CloudWatch::Alarm', {
        Properties: {
          Namespace: 'AWS/ApiGateway',
          MetricName: '5xx',
          Dimensions: [{ Name: 'ApiId', Value: { Ref: apiId } }],
        },
      }),
    );

    // Assert
    expect(alarms).toHaveLength(1);
  });

  it('has a dashboard', () => {
    // Arrange / Act
    const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));

    // Assert
    expect(dashboards).toHaveLength(1);
  });
});
