import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { HouseFunction } from '../../infra/constructs/house-function.ts';
import { stageConfig } from '../../infra/stacks/stage-config.ts';

const MISSING_ENTRY = 'functions/http/not-written-yet/handler.ts';
const EXISTING_ENTRY = 'functions/http/platform/handler.ts';

const stackWith = (bundlingStacks: string[]) =>
  new Stack(new App({ context: { 'aws:cdk:bundling-stacks': bundlingStacks } }), 'HouseFunctionTest');

describe('HouseFunction', () => {
  it('refuses a handler file that does not exist', () => {
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
    new HouseFunction(stack, 'Fn', { entry: EXISTING_ENTRY, config: stageConfig('dev'), description: 'test' });

    // Assert
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
  });
});
