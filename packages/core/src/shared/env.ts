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
  tasksQueueUrl: 'TASKS_QUEUE_URL',
  /** KMS key (ARN) that wraps the data keys of personal data (envelope encryption). */
  piiKeyId: 'PII_KEY_ID',
  /** KMS HMAC key (ARN) that computes blind indexes (keyed hashes) of personal data. */
  blindIndexKeyId: 'BLIND_INDEX_KEY_ID',
  /**
   * Local only: base64 of 32 random bytes standing in for both KMS keys. When it is set the
   * local key provider is used; it must never be set on AWS.
   */
  localKeyMaterial: 'LOCAL_KEY_MATERIAL',
  /** KMS asymmetric key (ARN, ECC_NIST_P256) that signs candidate session tokens (ES256). */
  candidateTokenKeyId: 'CANDIDATE_TOKEN_KEY_ID',
  /** Which question generator runs: `local` (default, the seeded bank) or `bedrock`. */
  questionGenerator: 'QUESTION_GENERATOR',
  /** Which text-answer scorer runs: `local` (default, rubric keywords) or `bedrock`. */
  answerScorer: 'ANSWER_SCORER',
  /** Which face analyser looks at proctoring snapshots: `none` (default), `rekognition`, or `marker` (tests, demos). */
  faceAnalyser: 'FACE_ANALYSER',
  /** Which skill extractor runs: `local` (default, deterministic) or `bedrock`. */
  skillExtractor: 'SKILL_EXTRACTOR',
  /** Bedrock model id (or inference profile) the `bedrock` extractor calls. */
  bedrockModelId: 'BEDROCK_MODEL_ID',
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
