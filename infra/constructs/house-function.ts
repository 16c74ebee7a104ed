import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENV } from '@assist-ten/core/shared/env';
import { Duration, Stack, Tags, Validations } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { StageConfig } from '../stacks/stage-config.ts';
import { LAMBDA_ESBUILD_OPTIONS } from './bundling.ts';

/** The repository root: bundling resolves workspaces and the lock file from here. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What the access patterns need: Get/Query and conditional writes, single or batched. */
const TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:DescribeTable',
];

export interface HouseFunctionProps {
  /** Entry file, relative to the repository root (`functions/http/<context>/handler.ts`). */
  readonly entry: string;
  readonly config: StageConfig;
  readonly description: string;
  /** Tags the function so operators and tests find it without a physical name. */
  readonly tags?: Readonly<Record<string, string>>;
  /** Defaults to 10 seconds, the budget of an HTTP request. */
  readonly timeout?: Duration;
  readonly memorySize?: number;
  readonly environment?: Readonly<Record<string, string>>;
  /** Ships a source map and enables it at runtime (bigger bundle, slower cold start). */
  readonly sourceMap?: boolean;
}

/**
 * Our Lambda defaults in one place: Node.js 24 on ARM64, an ESM bundle, an explicit log
 * group, active tracing and a role of its own with no AWS managed policy. `bind*`
 * methods grant access and set the matching environment variable in one call.
 */
export class HouseFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: HouseFunctionProps) {
    super(scope, id);
    const { config } = props;

    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: config.logRetention,
      removalPolicy: config.removalPolicy,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs: ${props.description}`,
    });
    this.logGroup.grantWrite(this.role);

    const entry = join(REPO_ROOT, props.entry);
    const sourceMap = props.sourceMap ?? false;
    this.function = new NodejsFunction(this, 'Function', {
      entry,
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      environment: {
        [ENV.stage]: config.stage,
        [ENV.auditRetentionDays]: String(config.auditRetentionDays),
        ...props.environment,
        ...(sourceMap ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
      },
      bundling: {
        format: OutputFormat.ESM,
        target: LAMBDA_ESBUILD_OPTIONS.target,
        mainFields: [...LAMBDA_ESBUILD_OPTIONS.mainFields],
        // The AWS SDK is bundled (the version we test, tree-shaken), all but what Lambda never loads.
        externalModules: [...LAMBDA_ESBUILD_OPTIONS.external],
        banner: LAMBDA_ESBUILD_OPTIONS.banner.js,
        minify: LAMBDA_ESBUILD_OPTIONS.minify,
        sourceMap,
        ...(sourceMap ? { sourcesContent: false } : {}),
      },
    });
    for (const [key, value] of Object.entries(props.tags ?? {})) Tags.of(this.function).add(key, value);

    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active tracing adds xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level permissions (Resource "*" is the only valid value).',
    });
  }

  /** Staff account administration on this one user pool, and USER_POOL_ID. */
  bindUserPool(pool: IUserPool): void {
    pool.grant(this.function, ...USER_POOL_ACTIONS);
    this.function.addEnvironment(ENV.userPoolId, pool.userPoolId);
  }

  /**
   * Item reads and writes on the single table and its indexes, and TABLE_NAME. Not
   * grantReadWriteData: it includes Scan, and a Scan in this system is a bug.
   */
  bindTable(table: ITable): void {
    table.grant(this.function, ...TABLE_ACTIONS);
    this.function.addEnvironment(ENV.tableName, table.tableName);
    const tableArn: unknown = Stack.of(this).resolve(table.tableArn);
    const arnToken = nagTokenOf(tableArn);
    if (arnToken === undefined) return;
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${arnToken}/index/*]`,
      reason:
        'The grant is scoped to this one table and its indexes; "<table>/index/*" is how IAM names the GSIs the access patterns query.',
    });
  }
}

/** What the identity provider does to staff accounts (packages/core/src/identity/identity-provider.ts). */
export const USER_POOL_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminDeleteUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminListGroupsForUser',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
] as const;

/** The form cdk-nag writes a resolved `Fn::GetAtt [id, Arn]` in findings: `<id.Arn>`. */
export const nagTokenOf = (resolved: unknown): string | undefined => {
  if (typeof resolved !== 'object' || resolved === null || !('Fn::GetAtt' in resolved)) return undefined;
  const getAtt = resolved['Fn::GetAtt'];
  if (!Array.isArray(getAtt) || getAtt.length !== 2) return undefined;
  return `<${getAtt[0]}.${getAtt[1]}>`;
};
