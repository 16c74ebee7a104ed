/**
 * Names of the environment variables the functions read. The CDK stack sets them and
 * the local cloud sets them, from these same constants, so the two cannot drift.
 */
export const ENV = {
  tableName: 'TABLE_NAME',
  bucketName: 'BUCKET_NAME',
  allowedOrigins: 'ALLOWED_ORIGINS',
  stage: 'STAGE',
  userPoolId: 'USER_POOL_ID',
  /** Days an audit entry is kept; optional, 400 when unset. */
  auditRetentionDays: 'AUDIT_RETENTION_DAYS',
  /** The web app's origin, for the deep links in emails (`<base>/notifications/...`). */
  frontendBaseUrl: 'FRONTEND_BASE_URL',
  /** The verified SES sender of notification emails. */
  emailFrom: 'EMAIL_FROM',
  /** Local only: emails are written here as .eml files instead of being sent through SES. */
  emailOutboxDir: 'EMAIL_OUTBOX_DIR',
  /** The WebSocket API's management endpoint (`https://<api>.execute-api.<region>.amazonaws.com/<stage>`). */
  websocketCallbackUrl: 'WEBSOCKET_CALLBACK_URL',
  /** Issuer and audience (app client id) of staff ID tokens, for the WebSocket $connect check. */
  tokenIssuer: 'TOKEN_ISSUER',
  tokenAudience: 'TOKEN_AUDIENCE',
  /** URLs of the queues (core/shared/queues), for their producers. */
  notificationsQueueUrl: 'NOTIFICATIONS_QUEUE_URL',
  documentsQueueUrl: 'DOCUMENTS_QUEUE_URL',
  proctoringQueueUrl: 'PROCTORING_QUEUE_URL',
} as const;

export type EnvName = (typeof ENV)[keyof typeof ENV];

/** Reads a required variable; a missing one fails the cold start with its name. */
export const requireEnv = (name: EnvName): string => {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
};
