import { S3Client } from '@aws-sdk/client-s3';
import { ENV, requireEnv } from './env.ts';

/**
 * The file bucket's client, created at cold start. Locally the endpoint comes from the SDK's
 * AWS_ENDPOINT_URL_S3 and the emulator serves path-style addresses only.
 */
export const s3Client = new S3Client({ forcePathStyle: process.env.AWS_S3_FORCE_PATH_STYLE === 'true' });

export const bucketName = (): string => requireEnv(ENV.bucketName);

/** What a tenant's files are; the second segment of every key, and what routes their S3 notifications. */
export const FILE_KINDS = ['documents', 'snapshots', 'document-text', 'exports'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/**
 * `tenant/<tenantId>/<kind>/<owner>/<id>`: every file of a tenant under its own prefix, so a
 * key names its tenant and an IAM condition or a lifecycle rule can select by kind.
 */
export const objectKey = (tenantId: string, kind: FileKind, owner: string, id: string): string =>
  `tenant/${tenantId}/${kind}/${owner}/${id}`;

/** The parts of a key made by `objectKey`, or undefined for any other key. */
export const parseObjectKey = (
  key: string,
): { tenantId: string; kind: FileKind; owner: string; id: string } | undefined => {
  const [root, tenantId, kind, owner, id, ...rest] = key.split('/');
  if (root !== 'tenant' || !tenantId || !owner || !id || rest.length) return undefined;
  if (!(FILE_KINDS as readonly string[]).includes(kind ?? '')) return undefined;
  return { tenantId, kind: kind as FileKind, owner, id };
};

/** The tag key the bucket's lifecycle rules select files by; its value names the rule. */
export const LIFECYCLE_TAG_KEY = 'assist-ten:lifecycle';
/** The tag (`key=value`) on export files that the bucket's lifecycle rule expires them by. */
export const EXPORT_FILE_TAG_VALUE = 'export';
export const EXPORT_FILE_TAG = `${LIFECYCLE_TAG_KEY}=${EXPORT_FILE_TAG_VALUE}`;
/** Days an export file is kept: long enough to download it, short for a decrypted copy of a person. */
export const EXPORT_FILE_DAYS = 7;
