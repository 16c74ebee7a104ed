import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { principalOf } from '../../../infra/local/seed.ts';
import { findLocalUser } from '../../../infra/local/seed-data.ts';
import { aDocx, anExecutableAsPdf, aPdf, aScannedPdf, utf8 } from '../../support/files.ts';

// Loaded after the stack environment points the SDK at the local cloud.
const { requestUpload } = await import('@assist-ten/core/documents/document.service');
const { processUpload } = await import('@assist-ten/core/documents/processing');
const { DocumentEntity } = await import('@assist-ten/core/documents/document.entity');
const { TaskEntity } = await import('@assist-ten/core/platform/task.entity');
const { AuditLogEntity } = await import('@assist-ten/core/platform/audit-log.entity');
const { createJobDescription } = await import('@assist-ten/core/job-descriptions/job-description.service');
const { newId } = await import('@assist-ten/core/shared/ids');

/**
 * Processing against DynamoDB Local and the S3 emulator, called directly with a bucket of this
 * test's own: the local documents consumer also hears of these objects (the relay does not
 * look at buckets) but leaves another bucket's files alone, so nothing races these calls.
 */
const seeded = findLocalUser('recruiter@demo.test');
if (!seeded) throw new Error('seed user missing');
const recruiter = principalOf(seeded);

const s3 = new S3Client({ forcePathStyle: true });
const store = { bucket: `documents-it-${Date.now()}`, s3 };

type ContentType =
  | 'application/pdf'
  | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
  | 'text/plain';
const PDF: ContentType = 'application/pdf';
const DOCX: ContentType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** An upload slot for `bytes`, the bytes stored at its key, and the event S3 would send. */
const uploaded = async (bytes: Uint8Array, contentType: ContentType = PDF, declaredSize = bytes.length) => {
  const { document } = await requestUpload(recruiter, {
    kind: 'job_description',
    ownerId: (await createJobDescription(recruiter, { title: 'Role' })).id,
    fileName: 'Role.pdf',
    contentType,
    contentLength: declaredSize,
  });
  const item = await itemOf(document.id);
  await s3.send(new PutObjectCommand({ Bucket: store.bucket, Key: item.objectKey, Body: bytes }));
  return { id: document.id, key: item.objectKey, event: eventFor(item.objectKey, bytes.length) };
};

const eventFor = (key: string, size: number) => ({
  version: '0',
  id: crypto.randomUUID(),
  'detail-type': 'Object Created' as const,
  source: 'aws.s3' as const,
  account: '000000000000',
  time: new Date().toISOString(),
  region: 'us-east-1',
  resources: [],
  detail: {
    version: '0',
    bucket: { name: store.bucket },
    object: { key, size, etag: 'etag' },
    'request-id': 'r',
    requester: '000000000000',
    'source-ip-address': '127.0.0.1',
    reason: 'PostObject',
  },
});

const itemOf = async (id: string) => {
  const { data } = await DocumentEntity.get({ tenantId: recruiter.tenantId, documentId: id }).go({ consistent: true });
  if (!data) throw new Error(`document ${id} missing`);
  return data;
};

const taskOf = async (taskId: string | undefined) => {
  const { data } = await TaskEntity.get({ tenantId: recruiter.tenantId, taskId: taskId ?? '' }).go({
    consistent: true,
  });
  return data;
};

const exists = async (key: string): Promise<boolean> =>
  s3.send(new HeadObjectCommand({ Bucket: store.bucket, Key: key })).then(
    () => true,
    () => false,
  );

const trailOf = async (id: string) => {
  const { data } = await AuditLogEntity.query
    .byEntity({ tenantId: recruiter.tenantId, entityType: 'document', entityId: id })
    .go({ pages: 'all' });
  return data.map((entry) => `${entry.action} by ${entry.actorId}`);
};

const noAnalysis = async () => ({});
const first = { analyse: noAnalysis, receiveCount: 1, maxReceiveCount: 3, store };

beforeAll(async () => {
  await s3.send(new CreateBucketCommand({ Bucket: store.bucket }));
});

describe('document processing', () => {
  it('reads a real PDF: text stored next to it, pages, hash, task succeeded, each step audited', async () => {
    // Arrange
    const { id, event } = await uploaded(await aPdf(['Jane Doe', 'Skills: TypeScript, DynamoDB']));
    const seen: string[] = [];
    const analyse = async (_document: unknown, text: string) => {
      seen.push(text);
      return { extractionId: 'xlog_01JABCDEFGHJKMNPQRSTVWXYZ0' };
    };

    // Act
    const report = await processUpload(event, { ...first, analyse });

    // Assert
    expect(report).toMatchObject({ outcome: 'processed', documentId: id, status: 'processed' });
    const item = await itemOf(id);
    expect(item).toMatchObject({ status: 'processed', pageCount: 1, extractionId: 'xlog_01JABCDEFGHJKMNPQRSTVWXYZ0' });
    expect(item.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(item.expiresAt).toBeUndefined();
    const stored = await s3.send(new GetObjectCommand({ Bucket: store.bucket, Key: item.textKey }));
    const text = await stored.Body?.transformToString();
    expect(text).toContain('Skills: TypeScript, DynamoDB');
    expect(seen).toEqual([text]);
    expect(item.textLength).toBe(text?.length);
    expect((await taskOf(item.taskId))?.status).toBe('succeeded');
    expect((await trailOf(id)).sort()).toEqual(
      [
        `document.created by ${recruiter.userId}`,
        'document.uploaded by system',
        'document.processing_started by system',
        'document.processed by system',
      ].sort(),
    );
  });

  it('reads a real DOCX', async () => {
    // Arrange
    const { id, event } = await uploaded(await aDocx(['Staff Engineer', 'Go and Kubernetes']), DOCX);

    // Act
    await processUpload(event, first);

    // Assert
    const item = await itemOf(id);
    expect(item.status).toBe('processed');
    const stored = await s3.send(new GetObjectCommand({ Bucket: store.bucket, Key: item.textKey }));
    expect(await stored.Body?.transformToString()).toBe('Staff Engineer\n\nGo and Kubernetes');
  });

  it('rejects an executable posing as a PDF, deletes it and fails the task with the reason', async () => {
    // Arrange
    const { id, key, event } = await uploaded(anExecutableAsPdf());

    // Act
    const report = await processUpload(event, first);

    // Assert
    expect(report.outcome).toBe('rejected');
    const item = await itemOf(id);
    expect(item).toMatchObject({ status: 'rejected', statusReason: 'The file is a Windows executable, not a PDF.' });
    expect(await exists(key)).toBe(false);
    expect(await taskOf(item.taskId)).toMatchObject({
      status: 'failed',
      lastError: { code: 'document_rejected', message: 'The file is a Windows executable, not a PDF.' },
    });
  });

  it('rejects a file of another size than announced without reading it, and deletes it', async () => {
    // Arrange
    const bytes = utf8('A short job description.');
    const { id, key, event } = await uploaded(bytes, 'text/plain', bytes.length + 100);

    // Act
    await processUpload(event, first);

    // Assert
    expect(await itemOf(id)).toMatchObject({ status: 'rejected', size: bytes.length });
    expect((await itemOf(id)).statusReason).toMatch(/not the \d+ that were announced/);
    expect(await exists(key)).toBe(false);
    expect(await trailOf(id)).toContain('document.rejected by system');
  });

  it('treats a redelivery of a processed document as a no-op', async () => {
    // Arrange
    const { id, event } = await uploaded(await aPdf(['Once']));
    await processUpload(event, first);
    const before = await itemOf(id);

    // Act
    const report = await processUpload(event, { ...first, receiveCount: 2 });

    // Assert
    expect(report).toMatchObject({ outcome: 'duplicate', status: 'processed' });
    expect(await itemOf(id)).toEqual(before);
  });

  it('rethrows an analysis error while attempts remain, then marks failed on the last one without throwing', async () => {
    // Arrange
    const { id, event } = await uploaded(await aPdf(['Retry me']));
    const analyse = async () => {
      throw new Error('model throttled');
    };

    // Act
    const firstAttempt = await processUpload(event, { ...first, analyse }).catch((error: unknown) => error);
    const afterFirst = await itemOf(id);
    const taskAfterFirst = await taskOf(afterFirst.taskId);
    const last = await processUpload(event, { ...first, analyse, receiveCount: 3 });

    // Assert
    expect(firstAttempt).toBeInstanceOf(Error);
    expect(afterFirst).toMatchObject({ status: 'failed', statusReason: expect.stringContaining('tried again') });
    expect(taskAfterFirst?.status).toBe('queued');
    expect(last).toMatchObject({ outcome: 'failed', status: 'failed', error: expect.any(Error) });
    const final = await itemOf(id);
    expect(final.statusReason).toContain('upload the file again');
    expect(await taskOf(final.taskId)).toMatchObject({ status: 'failed', attempts: 2 });
  });

  it('marks a PDF without text failed at once (no OCR, nothing to retry)', async () => {
    // Arrange
    const { id, key, event } = await uploaded(await aScannedPdf());

    // Act
    const report = await processUpload(event, first);

    // Assert
    expect(report.outcome).toBe('failed');
    expect(await itemOf(id)).toMatchObject({
      status: 'failed',
      statusReason: expect.stringContaining('No text could be read (is it a scan?)'),
      sha256: expect.any(String),
    });
    expect(await exists(key)).toBe(true);
  });

  it('marks a damaged PDF failed without retrying', async () => {
    // Arrange
    const { id, event } = await uploaded(utf8('%PDF-1.7\nnot really a pdf'));

    // Act
    const report = await processUpload(event, first);

    // Assert
    expect(report.outcome).toBe('failed');
    expect((await itemOf(id)).statusReason).toMatch(/damaged/);
  });

  it('deletes an object under documents/ that no document names', async () => {
    // Arrange
    const key = `tenant/${recruiter.tenantId}/documents/jd_stray/${newId('document')}`;
    await s3.send(new PutObjectCommand({ Bucket: store.bucket, Key: key, Body: 'stray' }));

    // Act
    const report = await processUpload(eventFor(key, 5), first);

    // Assert
    expect(report.outcome).toBe('stray_deleted');
    expect(await exists(key)).toBe(false);
  });

  it("leaves another bucket's objects alone", async () => {
    // Arrange
    const { id, event } = await uploaded(await aPdf(['Elsewhere']));
    const foreign = { ...event, detail: { ...event.detail, bucket: { name: 'someone-elses-bucket' } } };

    // Act
    const report = await processUpload(foreign, first);

    // Assert
    expect(report.outcome).toBe('ignored');
    expect((await itemOf(id)).status).toBe('pending_upload');
  });
});
