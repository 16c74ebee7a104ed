import { App, type Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { addAssistTen } from '../../infra/stacks/assist-ten-app.ts';
import { cdkJsonContext, synthesize } from './synth.ts';

/** Rules we have decided to acknowledge somewhere; a new one must be argued for here first. */
const ACKNOWLEDGEABLE_RULES = ['AwsSolutions-APIG4', 'AwsSolutions-COG2', 'AwsSolutions-IAM5', 'AwsSolutions-SQS3'];

const findings = (stack: Stack, severity: 'error' | 'warning'): string[] =>
  new AwsSolutionsChecks(undefined, { verbose: true })
    .validateScope(stack)
    .violations.filter((violation) => violation.severity === severity)
    .map((violation) =>
      [violation.ruleName, ...violation.violatingResources.map((resource) => resource.constructPath)].join(' '),
    );

const acknowledgments = (root: IConstruct): Array<{ path: string; id: string; reason: string }> =>
  root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );

describe.each(['dev', 'prod'] as const)('cdk-nag AwsSolutions on %s', (stage) => {
  const { stack } = synthesize(stage);

  it('has no unacknowledged error', () => {
    // Arrange / Act
    const errors = findings(stack, 'error');

    // Assert
    expect(errors).toEqual([]);
  });

  it('has no unacknowledged warning', () => {
    // Arrange / Act
    const warnings = findings(stack, 'warning');

    // Assert
    expect(warnings).toEqual([]);
  });

  it('leaves no AwsSolutions error or warning annotation on the stack', () => {
    // Arrange
    const annotations = Annotations.fromStack(stack);

    // Act
    const errors = annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*'));
    const warnings = annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'));

    // Assert
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('gives every acknowledgment a concrete reason, on an agreed rule only', () => {
    // Arrange / Act
    const acknowledged = acknowledgments(stack);

    // Assert
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const { path, id, reason } of acknowledged) {
      expect(ACKNOWLEDGEABLE_RULES, `${path}: ${id}`).toContain(id.replace(/\[.*\]$/, ''));
      expect(reason.length, `${path}: ${id}`).toBeGreaterThanOrEqual(60);
      expect(reason, `${path}: ${id}`).not.toMatch(/\b(todo|tbd|n\/a|fixme|suppress(ed)?)\b/i);
    }
  });
});

describe('cdk-nag wiring', () => {
  it('fails the synth of the app when a resource breaks a rule', () => {
    // Arrange
    const app = new App({ context: { ...cdkJsonContext(), stage: 'dev', 'aws:cdk:bundling-stacks': [] } });
    const stack = addAssistTen(app, {});
    new Queue(stack, 'UnencryptedQueue', { encryption: QueueEncryption.UNENCRYPTED });

    // Act
    const synth = () => Template.fromStack(stack);

    // Assert
    expect(synth).toThrow(/AwsSolutions-SQS2/);
  });
});
