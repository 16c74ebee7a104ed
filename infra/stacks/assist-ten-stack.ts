import { ENV } from '@assist-ten/core/shared/env';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Api } from '../constructs/api.ts';
import { Auth } from '../constructs/auth.ts';
import { Consumers } from '../constructs/consumers.ts';
import { Data } from '../constructs/data.ts';
import { Messaging } from '../constructs/messaging.ts';
import { pascalCase } from '../constructs/names.ts';
import { Observability } from '../constructs/observability.ts';
import { Realtime } from '../constructs/realtime.ts';
import type { StageConfig } from './stage-config.ts';

export interface AssistTenStackProps extends StackProps {
  readonly config: StageConfig;
}

/** The whole backend of one stage. It only composes the feature constructs. */
export class AssistTenStack extends Stack {
  readonly data: Data;
  readonly messaging: Messaging;
  readonly auth: Auth;
  readonly api: Api;
  readonly realtime: Realtime;
  readonly consumers: Consumers;
  readonly observability: Observability;

  constructor(scope: Construct, id: string, props: AssistTenStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.data = new Data(this, 'Data', { config });
    this.messaging = new Messaging(this, 'Messaging', { bucket: this.data.bucket });
    this.auth = new Auth(this, 'Auth', { config });
    this.api = new Api(this, 'Api', {
      config,
      table: this.data.table,
      issuerUrl: this.auth.issuerUrl,
      audience: this.auth.client.userPoolClientId,
      userPool: this.auth.userPool,
      messaging: this.messaging,
      bucket: this.data.bucket,
      personalDataKeys: this.data.personalDataKeys,
      candidateTokenKey: this.data.candidateTokenKey,
    });
    this.realtime = new Realtime(this, 'Realtime', {
      config,
      table: this.data.table,
      issuerUrl: this.auth.issuerUrl,
      audience: this.auth.client.userPoolClientId,
    });
    this.consumers = new Consumers(this, 'Consumers', {
      config,
      table: this.data.table,
      messaging: this.messaging,
      realtime: this.realtime,
      bucket: this.data.bucket,
      personalDataKeys: this.data.personalDataKeys,
      candidateTokenKey: this.data.candidateTokenKey,
    });
    this.observability = new Observability(this, 'Observability', {
      config,
      httpApi: this.api.httpApi,
      functions: new Map([...this.api.functions, ...this.consumers.functions, ['realtime', this.realtime.function]]),
      queues: this.messaging.queues,
      streamFunctions: this.consumers.streamFunctions,
      streamFailures: this.consumers.streamFailures,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'WebSocketUrl', {
      value: this.realtime.url,
      description: 'Real-time notifications: connect with ?token=<ID token>',
    });
    new CfnOutput(this, 'IssuerUrl', { value: this.auth.issuerUrl, description: 'Issuer of staff tokens' });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', {
      value: this.auth.client.userPoolClientId,
      description: 'Web app client',
    });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName, description: ENV.tableName });
    new CfnOutput(this, 'BucketName', { value: this.data.bucket.bucketName, description: ENV.bucketName });
    for (const { definition, queue } of this.messaging.queues) {
      new CfnOutput(this, `${pascalCase(definition.name)}QueueUrl`, {
        value: queue.queueUrl,
        description: definition.urlEnv,
      });
    }
    new CfnOutput(this, 'AlarmTopicArn', { value: this.observability.alarmTopic.topicArn });
  }
}
