import { ENV } from '@assist-ten/core/shared/env';
import { describe, expect, it } from 'vitest';
import { CONTEXTS, type Context, routes } from '../../functions/routes.ts';
import { CONTEXT_TAG } from '../../infra/constructs/api.ts';
import { USER_POOL_ACTIONS } from '../../infra/constructs/house-function.ts';
import { logicalIdOf, resourcesTagged, synthesize } from './synth.ts';

const { template, stack } = synthesize('dev');

/** The HTTP API's routes (the WebSocket API has routes of its own). */
const routeResources = () =>
  Object.values(template.findResources('AWS::ApiGatewayV2::Route')).filter(
    (route) => route.Properties.ApiId?.Ref === logicalIdOf(stack.api.httpApi),
  );

const functionIdOf = (context: Context): string => {
  const fn = stack.api.functions.get(context);
  if (!fn) throw new Error(`No function for context ${context}`);
  return logicalIdOf(fn.function);
};

describe('Api: routes from the route table', () => {
  it('has exactly one route per entry of the route table', () => {
    // Arrange
    const expected = routes.map((route) => route.routeKey).sort();

    // Act
    const actual = routeResources().map((route) => route.Properties.RouteKey as string);

    // Assert
    expect(actual).toHaveLength(routes.length);
    expect([...actual].sort()).toEqual(expected);
  });

  it.each(routes)('$routeKey is served by its context function behind the right authorizer', (route) => {
    // Arrange
    const functionId = functionIdOf(route.context);
    const authorizerType = route.auth.type === 'staff' ? 'JWT' : 'NONE';
    const [authorizerId] = Object.keys(template.findResources('AWS::ApiGatewayV2::Authorizer'));

    // Act
    const [resource] = routeResources().filter((candidate) => candidate.Properties.RouteKey === route.routeKey);
    const integrationId = String(resource?.Properties.Target['Fn::Join'][1][1].Ref);
    const integration = template.toJSON().Resources[integrationId];

    // Assert
    expect(resource?.Properties.AuthorizationType).toBe(authorizerType);
    expect(integration?.Properties.IntegrationUri).toEqual({ 'Fn::GetAtt': [functionId, 'Arn'] });
    if (route.auth.type === 'staff') {
      expect(resource?.Properties.AuthorizerId).toEqual({ Ref: authorizerId });
    } else {
      expect(resource?.Properties.AuthorizerId).toBeUndefined();
    }
  });

  it('has no local-only route', () => {
    // Arrange / Act
    const keys = routeResources().map((route) => String(route.Properties.RouteKey));

    // Assert
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key).not.toMatch(/_local/);
  });

  it('validates staff tokens against the user pool issuer and the web client', () => {
    // Arrange
    const userPoolId = logicalIdOf(stack.auth.userPool);
    const clientId = logicalIdOf(stack.auth.client);

    // Act
    const authorizers = Object.values(template.findResources('AWS::ApiGatewayV2::Authorizer'));

    // Assert
    expect(authorizers).toHaveLength(1);
    expect(authorizers[0]?.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [{ Ref: clientId }] },
    });
    expect(JSON.stringify(authorizers[0]?.Properties.JwtConfiguration.Issuer)).toContain(`{"Ref":"${userPoolId}"}`);
  });
});

describe('Api: stage and CORS', () => {
  it('logs every request as JSON with request id, route, status and latency, and throttles', () => {
    // Arrange
    const logGroupId = logicalIdOf(stack.api.accessLogs);

    // Act
    const stage = template.toJSON().Resources[logicalIdOf(stack.api.stage)];
    const format = JSON.parse(String(stage?.Properties.AccessLogSettings.Format));

    // Assert
    expect(stage?.Properties.StageName).toBe('$default');
    expect(stage?.Properties.AccessLogSettings.DestinationArn).toEqual({ 'Fn::GetAtt': [logGroupId, 'Arn'] });
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      routeKey: '$context.routeKey',
      status: '$context.status',
      latency: '$context.responseLatency',
    });
    expect(stage?.Properties.DefaultRouteSettings).toMatchObject({
      ThrottlingBurstLimit: expect.any(Number),
      ThrottlingRateLimit: expect.any(Number),
    });
  });

  it('answers preflights for the allowed origins with our request headers and exposes the response headers clients read', () => {
    // Arrange / Act
    const api = template.toJSON().Resources[logicalIdOf(stack.api.httpApi)];

    // Assert
    expect(api?.Properties.CorsConfiguration).toMatchObject({
      AllowOrigins: ['http://localhost:5173'],
      AllowHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match'],
      ExposeHeaders: ['etag', 'location', 'idempotent-replayed', 'x-correlation-id'],
    });
  });
});

describe('Api: one function per context', () => {
  it.each(CONTEXTS)('%s has one Node.js 24 ARM64 function with tracing, its own log group and env', (context) => {
    // Arrange
    const tableId = logicalIdOf(stack.data.table);

    // Act
    const functions = Object.values(resourcesTagged(template, 'AWS::Lambda::Function', CONTEXT_TAG, context));

    // Assert
    expect(functions).toHaveLength(1);
    expect(functions[0]?.Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 1024,
      Timeout: 10,
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: { LogGroup: { Ref: expect.any(String) } },
      Environment: {
        Variables: {
          [ENV.tableName]: { Ref: tableId },
          [ENV.stage]: 'dev',
          [ENV.allowedOrigins]: 'http://localhost:5173',
          [ENV.auditRetentionDays]: '90',
          POWERTOOLS_SERVICE_NAME: context,
        },
      },
    });
  });

  it('has no other function than the context, consumer and realtime functions and CDK-owned helpers', () => {
    // Arrange
    const contextFunctions = [
      ...CONTEXTS.map(functionIdOf),
      ...[...stack.consumers.functions.values()].map((fn) => logicalIdOf(fn.function)),
      logicalIdOf(stack.realtime.function.function),
    ];

    // Act
    const ours = Object.keys(template.findResources('AWS::Lambda::Function')).filter(
      (id) => !id.startsWith('CustomS3AutoDeleteObjects'),
    );

    // Assert
    expect(ours.sort()).toEqual([...contextFunctions].sort());
  });

  it('gives each function a role with no managed policy and no wildcard beyond X-Ray and the table indexes', () => {
    // Arrange
    const tableId = logicalIdOf(stack.data.table);
    const roleIds = [
      ...stack.api.functions.values(),
      ...stack.consumers.functions.values(),
      stack.realtime.function,
    ].map((fn) => logicalIdOf(fn.role));

    // Act
    const roles = roleIds.map((id) => template.toJSON().Resources[id]);
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
      roleIds.includes(policy.Properties.Roles[0].Ref),
    );
    const statements = policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement);

    // Assert
    for (const role of roles) expect(role?.Properties.ManagedPolicyArns).toBeUndefined();
    expect(policies).toHaveLength(roleIds.length);
    for (const statement of statements) {
      const resources = [statement.Resource].flat();
      if (resources.includes('*')) {
        // Neither X-Ray's writes, DynamoDB's ListStreams (which a stream event source needs) nor
        // Rekognition's DetectFaces (it analyses the bytes it is sent) take a resource.
        const resourceless = [
          'xray:PutTelemetryRecords',
          'xray:PutTraceSegments',
          'dynamodb:ListStreams',
          'rekognition:DetectFaces',
        ];
        for (const action of [statement.Action].flat()) expect(resourceless).toContain(action);
      }
      expect([statement.Action].flat().some((action: string) => action.endsWith(':*'))).toBe(false);
      // A Scan is a bug in this system, so no function may run one.
      expect([statement.Action].flat()).not.toContain('dynamodb:Scan');
    }
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Action: expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']),
          Resource: [
            { 'Fn::GetAtt': [tableId, 'Arn'] },
            { 'Fn::Join': ['', [{ 'Fn::GetAtt': [tableId, 'Arn'] }, '/index/*']] },
          ],
        }),
      ]),
    );
  });

  it('lets only the identity function administer staff accounts, on this one pool, and tells it which pool', () => {
    // Arrange
    const poolRef = { 'Fn::GetAtt': [logicalIdOf(stack.auth.userPool), 'Arn'] };
    const cognitoStatementsOf = (context: Context) => {
      const roleId = logicalIdOf(stack.api.functions.get(context)?.role ?? stack.auth.userPool);
      return Object.values(template.findResources('AWS::IAM::Policy'))
        .filter((policy) => policy.Properties.Roles[0].Ref === roleId)
        .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
        .filter((statement) => [statement.Action].flat().some((action: string) => action.startsWith('cognito-idp:')));
    };

    // Act
    const identity = cognitoStatementsOf('identity');
    const others = CONTEXTS.filter((context) => context !== 'identity').flatMap(cognitoStatementsOf);
    const [identityFunction] = Object.values(
      resourcesTagged(template, 'AWS::Lambda::Function', CONTEXT_TAG, 'identity'),
    );

    // Assert
    expect(identity).toEqual([expect.objectContaining({ Action: [...USER_POOL_ACTIONS].sort(), Resource: poolRef })]);
    expect(others).toEqual([]);
    expect(identityFunction?.Properties.Environment.Variables[ENV.userPoolId]).toEqual({
      Ref: logicalIdOf(stack.auth.userPool),
    });
  });
});

describe('Api: access of each context from functions/access.ts', () => {
  const statementsOf = (context: Context) => {
    const roleId = logicalIdOf(stack.api.functions.get(context)?.role ?? stack.auth.userPool);
    return Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((policy) => policy.Properties.Roles[0].Ref === roleId)
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
  };
  const actionsOf = (context: Context, prefix: string) =>
    statementsOf(context)
      .flatMap((statement) => [statement.Action].flat())
      .filter((action: string) => action.startsWith(prefix));

  it("lets only the functions that handle candidates' contact details use the personal-data keys", () => {
    // Arrange: the candidate-token key's actions (test-sessions) are another key's
    const personalData = (context: Context) =>
      actionsOf(context, 'kms:').filter((action) => !['kms:Sign', 'kms:GetPublicKey'].includes(action));

    // Act
    const holders = CONTEXTS.filter((context) => personalData(context).length > 0);

    // Assert
    expect(holders.sort()).toEqual(['assessments', 'candidates']);
    expect(personalData('candidates').sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey', 'kms:GenerateMac']);
  });

  it('gives the documents function uploads and downloads of documents only, and files only to those that need them', () => {
    // Act
    const documents = statementsOf('documents').filter((statement) =>
      [statement.Action].flat().some((action: string) => action.startsWith('s3:')),
    );
    const withFiles = CONTEXTS.filter((context) => actionsOf(context, 's3:').length > 0);

    // Assert
    expect(JSON.stringify(documents)).toContain('/tenant/*/documents/*');
    expect(documents.flatMap((statement) => [statement.Action].flat()).sort()).toEqual([
      's3:GetObject',
      's3:GetObject',
      's3:PutObject',
      's3:PutObjectTagging',
    ]);
    expect(withFiles.sort()).toEqual(['candidates', 'documents', 'proctoring']);
    expect(JSON.stringify(statementsOf('proctoring'))).toContain('/tenant/*/snapshots/*');
    expect(JSON.stringify(statementsOf('proctoring'))).not.toContain('/tenant/*/documents/*');
  });
});
