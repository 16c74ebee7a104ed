import { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { aPdf, uploadTo } from '../../support/files.ts';
import { requestUpload, uploadBody } from '../../support/fixtures/documents.ts';
import { HOME } from '../../support/fixtures.ts';

/**
 * What S3 itself refuses of a presigned POST, so that no request ever reaches processing:
 * these hold locally only while the S3 emulator enforces POST policies as S3 does.
 */
const PDF = 'application/pdf';

const statusOf = async (id: string) =>
  (await call('GET', `/api/v1/documents/${id}`, { token: await tokenFor(HOME.recruiter) })).body.status;

describe('presigned POST policy', () => {
  it('refuses a Content-Type other than the declared one', async () => {
    // Arrange
    const bytes = await aPdf(['x']);
    const ticket = await requestUpload(uploadBody({ contentLength: bytes.length }));

    // Act
    const posted = await uploadTo(
      { ...ticket.upload, fields: { ...ticket.upload.fields, 'Content-Type': 'text/html' } },
      bytes,
      'text/html',
      'x.html',
    );

    // Assert
    expect(posted.status).toBe(403);
    expect(await statusOf(ticket.document.id)).toBe('pending_upload');
  });

  it('refuses a file above 10 MB, whatever was declared', async () => {
    // Arrange
    const ticket = await requestUpload(uploadBody({ contentLength: 1024 }));
    const huge = new Uint8Array(10 * 1024 * 1024 + 1);
    huge.set(new TextEncoder().encode('%PDF-1.7'));

    // Act
    const posted = await uploadTo(ticket.upload, huge, PDF, 'huge.pdf');

    // Assert
    expect(posted.status).toBe(400);
    expect(posted.body).toContain('EntityTooLarge');
  });

  it('refuses another key than the one signed', async () => {
    // Arrange
    const bytes = await aPdf(['x']);
    const ticket = await requestUpload(uploadBody({ contentLength: bytes.length }));
    const elsewhere = ticket.upload.fields.key?.replace(/doc_\w+$/, 'doc_01JDEM0000000000000000000A') ?? '';

    // Act
    const posted = await uploadTo(
      { ...ticket.upload, fields: { ...ticket.upload.fields, key: elsewhere } },
      bytes,
      PDF,
      'x.pdf',
    );

    // Assert
    expect(posted.status).toBe(403);
  });

  it('refuses a post after the policy expired', async () => {
    // Arrange: the same key, signed as the API signs it but valid for one second only.
    const bytes = await aPdf(['x']);
    const ticket = await requestUpload(uploadBody({ contentLength: bytes.length }));
    const expiring = await createPresignedPost(new S3Client({ forcePathStyle: true }), {
      Bucket: process.env.BUCKET_NAME ?? '',
      Key: ticket.upload.fields.key ?? '',
      Conditions: [['content-length-range', 1, 10 * 1024 * 1024]],
      Fields: { 'Content-Type': PDF },
      Expires: 1,
    });
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    // Act
    const posted = await uploadTo(expiring, bytes, PDF, 'x.pdf');

    // Assert
    expect(posted.status).toBe(403);
    expect(posted.body).toContain('expired');
  });
});
