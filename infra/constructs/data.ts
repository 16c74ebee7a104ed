import { SNAPSHOT_BACKSTOP_DAYS, SNAPSHOT_FILE_TAG } from '@assist-ten/core/proctoring/snapshot.model';
import { EXPORT_FILE_DAYS, EXPORT_FILE_TAG_VALUE, LIFECYCLE_TAG_KEY } from '@assist-ten/core/shared/files';
import { GLOBAL_INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from '@assist-ten/core/shared/table';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { StageConfig } from '../stacks/stage-config.ts';

/** Where every tenant's files live (`tenant/<tenantId>/<kind>/...`). */
export const TENANT_PREFIX = 'tenant/';

export interface DataProps {
  readonly config: StageConfig;
}

/** The keys that protect candidates' personal data (core/shared/pii). */
export interface PersonalDataKeys {
  /** Symmetric: wraps each candidate's own data key (envelope encryption). */
  readonly envelope: Key;
  /** HMAC: computes blind indexes, so an email can be looked up without being stored readable. */
  readonly blindIndex: Key;
}

/**
 * The stateful core: the one DynamoDB table (derived from `core/shared/table`), the
 * file bucket clients upload to through presigned POSTs with its access-log bucket, the
 * keys of personal data and the key that signs candidate session tokens.
 */
export class Data extends Construct {
  readonly table: Table;
  readonly bucket: Bucket;
  readonly accessLogsBucket: Bucket;
  readonly personalDataKeys: PersonalDataKeys;
  /** Signs candidate access tokens (ES256); its private half never leaves KMS (core/test-sessions). */
  readonly candidateTokenKey: Key;

  constructor(scope: Construct, id: string, { config }: DataProps) {
    super(scope, id);

    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      // The outbox relay reads changes from the stream.
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      deletionProtection: config.retainData,
      removalPolicy: config.removalPolicy,
    });
    for (const index of GLOBAL_INDEXES) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }

    // Keys outlive a stack deletion whenever data does: without them the data is unreadable.
    const keyRemoval = config.retainData ? RemovalPolicy.RETAIN : config.removalPolicy;
    this.personalDataKeys = {
      envelope: new Key(this, 'PersonalDataKey', {
        description: 'Wraps the per-candidate data keys of personal data (envelope encryption)',
        enableKeyRotation: true,
        removalPolicy: keyRemoval,
      }),
      blindIndex: new Key(this, 'BlindIndexKey', {
        description: 'Computes blind indexes (HMAC) of personal data for exact lookups',
        keySpec: KeySpec.HMAC_256,
        keyUsage: KeyUsage.GENERATE_VERIFY_MAC,
        removalPolicy: keyRemoval,
      }),
    };

    // Asymmetric keys cannot rotate automatically; a new key only ends tokens of at most 15 minutes.
    this.candidateTokenKey = new Key(this, 'CandidateTokenKey', {
      description: 'Signs candidate session access tokens (ES256 JWTs)',
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      // Nothing stored depends on it: a lost key only signs candidates out.
      removalPolicy: config.removalPolicy,
    });

    const bucketDefaults = {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      removalPolicy: config.removalPolicy,
      autoDeleteObjects: !config.retainData,
    };

    // cdk-nag accepts a bucket without access logs of its own when it is a log destination.
    this.accessLogsBucket = new Bucket(this, 'AccessLogs', {
      ...bucketDefaults,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(config.accessLogExpirationDays) }],
    });

    this.bucket = new Bucket(this, 'Files', {
      ...bucketDefaults,
      // Keeps an overwritten or deleted file recoverable for a while (see the lifecycle rules).
      versioned: true,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'files/',
      cors: [
        {
          allowedOrigins: [...config.allowedOrigins],
          // Presigned POST uploads and presigned GET downloads; the signature, not CORS, authorises them.
          allowedMethods: [HttpMethods.POST, HttpMethods.GET, HttpMethods.HEAD],
          allowedHeaders: ['*'],
          exposedHeaders: ['etag'],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [
        { id: 'abort-incomplete-multipart-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        {
          // Lifecycle prefixes are literal and the tenant comes first in a key, so exports are selected by tag.
          id: 'expire-exports',
          tagFilters: { [LIFECYCLE_TAG_KEY]: EXPORT_FILE_TAG_VALUE },
          expiration: Duration.days(EXPORT_FILE_DAYS),
        },
        {
          // A backstop of the table's TTL, which removes each snapshot (and through the stream its
          // image) after its tenant's retention: an accepted image the stream never deleted goes
          // after the longest retention there is.
          id: 'expire-snapshots',
          tagFilters: { [SNAPSHOT_FILE_TAG.key]: SNAPSHOT_FILE_TAG.value },
          expiration: Duration.days(SNAPSHOT_BACKSTOP_DAYS),
        },
        {
          id: 'expire-noncurrent-tenant-files',
          prefix: TENANT_PREFIX,
          noncurrentVersionExpiration: Duration.days(config.noncurrentVersionExpirationDays),
          expiredObjectDeleteMarker: true,
        },
      ],
    });
    // S3 sends every event of the bucket to EventBridge, where one rule per queue routes
    // by key pattern (see Messaging). Set on the bucket resource itself rather than with
    // `eventBridgeEnabled: true`, which deploys a Python custom resource (its own Lambda,
    // an AWS managed policy and s3:PutBucketNotification on "*") to make the same API call.
    // Do not add `bucket.addEventNotification(...)`: that custom resource would then
    // overwrite this configuration; route new consumers through EventBridge instead.
    const cfnBucket = this.bucket.node.defaultChild as CfnBucket;
    cfnBucket.notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
  }
}
