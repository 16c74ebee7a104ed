import { ENV } from '@assist-ten/core/shared/env';
import { CfnElement, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  LogGroupLogDestination,
  WebSocketApi,
  type WebSocketRoute,
  WebSocketStage,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Grant, IGrantable } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { StageConfig } from '../stacks/stage-config.ts';
import { CONTEXT_TAG } from './api.ts';
import { HouseFunction } from './house-function.ts';

/** The context tag of the WebSocket function (logs, metrics and tests find it by this). */
export const REALTIME_CONTEXT = 'notifications-realtime';

/** The routes of the WebSocket API; all three go to one function, which dispatches on the key. */
export const WEBSOCKET_ROUTE_KEYS = ['$connect', '$disconnect', '$default'] as const;

/** One access-log line per handshake, message and close, as JSON. Never the query string: it holds the token. */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  eventType: '$context.eventType',
  routeKey: '$context.routeKey',
  connectionId: '$context.connectionId',
  status: '$context.status',
  integrationLatency: '$context.integrationLatency',
  error: '$context.error.message',
  sourceIp: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
};

export interface RealtimeProps {
  readonly config: StageConfig;
  readonly table: ITable;
  /** Issuer (`iss`) and audience (app client id) of the staff ID tokens $connect accepts. */
  readonly issuerUrl: string;
  readonly audience: string;
}

const AUTHORISED_IN_FUNCTION: Record<(typeof WEBSOCKET_ROUTE_KEYS)[number], string> = {
  $connect:
    'WebSocket APIs have no JWT authorizer: the $connect function verifies the staff ID token from the query (signature against the pool JWKS, issuer, audience, expiry, token_use) and refuses with 401/403.',
  $disconnect:
    'API Gateway allows an authorizer on $connect only; $disconnect runs for a connection that $connect already authorised, and only forgets it.',
  $default:
    'API Gateway allows an authorizer on $connect only; $default messages arrive on a connection that $connect already authorised, and only get a pong.',
};

/**
 * Real-time delivery: an API Gateway WebSocket API whose connections are staff users who
 * passed the $connect check, remembered in the table so the notifications consumer can
 * push to them through the management API (`grantManageConnections` + `callbackUrl`).
 *
 * Deploying needs the account's API Gateway CloudWatch Logs role (`aws apigateway
 * update-account`, once per account and region): WebSocket stages, unlike HTTP APIs, write
 * access logs through it. The stack does not set it, as it is shared by every API of the account.
 */
export class Realtime extends Construct {
  readonly webSocketApi: WebSocketApi;
  readonly stage: WebSocketStage;
  readonly accessLogs: LogGroup;
  readonly function: HouseFunction;
  readonly routes: ReadonlyMap<string, WebSocketRoute>;

  constructor(scope: Construct, id: string, props: RealtimeProps) {
    super(scope, id);
    const { config } = props;

    this.function = new HouseFunction(this, 'ConnectionsFunction', {
      entry: 'functions/websocket/notifications/handler.ts',
      config,
      description: 'WebSocket routes of real-time notifications ($connect, $disconnect, $default)',
      tags: { [CONTEXT_TAG]: REALTIME_CONTEXT },
      environment: {
        [ENV.tokenIssuer]: props.issuerUrl,
        [ENV.tokenAudience]: props.audience,
        POWERTOOLS_SERVICE_NAME: REALTIME_CONTEXT,
      },
    });
    this.function.bindTable(props.table);

    this.webSocketApi = new WebSocketApi(this, 'WebSocketApi', {
      apiName: `${Stack.of(this).stackName}-realtime`,
      description: `Assist-Ten real-time notifications (${config.stage})`,
    });
    const integration = new WebSocketLambdaIntegration('ConnectionsIntegration', this.function.function);
    const routes = new Map<string, WebSocketRoute>();
    for (const routeKey of WEBSOCKET_ROUTE_KEYS) {
      // Only $default answers (a pong); $connect and $disconnect answers never reach a client.
      const route = this.webSocketApi.addRoute(routeKey, { integration, returnResponse: routeKey === '$default' });
      Validations.of(route).acknowledge({ id: 'AwsSolutions-APIG4', reason: AUTHORISED_IN_FUNCTION[routeKey] });
      routes.set(routeKey, route);
    }
    this.routes = routes;

    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: config.logRetention,
      removalPolicy: config.removalPolicy,
    });
    this.stage = new WebSocketStage(this, 'Stage', {
      webSocketApi: this.webSocketApi,
      stageName: config.stage,
      autoDeploy: true,
      throttle: { ...config.apiThrottle },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
  }

  /** Where clients connect: `wss://<api>.execute-api.<region>.amazonaws.com/<stage>`. */
  get url(): string {
    return this.stage.url;
  }

  /** The management API of this stage (WEBSOCKET_CALLBACK_URL): `https://.../<stage>`. */
  get callbackUrl(): string {
    return this.stage.callbackUrl;
  }

  /** execute-api:ManageConnections on this stage's `@connections/*` only: post to, read and close connections. */
  grantManageConnections(grantable: IGrantable): Grant {
    const grant = this.stage.grantManagementApiAccess(grantable);
    const principal = grantable.grantPrincipal;
    if (Construct.isConstruct(principal)) {
      Validations.of(principal).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${this.connectionsArnForNag()}]`,
        reason:
          'Connection ids are minted by API Gateway per socket at run time; "<stage>/*/@connections/*" is the narrowest ARN naming the connections of this one WebSocket API stage.',
      });
    }
    return grant;
  }

  /** The granted ARN as cdk-nag prints it in a finding: tokens as `<AWS::Region>` and `<LogicalId>`. */
  private connectionsArnForNag(): string {
    const api = this.webSocketApi.node.defaultChild;
    if (!CfnElement.isCfnElement(api)) throw new Error(`${this.webSocketApi.node.path} has no CloudFormation resource`);
    const apiId = Stack.of(this).getLogicalId(api);
    return `arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<${apiId}>/${this.stage.stageName}/*/@connections/*`;
  }
}
