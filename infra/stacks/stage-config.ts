import { RemovalPolicy } from 'aws-cdk-lib';
import { StandardThreatProtectionMode } from 'aws-cdk-lib/aws-cognito';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';

export const STAGES = ['dev', 'prod'] as const;
export type Stage = (typeof STAGES)[number];

/**
 * Everything that differs between stages, decided in one place. The constructs read
 * this object and never branch on the stage name themselves.
 */
export interface StageConfig {
  readonly stage: Stage;
  /** Browser origins allowed by the API's CORS preflight and the bucket's CORS rules. */
  readonly allowedOrigins: readonly string[];
  /** Stateful resources (table, buckets, user pool, keys) survive a stack deletion and are deletion-protected. */
  readonly retainData: boolean;
  readonly removalPolicy: RemovalPolicy;
  readonly logRetention: RetentionDays;
  /** Days server access logs of the file bucket are kept. */
  readonly accessLogExpirationDays: number;
  /** Days an overwritten or deleted file version under `tenant/` stays recoverable. */
  readonly noncurrentVersionExpirationDays: number;
  /** Default-stage throttling of the HTTP API (requests per second, burst). */
  readonly apiThrottle: { readonly rateLimit: number; readonly burstLimit: number };
  /** Days an audit entry is kept before DynamoDB's TTL removes it. */
  readonly auditRetentionDays: number;
  /** Cognito threat protection: audit only where testers sign in from anywhere, enforced in prod. */
  readonly threatProtection: StandardThreatProtectionMode;
  /** Optional address subscribed to the alarm topic. */
  readonly alarmEmail?: string;
  /** The web app's origin: deep links in emails point there. */
  readonly frontendBaseUrl: string;
  /** Sender of notification emails; its domain must be a verified SES identity of the account. */
  readonly emailFrom: string;
  /**
   * Amazon Bedrock model (or cross-region inference profile) id of the skill extractor;
   * without one, the deterministic local extractor runs.
   */
  readonly bedrockModelId?: string;
}

const DEV_EMAIL_FROM = 'Assist-Ten <notifications@assist-ten.dev>';

const DEV_ORIGINS = ['http://localhost:5173'];

export const stageConfig = (
  stage: Stage,
  options: {
    allowedOrigins?: readonly string[];
    alarmEmail?: string;
    emailFrom?: string;
    frontendUrl?: string;
    bedrockModelId?: string;
  } = {},
): StageConfig => {
  const allowedOrigins = options.allowedOrigins ?? (stage === 'dev' ? DEV_ORIGINS : undefined);
  if (allowedOrigins === undefined || allowedOrigins.length === 0) {
    throw new Error(`Stage ${stage} needs allowed origins: -c allowedOrigins=https://app.example.com[,https://...]`);
  }
  for (const origin of allowedOrigins) assertOrigin(origin, stage);
  const emailFrom = options.emailFrom ?? (stage === 'dev' ? DEV_EMAIL_FROM : undefined);
  if (emailFrom === undefined || emailDomainOf(emailFrom) === undefined) {
    throw new Error(`Stage ${stage} needs a sender for emails: -c emailFrom="Assist-Ten <notifications@example.com>"`);
  }
  const frontendBaseUrl = options.frontendUrl ?? allowedOrigins[0] ?? '';
  assertOrigin(frontendBaseUrl, stage);
  const base = {
    stage,
    allowedOrigins,
    frontendBaseUrl,
    emailFrom,
    ...(options.alarmEmail ? { alarmEmail: options.alarmEmail } : {}),
    ...(options.bedrockModelId ? { bedrockModelId: options.bedrockModelId } : {}),
  };
  if (stage === 'prod') {
    return {
      ...base,
      retainData: true,
      removalPolicy: RemovalPolicy.RETAIN,
      logRetention: RetentionDays.THREE_MONTHS,
      accessLogExpirationDays: 365,
      noncurrentVersionExpirationDays: 30,
      apiThrottle: { rateLimit: 200, burstLimit: 400 },
      auditRetentionDays: 730,
      threatProtection: StandardThreatProtectionMode.FULL_FUNCTION,
    };
  }
  return {
    ...base,
    retainData: false,
    removalPolicy: RemovalPolicy.DESTROY,
    logRetention: RetentionDays.ONE_WEEK,
    accessLogExpirationDays: 30,
    noncurrentVersionExpirationDays: 7,
    apiThrottle: { rateLimit: 25, burstLimit: 50 },
    auditRetentionDays: 90,
    threatProtection: StandardThreatProtectionMode.AUDIT_ONLY,
  };
};

/** Reads `-c stage=dev|prod`, `-c allowedOrigins=a,b`, `-c alarmEmail=`, `-c emailFrom=`, `-c frontendUrl=`, `-c bedrockModelId=` from CDK context. */
export const readStageConfig = (node: Node): StageConfig => {
  const stage: unknown = node.tryGetContext('stage') ?? 'dev';
  if (!isStage(stage)) {
    throw new Error(`Unknown stage ${JSON.stringify(stage)}: use -c stage=${STAGES.join('|')}`);
  }
  const origins = toList(node.tryGetContext('allowedOrigins'));
  const text = (key: string): string | undefined => {
    const value: unknown = node.tryGetContext(key);
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const [alarmEmail, emailFrom, frontendUrl, bedrockModelId] = [
    text('alarmEmail'),
    text('emailFrom'),
    text('frontendUrl'),
    text('bedrockModelId'),
  ];
  return stageConfig(stage, {
    ...(origins ? { allowedOrigins: origins } : {}),
    ...(alarmEmail ? { alarmEmail } : {}),
    ...(emailFrom ? { emailFrom } : {}),
    ...(frontendUrl ? { frontendUrl } : {}),
    ...(bedrockModelId ? { bedrockModelId } : {}),
  });
};

const isStage = (value: unknown): value is Stage => STAGES.some((stage) => stage === value);

const toList = (value: unknown): string[] | undefined => {
  if (value === undefined || value === null || value === '') return undefined;
  const items = Array.isArray(value) ? value.map(String) : String(value).split(',');
  return items.map((item) => item.trim()).filter((item) => item !== '');
};

const assertOrigin = (origin: string, stage: Stage): void => {
  if (!URL.canParse(origin)) throw new Error(`Allowed origin ${JSON.stringify(origin)} is not a URL`);
  const url = new URL(origin);
  if (url.origin !== origin) {
    throw new Error(`Allowed origin ${JSON.stringify(origin)} must be a bare origin such as ${url.origin}`);
  }
  if (stage === 'prod' && url.protocol !== 'https:') {
    throw new Error(`Allowed origin ${origin} must use https in prod`);
  }
};

/** The domain of `Name <local@domain>` or `local@domain`: the SES identity that sends for it. */
export const emailDomainOf = (from: string): string | undefined =>
  /@([a-z0-9.-]+\.[a-z]{2,})>?\s*$/i.exec(from)?.[1]?.toLowerCase();
