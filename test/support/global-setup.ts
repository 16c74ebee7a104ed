import type { TestProject } from 'vitest/node';
import { startLocalCloud } from '../../infra/local/cloud.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    websocketUrl: string;
    stackEnv: Record<string, string>;
    cognito: { endpoint: string; userPoolId: string; clientId: string };
  }
}

/** Starts the local cloud once for every integration and e2e test of the run. */
export default async function setup(project: TestProject) {
  // Errors always: a 500 in a run says only its correlation id, and its cause is in this log line.
  process.env.POWERTOOLS_LOG_LEVEL = process.env.LOCAL_CLOUD_LOG ? 'INFO' : 'ERROR';
  // Every request would print its CloudWatch EMF line on the test terminal.
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const cloud = await startLocalCloud({
    // Test images declare their faces, so the snapshot pipeline's face events can be tested.
    faceAnalyser: 'marker',
    ...(process.env.LOCAL_CLOUD_LOG ? { log: (line: string) => console.error(line) } : {}),
  });
  project.provide('apiUrl', cloud.url);
  project.provide('websocketUrl', cloud.websocketUrl);
  project.provide('stackEnv', cloud.env);
  project.provide('cognito', cloud.emulators.cognito);
  return () => cloud.stop();
}
