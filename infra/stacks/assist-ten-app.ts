import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { AssistTenStack } from './assist-ten-stack.ts';
import { readStageConfig } from './stage-config.ts';

/**
 * Adds the stage's stack to an app and checks it with cdk-nag (AwsSolutions). Shared by
 * `infra/app.ts` and the infra tests, so the tests synthesize exactly what is deployed.
 */
export const addAssistTen = (app: App, env: NodeJS.ProcessEnv = process.env): AssistTenStack => {
  const config = readStageConfig(app.node);
  const account = env.CDK_DEFAULT_ACCOUNT;
  const region = env.CDK_DEFAULT_REGION;
  const stack = new AssistTenStack(app, `AssistTen-${config.stage}`, {
    config,
    description: `Assist-Ten backend (${config.stage})`,
    // Environment-agnostic unless the CLI knows the caller's account and region.
    ...(account && region ? { env: { account, region } } : {}),
    terminationProtection: config.retainData,
    tags: { project: 'assist-ten', stage: config.stage },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return stack;
};
