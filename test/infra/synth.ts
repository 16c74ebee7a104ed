import { readFileSync } from 'node:fs';
import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { addAssistTen } from '../../infra/stacks/assist-ten-app.ts';
import type { AssistTenStack } from '../../infra/stacks/assist-ten-stack.ts';
import type { Stage } from '../../infra/stacks/stage-config.ts';

/** The feature flags and defaults `cdk synth` uses, so the tests synthesize the same template. */
export const cdkJsonContext = (): Record<string, unknown> => {
  const cdkJson: { context?: Record<string, unknown> } = JSON.parse(
    readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'),
  );
  return cdkJson.context ?? {};
};

export const PROD_ORIGIN = 'https://app.assist-ten.example';
export const PROD_EMAIL_FROM = 'Assist-Ten <notifications@assist-ten.example>';

export interface Synthesized {
  readonly app: App;
  readonly stack: AssistTenStack;
  readonly template: Template;
}

const synthesized = new Map<string, Synthesized>();

/**
 * Builds the app in-process exactly as `infra/app.ts` does (cdk-nag included), with
 * bundling skipped so no esbuild runs and handler files need not exist. One synth takes
 * seconds and the tests only read it, so each stage and context is built once per worker
 * (the infra project shares modules across its files).
 */
export const synthesize = (stage: Stage, context: Record<string, unknown> = {}): Synthesized => {
  const key = JSON.stringify([stage, context]);
  const known = synthesized.get(key);
  if (known) return known;
  const app = new App({
    context: {
      ...cdkJsonContext(),
      stage,
      ...(stage === 'prod' ? { allowedOrigins: PROD_ORIGIN, emailFrom: PROD_EMAIL_FROM } : {}),
      ...context,
      'aws:cdk:bundling-stacks': [],
    },
  });
  const stack = addAssistTen(app, {});
  // Synthesizes the whole app, which runs the validation plugins (cdk-nag) and throws on a finding.
  const template = Template.fromStack(stack);
  const built = { app, stack, template };
  synthesized.set(key, built);
  return built;
};

/** Resources of one type whose tag `key` has `value`, by logical id. */
export const resourcesTagged = (
  template: Template,
  type: string,
  key: string,
  value: string,
): ReturnType<Template['findResources']> => {
  const all = template.findResources(type);
  return Object.fromEntries(
    Object.entries(all).filter(([, resource]) => {
      const tags: unknown = resource.Properties?.Tags;
      return Array.isArray(tags) && tags.some((tag) => tag?.Key === key && tag?.Value === value);
    }),
  );
};

/** The logical id of an L2 construct's CloudFormation resource, to find it in a template. */
export const logicalIdOf = (construct: IConstruct): string => {
  const resource = construct.node.defaultChild;
  if (resource === undefined || !CfnElement.isCfnElement(resource)) {
    throw new Error(`${construct.node.path} has no CloudFormation resource`);
  }
  return Stack.of(construct).getLogicalId(resource);
};
