import { defineConfig } from 'vitest/config';

/** Environment that lets modules load without touching AWS (unit and infra tests do no I/O). */
const offlineEnv = {
  TABLE_NAME: 'offline-table',
  STAGE: 'test',
  ALLOWED_ORIGINS: 'http://localhost:5173',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  POWERTOOLS_METRICS_DISABLED: 'true',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'offline',
  AWS_SECRET_ACCESS_KEY: 'offline',
};

export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      {
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], env: offlineEnv },
      },
      {
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          env: offlineEnv,
          testTimeout: 120_000,
          // The files only read synthesized templates: sharing modules lets a worker synthesize each stage once.
          isolate: false,
        },
      },
      {
        // Integration and end-to-end tests share one local cloud, started once per run.
        test: {
          name: 'stack',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/stack-env.ts'],
          env: { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' },
          testTimeout: 30_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
