import { ENV } from '@assist-ten/core/shared/env';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { CONTEXT_ACCESS, type FunctionAccess } from '../../functions/access.ts';
import { CONTEXTS } from '../../functions/routes.ts';
import { Data } from '../../infra/constructs/data.ts';
import { grantAccess } from '../../infra/constructs/function-access.ts';
import { HouseFunction } from '../../infra/constructs/house-function.ts';
import { type Stage, stageConfig } from '../../infra/stacks/stage-config.ts';
import { cdkJsonContext, logicalIdOf, PROD_EMAIL_FROM, PROD_ORIGIN, synthesize } from './synth.ts';

const ENTRY = 'functions/http/platform/handler.ts';

/** A stack with the data construct and one function granted `access`, bundling skipped. */
const withAccess = (access: FunctionAccess, stage: Stage = 'dev') => {
  const stack = new Stack(
    new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } }),
    'CandidateTokensTest',
  );
  const config =
    stage === 'prod'
      ? stageConfig('prod', { allowedOrigins: [PROD_ORIGIN], emailFrom: PROD_EMAIL_FROM })
      : stageConfig(stage);
  const data = new Data(stack, 'Data', { config });
  const fn = new HouseFunction(stack, 'Fn', { entry: ENTRY, config, description: 'test' });
  grantAccess(stack, fn, access, { config, candidateTokenKey: data.candidateTokenKey });
  const template = Template.fromStack(stack);
  const keyId = logicalIdOf(data.candidateTokenKey);
  const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
    (policy) => policy.Properties.PolicyDocument.Statement,
  );
  const onKey = statements.filter((statement) => JSON.stringify(statement.Resource).includes(keyId));
  const lambda = template.toJSON().Resources[logicalIdOf(fn.function)];
  return {
    template,
    keyId,
    actionsOnKey: onKey.flatMap((statement) => [statement.Action].flat()).sort(),
    env: (lambda?.Properties.Environment?.Variables ?? {}) as Record<string, unknown>,
  };
};

describe('Data: the candidate token key', () => {
  it('is an asymmetric P-256 signing key', () => {
    // Act
    const { template, keyId } = withAccess({});

    // Assert
    expect(template.toJSON().Resources[keyId]).toMatchObject({
      Type: 'AWS::KMS::Key',
      Properties: { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' },
    });
    expect(template.toJSON().Resources[keyId].Properties.EnableKeyRotation).toBeFalsy();
  });

  it.each([
    ['dev', 'Delete'],
    ['prod', 'Retain'],
  ] as const)('follows the removal policy of the %s stage', (stage, policy) => {
    // Act
    const { template, keyId } = withAccess({}, stage);

    // Assert
    expect(template.toJSON().Resources[keyId]).toMatchObject({ DeletionPolicy: policy, UpdateReplacePolicy: policy });
  });
});

describe('grantAccess: candidateTokens', () => {
  it('lets a function that signs use Sign and GetPublicKey on that key, and names the key', () => {
    // Act
    const { actionsOnKey, env, keyId } = withAccess({ candidateTokens: 'sign' });

    // Assert
    expect(actionsOnKey).toEqual(['kms:GetPublicKey', 'kms:Sign']);
    expect(env[ENV.candidateTokenKeyId]).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
  });

  it('lets a function that only verifies read the public key, and never sign', () => {
    // Act
    const { actionsOnKey, env, keyId } = withAccess({ candidateTokens: 'verify' });

    // Assert
    expect(actionsOnKey).toEqual(['kms:GetPublicKey']);
    expect(env[ENV.candidateTokenKeyId]).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
  });

  it('gives a function that does not ask nothing on the key and no key id', () => {
    // Act
    const { actionsOnKey, env } = withAccess({ personalData: false });

    // Assert
    expect(actionsOnKey).toEqual([]);
    expect(env[ENV.candidateTokenKeyId]).toBeUndefined();
  });

  it('fails the synth when the key is not passed to a function that asks for it', () => {
    // Arrange
    const stack = new Stack(new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } }), 'MissingKey');
    const config = stageConfig('dev');
    const fn = new HouseFunction(stack, 'Fn', { entry: ENTRY, config, description: 'test' });

    // Act / Assert
    expect(() => grantAccess(stack, fn, { candidateTokens: 'sign' }, { config })).toThrow(/candidate token key/);
  });
});

describe('AssistTenStack: who may use the candidate token key', () => {
  const { template, stack } = synthesize('dev');
  const keyId = logicalIdOf(stack.data.candidateTokenKey);
  const roleIdsOf = (contexts: readonly string[]) =>
    contexts.flatMap((context) => {
      const fn = stack.api.functions.get(context as (typeof CONTEXTS)[number]);
      return fn ? [logicalIdOf(fn.role)] : [];
    });

  it('has exactly one signing key, and grants it only to the contexts whose access names it', () => {
    // Arrange
    const asking = CONTEXTS.filter((context) => CONTEXT_ACCESS[context]?.candidateTokens !== undefined);
    const asked = new Set(roleIdsOf(asking));

    // Act
    const keys = Object.values(template.findResources('AWS::KMS::Key')).filter(
      (key) => key.Properties.KeyUsage === 'SIGN_VERIFY',
    );
    const granted = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((policy) => JSON.stringify(policy.Properties.PolicyDocument).includes(keyId))
      .flatMap((policy) => policy.Properties.Roles.map((role: { Ref: string }) => role.Ref));

    // Assert
    expect(keys).toHaveLength(1);
    expect(new Set(granted)).toEqual(asked);
  });

  it('lets the test-sessions context sign, the one that exchanges invitations and refresh tokens', () => {
    // Act / Assert
    expect(CONTEXT_ACCESS['test-sessions']?.candidateTokens).toBe('sign');
  });
});
