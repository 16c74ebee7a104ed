import { ENV } from '@assist-ten/core/shared/env';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { CONTEXT_TAG } from '../../infra/constructs/api.ts';
import { REALTIME_CONTEXT, Realtime, WEBSOCKET_ROUTE_KEYS } from '../../infra/constructs/realtime.ts';
import { stageConfig } from '../../infra/stacks/stage-config.ts';
import { cdkJsonContext, logicalIdOf, resourcesTagged, synthesize } from './synth.ts';

/**
 * The construct on its own, in a stack with a table and one role that pushes, so its
 * template and its cdk-nag findings are its own. The last test checks the real stack.
 */
const isolated = () => {
  const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'RealtimeTest');
  const table = new Table(stack, 'Table', {
    partitionKey: { name: 'pk', type: AttributeType.STRING },
    sortKey: { name: 'sk', type: AttributeType.STRING },
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
  });
  const realtime = new Realtime(stack, 'Realtime', {
    config: stageConfig('dev'),
    table,
    issuerUrl: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_pool',
    audience: 'web-client-id',
  });
  const pusher = new Role(stack, 'Pusher', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
  realtime.grantManageConnections(pusher);
  return { stack, realtime, pusher, template: Template.fromStack(stack) };
};

const { stack, realtime, pusher, template } = isolated();
const apiId = logicalIdOf(realtime.webSocketApi);
const functionId = logicalIdOf(realtime.function.function);

const routeOf = (routeKey: string) => {
  const [route] = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).filter(
    (candidate) => candidate.Properties.RouteKey === routeKey,
  );
  return route;
};

describe('Realtime: the WebSocket API', () => {
  it('has exactly the $connect, $disconnect and $default routes', () => {
    // Arrange
    const expected = [...WEBSOCKET_ROUTE_KEYS].sort();

    // Act
    const keys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (route) => route.Properties.RouteKey as string,
    );

    // Assert
    expect(keys.sort()).toEqual(expected);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'WEBSOCKET' });
  });

  it.each(WEBSOCKET_ROUTE_KEYS)('sends %s to the one connections function through a Lambda proxy', (routeKey) => {
    // Arrange
    const route = routeOf(routeKey);

    // Act
    const integrationId = String(route?.Properties.Target['Fn::Join'][1][1].Ref);
    const integration = template.toJSON().Resources[integrationId];

    // Assert
    expect(integration?.Properties.IntegrationType).toBe('AWS_PROXY');
    expect(JSON.stringify(integration?.Properties.IntegrationUri)).toContain(`"${functionId}","Arn"`);
  });

  it('answers clients on $default only (the pong)', () => {
    // Act
    const responses = Object.values(template.findResources('AWS::ApiGatewayV2::RouteResponse'));

    // Assert
    expect(responses).toHaveLength(1);
    expect(routeOf('$default')?.Properties.RouteResponseSelectionExpression).toBe('$default');
    expect(routeOf('$connect')?.Properties.RouteResponseSelectionExpression).toBeUndefined();
  });

  it('lets API Gateway invoke the function, from this API only', () => {
    // Act
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission'));

    // Assert
    expect(permissions.length).toBeGreaterThan(0);
    for (const permission of permissions) {
      expect(permission.Properties.Principal).toBe('apigateway.amazonaws.com');
      expect(JSON.stringify(permission.Properties.SourceArn)).toContain(`{"Ref":"${apiId}"}`);
    }
  });

  it('deploys a stage named after the stage config, throttled and access-logged', () => {
    // Act
    const [stage] = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'));

    // Assert
    expect(stage?.Properties).toMatchObject({
      StageName: 'dev',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 25, ThrottlingBurstLimit: 50 },
    });
    expect(stage?.Properties.AccessLogSettings.DestinationArn).toEqual({
      'Fn::GetAtt': [logicalIdOf(realtime.accessLogs), 'Arn'],
    });
    expect(stage?.Properties.AccessLogSettings.Format).toContain('$context.connectionId');
  });
});

describe('Realtime: the connections function', () => {
  it('verifies tokens of the issuer and audience it is given, against the table it is bound to', () => {
    // Act
    const fn = template.toJSON().Resources[functionId];

    // Assert
    expect(fn?.Properties.Environment.Variables).toMatchObject({
      [ENV.tokenIssuer]: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_pool',
      [ENV.tokenAudience]: 'web-client-id',
      [ENV.tableName]: { Ref: logicalIdOf(stack.node.findChild('Table')) },
    });
    expect(Object.keys(resourcesTagged(template, 'AWS::Lambda::Function', CONTEXT_TAG, REALTIME_CONTEXT))).toEqual([
      functionId,
    ]);
  });

  it('may not manage connections itself: it never pushes', () => {
    // Act
    const policies = JSON.stringify(
      Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
        JSON.stringify(policy.Properties.Roles).includes(logicalIdOf(realtime.function.role)),
      ),
    );

    // Assert
    expect(policies).not.toContain('execute-api:ManageConnections');
  });
});

describe('Realtime: grantManageConnections', () => {
  it("grants ManageConnections on this stage's @connections only", () => {
    // Arrange
    const pusherId = logicalIdOf(pusher);

    // Act
    const [policy] = Object.values(template.findResources('AWS::IAM::Policy')).filter((candidate) =>
      JSON.stringify(candidate.Properties.Roles).includes(pusherId),
    );
    const statements = policy?.Properties.PolicyDocument.Statement as { Action: string; Resource: unknown }[];

    // Assert
    expect(statements).toHaveLength(1);
    expect(statements[0]?.Action).toBe('execute-api:ManageConnections');
    const resource = JSON.stringify(statements[0]?.Resource);
    expect(resource).toContain(`{"Ref":"${apiId}"}`);
    expect(resource).toContain('/dev/*/@connections/*');
  });

  it('leaves no cdk-nag finding, with the grant acknowledged on the grantee', () => {
    // Act
    const violations = new AwsSolutionsChecks(undefined, { verbose: true })
      .validateScope(stack)
      .violations.map((violation) =>
        [violation.ruleName, ...violation.violatingResources.map((resource) => resource.constructPath)].join(' '),
      );

    // Assert
    expect(violations).toEqual([]);
  });
});

describe('Realtime in the stack', () => {
  it('outputs the WebSocket URL of the stage', () => {
    // Arrange
    const { template: full, stack: assistTen } = synthesize('dev');

    // Act
    const outputs = full.findOutputs('WebSocketUrl');

    // Assert
    const value = JSON.stringify(outputs.WebSocketUrl?.Value);
    expect(value).toContain('wss://');
    expect(value).toContain(`{"Ref":"${logicalIdOf(assistTen.realtime.webSocketApi)}"}`);
    expect(value).toContain('/dev');
  });
});
