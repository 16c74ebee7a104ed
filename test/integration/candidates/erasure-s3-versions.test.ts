import {
  CreateBucketCommand,
  DeleteObjectsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';

/** The S3 emulator's ListObjectVersions (infra/local/emulators/s3-versions.ts), through the SDK as production code calls it. */
const s3 = new S3Client({ forcePathStyle: true });
const Bucket = `versions-it-${Date.now()}`;

const put = (Key: string, Body = 'content') => s3.send(new PutObjectCommand({ Bucket, Key, Body }));

beforeAll(async () => {
  await s3.send(new CreateBucketCommand({ Bucket }));
  await put('tenant/t1/documents/cand_a/doc_1', 'first file');
  await put('tenant/t1/documents/cand_a/doc_2', 'second');
  await put('tenant/t1/documents/cand_b/doc_3');
  await put('tenant/t1/document-text/cand_a/doc_1');
});

describe('S3 emulator ListObjectVersions', () => {
  it('lists the current objects under a prefix as their only, null version', async () => {
    // Act
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket, Prefix: 'tenant/t1/documents/cand_a/' }));

    // Assert
    expect(page.Versions?.map((version) => version.Key)).toEqual([
      'tenant/t1/documents/cand_a/doc_1',
      'tenant/t1/documents/cand_a/doc_2',
    ]);
    expect(page.Versions?.[0]).toMatchObject({ VersionId: 'null', IsLatest: true, Size: 'first file'.length });
    expect(page.Versions?.[0]?.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(page.DeleteMarkers ?? []).toEqual([]);
    expect(page.IsTruncated).toBe(false);
  });

  it('pages with key markers', async () => {
    // Act
    const first = await s3.send(new ListObjectVersionsCommand({ Bucket, Prefix: 'tenant/t1/', MaxKeys: 2 }));
    const second = await s3.send(
      new ListObjectVersionsCommand({
        Bucket,
        Prefix: 'tenant/t1/',
        MaxKeys: 2,
        KeyMarker: first.NextKeyMarker,
        VersionIdMarker: first.NextVersionIdMarker,
      }),
    );

    // Assert
    expect(first.IsTruncated).toBe(true);
    expect(first.NextVersionIdMarker).toBe('null');
    expect([...(first.Versions ?? []), ...(second.Versions ?? [])].map((version) => version.Key)).toHaveLength(4);
    expect(second.IsTruncated).toBe(false);
  });

  it('answers NoSuchBucket for a bucket that does not exist', async () => {
    // Act
    const error = await s3
      .send(new ListObjectVersionsCommand({ Bucket: `${Bucket}-missing` }))
      .catch((caught: unknown) => caught);

    // Assert
    expect(error).toMatchObject({ name: 'NoSuchBucket' });
  });

  it('lets DeleteObjects remove the listed versions', async () => {
    // Arrange
    const Prefix = 'tenant/t1/document-text/';
    const listed = await s3.send(new ListObjectVersionsCommand({ Bucket, Prefix }));
    const Objects = (listed.Versions ?? []).map(({ Key, VersionId }) => ({ Key, VersionId }));

    // Act
    const result = await s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects, Quiet: true } }));

    // Assert
    expect(result.Errors ?? []).toEqual([]);
    expect((await s3.send(new ListObjectsV2Command({ Bucket, Prefix }))).Contents ?? []).toEqual([]);
    expect((await s3.send(new ListObjectVersionsCommand({ Bucket, Prefix }))).Versions ?? []).toEqual([]);
  });
});
