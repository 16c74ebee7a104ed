import { newId } from '@assist-ten/core/shared/ids';
import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { aDocx, anExecutableAsPdf, aPdf, uploadTo, waitForDocument } from '../../support/files.ts';
import { aJobDescriptionOwner, requestUpload, uploadBody } from '../../support/fixtures/documents.ts';
import { HOME, OTHER } from '../../support/fixtures.ts';

const BASE = '/api/v1/documents';
const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const recruiter = () => tokenFor(HOME.recruiter);

/** A slot for `bytes`, announced with their true size, and the file posted to S3 as a browser would. */
const upload = async (bytes: Uint8Array, contentType = PDF, fileName = 'Staff Engineer.pdf') => {
  const ticket = await requestUpload(uploadBody({ contentType, fileName, contentLength: bytes.length }));
  const posted = await uploadTo(ticket.upload, bytes, contentType, fileName);
  expect(posted.status, posted.body).toBeLessThan(300);
  return ticket;
};

describe('document upload over HTTP', () => {
  it('gives a presigned POST for exactly one key, with a pending document and its task', async () => {
    // Act
    const body = uploadBody({ ownerId: await aJobDescriptionOwner() });
    const response = await call('POST', `${BASE}/upload-url`, { token: await recruiter(), body });

    // Assert
    expect(response.status).toBe(201);
    const { document, upload } = response.body;
    expect(document).toMatchObject({ status: 'pending_upload', kind: 'job_description', ownerId: body.ownerId });
    expect(document.id).toMatch(/^doc_[0-9A-Z]{26}$/);
    expect(document.taskId).toMatch(/^task_/);
    expect(response.headers.get('location')).toBe(`${BASE}/${document.id}`);
    expect(upload.fields.key).toMatch(new RegExp(`^tenant/[^/]+/documents/${body.ownerId}/${document.id}$`));
    expect(upload.fields['Content-Type']).toBe(PDF);
    expect(upload.maxBytes).toBe(10 * 1024 * 1024);
    expect(Date.parse(upload.expiresAt) - Date.now()).toBeLessThanOrEqual(300_000);
    const task = await call('GET', `/api/v1/tasks/${document.taskId}`, { token: await recruiter() });
    expect(task.body).toMatchObject({ kind: 'document_extraction', status: 'queued' });
  });

  it('processes a PDF posted to S3: the text is readable and the download has the very bytes', async () => {
    // Arrange
    const bytes = await aPdf(['Staff Engineer', 'Requirements: TypeScript, AWS CDK, DynamoDB']);

    // Act
    const { document } = await upload(bytes);
    const processed = await waitForDocument(document.id, ['processed', 'failed', 'rejected']);
    const text = await call('GET', `${BASE}/${document.id}/text`, { token: await recruiter() });
    const link = await call('GET', `${BASE}/${document.id}/download-url`, { token: await recruiter() });
    const download = await fetch(link.body.url);

    // Assert
    expect(processed).toMatchObject({ status: 'processed', size: bytes.length, pageCount: 1 });
    expect(text.status).toBe(200);
    expect(text.body.text).toContain('Requirements: TypeScript, AWS CDK, DynamoDB');
    expect(text.body.length).toBe(text.body.text.length);
    expect(link.status).toBe(200);
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
    expect(download.headers.get('content-disposition')).toContain('attachment; filename="Staff Engineer.pdf"');
    const task = await call('GET', `/api/v1/tasks/${processed.taskId}`, { token: await recruiter() });
    expect(task.body).toMatchObject({ status: 'succeeded', resultRef: { type: 'document', id: document.id } });
  });

  it('processes a DOCX', async () => {
    // Act
    const { document } = await upload(await aDocx(['Job description', 'Go, Kubernetes']), DOCX, 'Role.docx');
    const processed = await waitForDocument(document.id, ['processed', 'failed', 'rejected']);
    const text = await call('GET', `${BASE}/${document.id}/text`, { token: await recruiter() });

    // Assert
    expect(processed.status).toBe('processed');
    expect(text.body.text).toBe('Job description\n\nGo, Kubernetes');
  });

  it('rejects an executable posing as a PDF, says why, and hands out neither file nor text', async () => {
    // Act
    const { document } = await upload(anExecutableAsPdf(), PDF, 'invoice.pdf');
    const rejected = await waitForDocument(document.id, ['processed', 'failed', 'rejected']);
    const link = await call('GET', `${BASE}/${document.id}/download-url`, { token: await recruiter() });
    const text = await call('GET', `${BASE}/${document.id}/text`, { token: await recruiter() });

    // Assert
    expect(rejected).toMatchObject({
      status: 'rejected',
      statusReason: 'The file is a Windows executable, not a PDF.',
    });
    expect(link.status).toBe(409);
    expect(link.body).toMatchObject({ currentStatus: 'rejected' });
    expect(text.status).toBe(409);
  });

  it('answers 409 for the text and download of a document whose file has not come', async () => {
    // Arrange
    const { document } = await requestUpload();

    // Act
    const text = await call('GET', `${BASE}/${document.id}/text`, { token: await recruiter() });
    const link = await call('GET', `${BASE}/${document.id}/download-url`, { token: await recruiter() });

    // Assert
    expect([text.status, link.status]).toEqual([409, 409]);
    expect(text.headers.get('content-type')).toBe('application/problem+json');
  });

  it("lists an owner's documents newest first, and nobody else's", async () => {
    // Arrange
    const ownerId = await aJobDescriptionOwner();
    const older = await requestUpload(uploadBody({ ownerId }));
    const newer = await requestUpload(uploadBody({ ownerId }));
    await requestUpload();

    // Act
    const list = await call('GET', `${BASE}?ownerId=${ownerId}`, { token: await recruiter() });
    const paged = await call('GET', `${BASE}?ownerId=${ownerId}&limit=1`, { token: await recruiter() });

    // Assert
    expect(list.status).toBe(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([newer.document.id, older.document.id]);
    expect(paged.body.items).toHaveLength(1);
    expect(paged.body.nextCursor).toEqual(expect.any(String));
  });

  it("refuses one owner's cursor on another owner's list with 400", async () => {
    // Arrange
    const ownerId = await aJobDescriptionOwner();
    await requestUpload(uploadBody({ ownerId }));
    await requestUpload(uploadBody({ ownerId }));
    const token = await recruiter();
    const page = await call('GET', `${BASE}?ownerId=${ownerId}&limit=1`, { token });

    // Act
    const response = await call(
      'GET',
      `${BASE}?ownerId=${newId('jobDescription')}&limit=1&cursor=${page.body.nextCursor}`,
      { token },
    );

    // Assert
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'cursor', code: 'invalid_cursor' })]);
  });

  it('refuses a file above 10 MB with 413 before making a slot', async () => {
    // Act
    const response = await call('POST', `${BASE}/upload-url`, {
      token: await recruiter(),
      body: uploadBody({ ownerId: await aJobDescriptionOwner(), contentLength: 10 * 1024 * 1024 + 1 }),
    });

    // Assert
    expect(response.status).toBe(413);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'contentLength', code: 'too_large' })]);
  });

  it('refuses an owner that does not exist in the tenant, or of the wrong kind, with 400 on ownerId', async () => {
    // Act
    const unknownCandidate = await call('POST', `${BASE}/upload-url`, {
      token: await recruiter(),
      body: uploadBody({ kind: 'resume', ownerId: newId('candidate') }),
    });
    const wrongKind = await call('POST', `${BASE}/upload-url`, {
      token: await recruiter(),
      body: uploadBody({ kind: 'resume', ownerId: await aJobDescriptionOwner() }),
    });
    const unknownJobDescription = await call('POST', `${BASE}/upload-url`, {
      token: await recruiter(),
      body: uploadBody({ ownerId: newId('jobDescription') }),
    });
    const otherTenants = await call('POST', `${BASE}/upload-url`, {
      token: await recruiter(),
      body: uploadBody({ ownerId: await aJobDescriptionOwner(OTHER.recruiter) }),
    });

    // Assert
    expect(unknownJobDescription.status).toBe(400);
    expect(otherTenants.status).toBe(400);
    expect(unknownCandidate.status).toBe(400);
    expect(unknownCandidate.body.errors).toEqual([
      expect.objectContaining({ field: 'ownerId', code: 'unknown_owner' }),
    ]);
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.errors[0].field).toBe('ownerId');
  });

  it('shows another tenant nothing of a document: 404 on every route, an empty list for its owner', async () => {
    // Arrange
    const { document } = await requestUpload();
    const token = await tokenFor(OTHER.recruiter);

    // Act
    const reads = await Promise.all(
      ['', '/download-url', '/text'].map((suffix) => call('GET', `${BASE}/${document.id}${suffix}`, { token })),
    );
    const list = await call('GET', `${BASE}?ownerId=${document.ownerId}`, { token });

    // Assert
    expect(reads.map((read) => read.status)).toEqual([404, 404, 404]);
    expect(list.body.items).toEqual([]);
  });
});
