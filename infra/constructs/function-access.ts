import { ENV } from '@assist-ten/core/shared/env';
import type { FileKind } from '@assist-ten/core/shared/files';
import { Arn, ArnFormat, Stack, Validations } from 'aws-cdk-lib';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { CandidateTokenAccess, FileAction, FunctionAccess } from '../../functions/access.ts';
import { emailDomainOf, type StageConfig } from '../stacks/stage-config.ts';
import type { PersonalDataKeys } from './data.ts';
import { type HouseFunction, nagTokenOf } from './house-function.ts';
import type { Messaging } from './messaging.ts';

/** What a realtime construct offers the functions that push to WebSocket connections. */
export interface RealtimeEndpoint {
  readonly callbackUrl: string;
  grantManageConnections(grantable: IGrantable): unknown;
}

/** The resources a function's access can name. */
export interface AccessResources {
  readonly config: StageConfig;
  readonly messaging?: Messaging;
  readonly realtime?: RealtimeEndpoint;
  readonly bucket?: IBucket;
  readonly personalDataKeys?: PersonalDataKeys;
  /** Signs candidate access tokens (Data.candidateTokenKey). */
  readonly candidateTokenKey?: IKey;
}

const CANDIDATE_TOKEN_ACTIONS: Record<CandidateTokenAccess, readonly string[]> = {
  // Issuing needs the public key too: the same function verifies the tokens it issued.
  sign: ['kms:Sign', 'kms:GetPublicKey'],
  verify: ['kms:GetPublicKey'],
};

const FILE_ACTIONS: Record<FileAction, readonly string[]> = {
  read: ['s3:GetObject'],
  // Tagging too: export files carry the tag the lifecycle rule expires them by.
  write: ['s3:PutObject', 's3:PutObjectTagging'],
  // Erasure removes every version of a file, not only the current one (the bucket is versioned).
  delete: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
  // A processed file is tagged for the bucket's lifecycle rule, without the right to rewrite it.
  tag: ['s3:PutObjectTagging'],
};

const required = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Error(`A function's access needs ${what}, which was not passed`);
  return value;
};

/**
 * Grants a function exactly what its FunctionAccess (functions/access.ts) asks for and
 * sets the environment variables that name those resources: one place for HTTP contexts
 * and consumers alike.
 */
export const grantAccess = (
  scope: Construct,
  fn: HouseFunction,
  access: FunctionAccess,
  resources: AccessResources,
) => {
  const { config } = resources;
  for (const queueName of access.sendsTo ?? []) {
    const { queue, definition } = required(resources.messaging, 'the queues').queue(queueName);
    queue.grantSendMessages(fn.function);
    fn.function.addEnvironment(definition.urlEnv, queue.queueUrl);
  }
  if (access.email === true) {
    const domain = emailDomainOf(config.emailFrom);
    fn.function.addToRolePolicy(
      new PolicyStatement({
        // SESv2 SendEmail with Content.Raw (calendar invitations carry a text/calendar part) is
        // authorised as ses:SendRawEmail; simple content as ses:SendEmail.
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [Arn.format({ service: 'ses', resource: 'identity', resourceName: domain ?? '' }, Stack.of(scope))],
      }),
    );
    fn.function.addEnvironment(ENV.emailFrom, config.emailFrom);
    fn.function.addEnvironment(ENV.frontendBaseUrl, config.frontendBaseUrl);
  }
  if (access.realtime === true) {
    const realtime = required(resources.realtime, 'the WebSocket API');
    realtime.grantManageConnections(fn.function);
    fn.function.addEnvironment(ENV.websocketCallbackUrl, realtime.callbackUrl);
  }
  if (access.personalData === true) {
    const keys = required(resources.personalDataKeys, 'the personal data keys');
    keys.envelope.grant(fn.function, 'kms:GenerateDataKey', 'kms:Decrypt');
    keys.blindIndex.grant(fn.function, 'kms:GenerateMac');
    fn.function.addEnvironment(ENV.piiKeyId, keys.envelope.keyArn);
    fn.function.addEnvironment(ENV.blindIndexKeyId, keys.blindIndex.keyArn);
  }
  if (access.candidateTokens !== undefined) {
    const key = required(resources.candidateTokenKey, 'the candidate token key');
    key.grant(fn.function, ...CANDIDATE_TOKEN_ACTIONS[access.candidateTokens]);
    fn.function.addEnvironment(ENV.candidateTokenKeyId, key.keyArn);
  }
  const files = Object.entries(access.files ?? {}) as [FileKind, readonly FileAction[]][];
  if (files.length) {
    const bucket = required(resources.bucket, 'the file bucket');
    for (const [kind, actions] of files) {
      fn.function.addToRolePolicy(
        new PolicyStatement({
          actions: actions.flatMap((action) => FILE_ACTIONS[action]),
          resources: [bucket.arnForObjects(`tenant/*/${kind}/*`)],
        }),
      );
    }
    const erasable = files.filter(([, actions]) => actions.includes('delete')).map(([kind]) => kind);
    if (erasable.length) {
      fn.function.addToRolePolicy(
        new PolicyStatement({
          actions: ['s3:ListBucketVersions'],
          resources: [bucket.bucketArn],
          conditions: { StringLike: { 's3:prefix': erasable.map((kind) => `tenant/*/${kind}/*`) } },
        }),
      );
    }
    fn.function.addEnvironment(ENV.bucketName, bucket.bucketName);
    const bucketToken = nagTokenOf(Stack.of(scope).resolve(bucket.bucketArn));
    for (const [kind] of files) {
      if (bucketToken === undefined) break;
      Validations.of(fn.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${bucketToken}/tenant/*/${kind}/*]`,
        reason:
          'File grants are per kind of tenant file (tenant/*/<kind>/*): which tenant and object is decided per request by the authorisation check, and every key the code signs or touches is built from the verified tenant.',
      });
    }
  }
  if (access.faceAnalysis === true) {
    // DetectFaces takes the image's bytes and names no resource: IAM cannot narrow it further.
    fn.function.addToRolePolicy(new PolicyStatement({ actions: ['rekognition:DetectFaces'], resources: ['*'] }));
    Validations.of(fn.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'rekognition:DetectFaces analyses bytes sent with the call and supports no resource-level permissions.',
    });
    fn.function.addEnvironment(ENV.faceAnalyser, 'rekognition');
  }
  if (access.bedrock === true && config.bedrockModelId !== undefined) {
    const modelId = config.bedrockModelId;
    const stack = Stack.of(scope);
    // A cross-region inference profile (`us.<model>`) is invoked in this region and runs the model in others.
    const foundationModel = modelId.replace(/^(us|eu|apac|global)\./, '');
    fn.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['bedrock:InvokeModel'],
        resources: [
          Arn.format(
            {
              service: 'bedrock',
              region: '*',
              account: '',
              resource: 'foundation-model',
              resourceName: foundationModel,
            },
            stack,
          ),
          ...(foundationModel === modelId
            ? []
            : [
                Arn.format(
                  {
                    service: 'bedrock',
                    resource: 'inference-profile',
                    resourceName: modelId,
                    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
                  },
                  stack,
                ),
              ]),
        ],
      }),
    );
    // The stage's model does every model task the function has: extraction, generation, scoring.
    for (const name of [ENV.skillExtractor, ENV.questionGenerator, ENV.answerScorer]) {
      fn.function.addEnvironment(name, 'bedrock');
    }
    fn.function.addEnvironment(ENV.bedrockModelId, modelId);
  }
};
