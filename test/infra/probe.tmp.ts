import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { addAssistTen } from '../../infra/stacks/assist-ten-app.ts';
const cdkJson = JSON.parse(readFileSync('cdk.json', 'utf8'));
for (const stage of ['dev','prod']) {
const app = new App({ context: { ...cdkJson.context, stage, allowedOrigins: 'https://a.example.com', 'aws:cdk:bundling-stacks': [] } });
const stack = addAssistTen(app, {});
const pack: any = new AwsSolutionsChecks(undefined, { verbose: false });
pack.isAcknowledged = () => false;
const report = pack.validateScope(stack);
for (const v of report.violations) console.log(stage, v.ruleName, v.severity, v.violatingResources.map((r: any) => r.constructPath).join(' '));
}
