import { App } from 'aws-cdk-lib';
import { addAssistTen } from './stacks/assist-ten-app.ts';

// npx cdk synth|deploy [-c stage=dev|prod] [-c allowedOrigins=https://a,https://b] [-c alarmEmail=ops@example.com]
// Builds the AssistTen-<stage> stack and applies cdk-nag's AwsSolutionsChecks to the app.
addAssistTen(new App());
