import { GLOBAL_INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from '@assist-ten/core/shared/table';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { logicalIdOf, synthesize } from './synth.ts';

const dev = synthesize('dev');
const prod = synthesize('prod');

describe('Data: the table', () => {
  it('has exactly one table, keyed by pk/sk, on demand, with PITR, a stream and TTL', () => {
    // Arrange
    const { template } = dev;

    // Act
    const tables = template.findResources('AWS::DynamoDB::Table');

    // Assert
    expect(Object.keys(tables)).toHaveLength(1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      SSESpecification: { SSEEnabled: true },
    });
  });

  it('has every global index of GLOBAL_INDEXES and no other, with string keys', () => {
    // Arrange
    const { template } = dev;

    // Act
    const [table] = Object.values(template.findResources('AWS::DynamoDB::Table'));
    const indexes: Array<{ IndexName: string; KeySchema: unknown }> = table?.Properties.GlobalSecondaryIndexes ?? [];
    const definitions: Array<{ AttributeName: string; AttributeType: string }> =
      table?.Properties.AttributeDefinitions ?? [];

    // Assert
    expect(indexes.map((index) => index.IndexName).sort()).toEqual(GLOBAL_INDEXES.map((g) => g.indexName).sort());
    for (const index of GLOBAL_INDEXES) {
      expect(indexes.find((candidate) => candidate.IndexName === index.indexName)).toMatchObject({
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      });
      expect(definitions).toEqual(
        expect.arrayContaining([
          { AttributeName: index.partitionKey, AttributeType: 'S' },
          { AttributeName: index.sortKey, AttributeType: 'S' },
        ]),
      );
    }
  });

  it('is retained and deletion-protected in prod', () => {
    // Arrange
    const { template } = prod;

    // Act / Assert
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
  });

  it('is neither retained nor deletion-protected in dev', () => {
    // Arrange
    const { template } = dev;

    // Act
    const [table] = Object.values(template.findResources('AWS::DynamoDB::Table'));

    // Assert
    expect(table?.DeletionPolicy).toBe('Delete');
    expect(table?.Properties.DeletionProtectionEnabled).not.toBe(true);
  });
});

describe('Data: the file bucket', () => {
  it('blocks public access, is versioned, encrypted and logs access to the separate log bucket', () => {
    // Arrange
    const { template, stack } = dev;
    const logBucket = logicalIdOf(stack.data.accessLogsBucket);

    // Act / Assert
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      LoggingConfiguration: { DestinationBucketName: { Ref: logBucket } },
      NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
    });
  });

  it('sends events to EventBridge natively, without the notifications custom resource', () => {
    // Arrange
    const { template } = dev;

    // Act
    const customResources = template.findResources('Custom::S3BucketNotifications');

    // Assert
    expect(customResources).toEqual({});
  });

  it('aborts incomplete multipart uploads after a day and expires old versions under tenant/', () => {
    // Arrange
    const { template } = prod;

    // Act / Assert
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' }),
          Match.objectLike({
            Prefix: 'tenant/',
            NoncurrentVersionExpiration: { NoncurrentDays: 30 },
            Status: 'Enabled',
          }),
        ]),
      },
    });
  });

  it('allows presigned POST and GET from the configured origins only', () => {
    // Arrange
    const { template } = prod;

    // Act / Assert
    template.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: {
        CorsRules: [
          Match.objectLike({
            AllowedOrigins: ['https://app.assist-ten.example'],
            AllowedMethods: Match.arrayWith(['POST', 'GET']),
            ExposedHeaders: ['etag'],
          }),
        ],
      },
    });
  });

  it('denies requests without TLS on every bucket', () => {
    // Arrange
    const { template } = dev;

    // Act
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy'));
    const buckets = Object.keys(template.findResources('AWS::S3::Bucket'));

    // Assert
    expect(policies).toHaveLength(buckets.length);
    for (const policy of policies) {
      expect(policy.Properties.PolicyDocument.Statement).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      );
    }
  });
});

describe('Data: the keys of personal data', () => {
  it('wraps data keys with a rotating symmetric key and computes blind indexes with an HMAC key', () => {
    // Arrange
    const { template } = dev;

    // Act
    const keys = Object.values(template.findResources('AWS::KMS::Key')).map((key) => key.Properties);

    // Assert
    expect(keys).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ EnableKeyRotation: true, Description: expect.stringContaining('envelope') }),
        expect.objectContaining({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }),
      ]),
    );
  });

  it('keeps both keys when the stack of a stage that retains data is deleted', () => {
    // Arrange
    const { template } = prod;

    // Act
    const keys = Object.values(template.findResources('AWS::KMS::Key')).filter(
      (key) => key.Properties.KeySpec === 'HMAC_256' || key.Properties.EnableKeyRotation === true,
    );

    // Assert
    expect(keys.length).toBeGreaterThanOrEqual(2);
    for (const key of keys) expect(key.DeletionPolicy).toBe('Retain');
  });
});

describe('Data: files that expire by tag', () => {
  it.each([
    // Exports are decrypted copies of a person: a week after they are written.
    ['expire-exports', 'export', 7],
    // Snapshots: a backstop of the table's TTL, after the longest retention a tenant can set.
    ['expire-snapshots', 'snapshot', 366],
  ])('has the lifecycle rule %s: objects tagged %s expire after %i days', (id, tag, days) => {
    // Arrange
    const { template } = prod;

    // Act
    const buckets = Object.values(template.findResources('AWS::S3::Bucket'));
    const rules = buckets.flatMap((bucket) => bucket.Properties.LifecycleConfiguration?.Rules ?? []);

    // Assert
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Id: id,
          Status: 'Enabled',
          ExpirationInDays: days,
          TagFilters: [{ Key: 'assist-ten:lifecycle', Value: tag }],
        }),
      ]),
    );
  });
});
