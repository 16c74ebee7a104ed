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
