import { ENV } from '@assist-ten/core/shared/env';
import {
  CORS_ALLOW_HEADERS,
  CORS_ALLOW_METHODS,
  CORS_EXPOSE_HEADERS,
  CORS_MAX_AGE_SECONDS,
} from '@assist-ten/lambda-kit/http/cors';
import type { RouteAuth } from '@assist-ten/lambda-kit/http/route';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { CONTEXT_ACCESS } from '../../functions/access.ts';
import { CONTEXTS, type Context, type Route, routes } from '../../functions/routes.ts';
import { type AccessResources, grantAccess } from './function-access.ts';
import { HouseFunction } from './house-function.ts';
import { pascalCase } from './names.ts';

/** Tag on every context function: physical names are generated, this says which context it serves. */
export const CONTEXT_TAG = 'assist-ten:context';

/** One access-log line per request, as JSON. */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  latency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  responseLength: '$context.responseLength',
  sourceIp: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
};

export interface ApiProps extends AccessResources {
  readonly table: ITable;
  /** Issuer (`iss`) and audience (app client id) of the staff tokens. */
  readonly issuerUrl: string;
  readonly audience: string;
  /** Staff accounts, administered by the contexts in CONTEXTS_ADMINISTERING_USERS. */
  readonly userPool: IUserPool;
}

/** The contexts that create, disable and regroup staff accounts; no other function may. */
export const CONTEXTS_ADMINISTERING_USERS: readonly Context[] = ['identity'];

/**
 * The HTTP API, built from the route table: one Lambda per bounded context and one
 * explicit route per entry of `functions/routes.ts`, with the authorizer the entry asks for.
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  readonly functions: ReadonlyMap<Context, HouseFunction>;
  readonly routes: ReadonlyMap<string, HttpRoute>;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const { config } = props;

    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: Stack.of(this).stackName,
      description: `Assist-Ten API (${config.stage})`,
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [...config.allowedOrigins],
        allowMethods: CORS_ALLOW_METHODS.map((method) => CorsHttpMethod[method]),
        allowHeaders: [...CORS_ALLOW_HEADERS],
        exposeHeaders: [...CORS_EXPOSE_HEADERS],
        maxAge: Duration.seconds(CORS_MAX_AGE_SECONDS),
      },
    });

    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: config.logRetention,
      removalPolicy: config.removalPolicy,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      autoDeploy: true,
      throttle: { ...config.apiThrottle },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    const functions = new Map<Context, HouseFunction>();
    const integrations = new Map<Context, HttpLambdaIntegration>();
    for (const context of CONTEXTS) {
      const fn = new HouseFunction(this, `${pascalCase(context)}Function`, {
        entry: `functions/http/${context}/handler.ts`,
        config,
        description: `HTTP routes of the ${context} context`,
        tags: { [CONTEXT_TAG]: context },
        environment: {
          [ENV.allowedOrigins]: config.allowedOrigins.join(','),
          // Logs and metrics name the context, not the generated function name that changes on replacement.
          POWERTOOLS_SERVICE_NAME: context,
        },
      });
      fn.bindTable(props.table);
      if (CONTEXTS_ADMINISTERING_USERS.includes(context)) fn.bindUserPool(props.userPool);
      grantAccess(this, fn, CONTEXT_ACCESS[context] ?? {}, props);
      functions.set(context, fn);
      integrations.set(context, new HttpLambdaIntegration(`${pascalCase(context)}Integration`, fn.function));
    }
    this.functions = functions;

    const staff = new HttpJwtAuthorizer('StaffJwtAuthorizer', props.issuerUrl, {
      jwtAudience: [props.audience],
      identitySource: ['$request.header.Authorization'],
    });
    const routeConstructs = new Map<string, HttpRoute>();
    for (const route of routes) {
      const integration = integrations.get(route.context);
      if (!integration) throw new Error(`No function for context ${route.context} of ${route.routeKey}`);
      const httpRoute = new HttpRoute(this, routeId(route), {
        httpApi: this.httpApi,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration,
        authorizer: authorizerOf(route, staff),
      });
      if (route.auth.type === 'public') {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `Declared public in functions/routes.ts (${route.routeKey}: ${route.summary}); it needs no staff token, and any other credential it takes is verified by its handler.`,
        });
      }
      if (takesCandidateToken(route)) {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `A candidate route (${route.routeKey}): it takes a candidate access token (ES256, signed by our KMS key), which API Gateway's JWT authorizer cannot check without a public JWKS URL; lambda-kit verifies the token before any operation runs and answers 401 without one.`,
        });
      }
      routeConstructs.set(route.routeKey, httpRoute);
    }
    this.routes = routeConstructs;
  }

  /** The URL clients call (the default stage serves the API root). */
  get url(): string {
    return this.stage.url;
  }
}

/** Typed on RouteAuth, not on the table's own union, so it holds before the first candidate route exists. */
const takesCandidateToken = ({ auth }: { auth: RouteAuth }): boolean => auth.type === 'candidate';

const authorizerOf = ({ auth }: { auth: RouteAuth }, staff: IHttpRouteAuthorizer): IHttpRouteAuthorizer => {
  switch (auth.type) {
    case 'public':
      return new HttpNoneAuthorizer();
    // Verified by the function itself (lambda-kit), before any operation: see the APIG4 acknowledgement.
    case 'candidate':
      return new HttpNoneAuthorizer();
    case 'staff':
      return staff;
  }
};

/** `GET /api/v1/recruiter/requisitions/{id}` -> `GetApiV1RecruiterRequisitionsIdRoute`. */
const routeId = (route: Route): string => `${pascalCase(route.routeKey.toLowerCase())}Route`;
