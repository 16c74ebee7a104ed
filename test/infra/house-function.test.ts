import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { HouseFunction } from '../../infra/constructs/house-function.ts';
import { stageConfig } from '../../infra/stacks/stage-config.ts';

const MISSING_ENTRY = 'functions/http/not-written-yet/handler.ts';

const stackWith = (bundlingStacks: string[]) =>
  new Stack(new App({ context: { 'aws:cdk:bundling-stacks': bundlingStacks } }), 'HouseFunctionTest');

describe('HouseFunction', () => {
  it('synthesizes a placeholder when bundling is skipped and the handler does not exist yet', () => {
    // Arrange
    const stack = stackWith([]);

    // Act
    new HouseFunction(stack, 'Fn', { entry: MISSING_ENTRY, config: stageConfig('dev'), description: 'test' });

    // Assert
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Code: { ZipFile: Match.stringLikeRegexp('bundling skipped') },
    });
  });

  it('refuses a missing handler when it has to bundle', () => {
    // Arrange
    const stack = stackWith(['**']);

    // Act
    const create = () =>
      new HouseFunction(stack, 'Fn', { entry: MISSING_ENTRY, config: stageConfig('dev'), description: 'test' });

    // Assert
    expect(create).toThrow(/Cannot find entry file/);
  });

  it('keeps its logs in its own log group with the stage retention', () => {
    // Arrange
    const stack = stackWith([]);

    // Act
    new HouseFunction(stack, 'Fn', { entry: MISSING_ENTRY, config: stageConfig('dev'), description: 'test' });

    // Assert
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
  });
});
