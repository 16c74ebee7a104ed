import { NotFoundError } from '@assist-ten/core/shared/errors';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { principalOf } from '../../../infra/local/seed.ts';
import { findLocalUser } from '../../../infra/local/seed-data.ts';
import { unique } from '../../support/users.ts';

// Loaded after the stack environment points the SDK at the local cloud.
const { createCandidate } = await import('@assist-ten/core/candidates/candidate.service');
const { buildCandidateExport, exportCandidate, runCandidateExport, getExportStatus, exportFileKey } = await import(
  '@assist-ten/core/candidates/candidate.export'
);
const { DocumentEntity } = await import('@assist-ten/core/documents/document.entity');
const { ApplicationEntity } = await import('@assist-ten/core/applications/application.entity');
const { ApplicationNoteEntity } = await import('@assist-ten/core/applications/note.entity');
const { TaskEntity } = await import('@assist-ten/core/platform/task.entity');
const { beginAttempt, completeTask } = await import('@assist-ten/core/platform/task.service');
const { AuditLogEntity } = await import('@assist-ten/core/platform/audit-log.entity');
const { objectKey } = await import('@assist-ten/core/shared/files');
const { newId } = await import('@assist-ten/core/shared/ids');

/** The export's service against DynamoDB Local and the S3 emulator, with a bucket of this test's own. */
const seeded = findLocalUser('admin@demo.test');
if (!seeded) throw new Error('seed user missing');
const admin = principalOf(seeded);
const { tenantId } = admin;

const s3 = new S3Client({ forcePathStyle: true });
const store = { bucket: `export-it-${Date.now()}`, s3 };

beforeAll(async () => {
  await s3.send(new CreateBucketCommand({ Bucket: store.bucket }));
});

const RESUME_TEXT = 'Dana Exportable. Ten years of Rust and PostgreSQL.';

const aCandidateWithData = async () => {
  const email = `${unique('dana')}@example.test`;
  const candidate = await createCandidate(admin, { fullName: 'Dana Exportable', email, phone: '+44 20 7946 0000' });
  const documentId = newId('document');
  const textKey = objectKey(tenantId, 'document-text', candidate.id, documentId);
  await s3.send(new PutObjectCommand({ Bucket: store.bucket, Key: textKey, Body: RESUME_TEXT }));
  await DocumentEntity.create({
    tenantId,
    documentId,
    kind: 'resume',
    ownerId: candidate.id,
    fileName: 'Dana CV.pdf',
    contentType: 'application/pdf',
    declaredSize: 10,
    objectKey: objectKey(tenantId, 'documents', candidate.id, documentId),
    textKey,
    status: 'processed',
    createdBy: admin.userId,
    updatedBy: admin.userId,
  }).go();
  const applicationId = newId('application');
  const at = new Date().toISOString();
  await ApplicationEntity.create({
    tenantId,
    applicationId,
    candidateId: candidate.id,
    requisitionId: newId('requisition'),
    stageEnteredAt: at,
    stageHistory: [{ to: 'applied', at, by: admin.userId }],
    appliedAt: at,
    createdBy: admin.userId,
    updatedBy: admin.userId,
  }).go();
  await ApplicationNoteEntity.create({
    tenantId,
    applicationId,
    noteId: newId('note'),
    // Someone else's private note: the person has a right to it all the same.
    authorId: 'usr_someone_else',
    type: 'general',
    body: 'Dana asked for a relocation budget',
    isPrivate: true,
    createdBy: 'usr_someone_else',
    updatedBy: 'usr_someone_else',
  }).go();
  return { candidate, email, applicationId };
};

describe('candidate export (DynamoDB Local, S3 emulator)', () => {
  it('holds the decrypted contact details, the resume text, the applications and every note', async () => {
    // Arrange
    const { candidate, email, applicationId } = await aCandidateWithData();

    // Act
    const exported = await buildCandidateExport(tenantId, candidate.id, store);

    // Assert
    expect(exported.candidate).toMatchObject({ email, phone: '+44 20 7946 0000', fullName: 'Dana Exportable' });
    expect(exported.documents[0]?.text).toBe(RESUME_TEXT);
    expect(exported.applications.map((application) => application.id)).toEqual([applicationId]);
    expect(exported.notes).toEqual([
      expect.objectContaining({ body: 'Dana asked for a relocation budget', heldPrivately: true }),
    ]);
  });

  it('queues a task above the size limit, sends its message and audits the request without the data', async () => {
    // Arrange
    const { candidate } = await aCandidateWithData();
    const sent: unknown[] = [];

    // Act
    const answer = await exportCandidate(admin, candidate.id, {
      maxInlineBytes: RESUME_TEXT.length - 1,
      store,
      send: async (message) => {
        sent.push(message);
      },
    });

    // Assert
    expect('queued' in answer).toBe(true);
    const taskId = 'queued' in answer ? answer.queued.taskId : '';
    expect(sent).toEqual([{ kind: 'candidate_export', tenantId, taskId, candidateId: candidate.id }]);
    const task = (await TaskEntity.get({ tenantId, taskId }).go()).data;
    expect(task).toMatchObject({ kind: 'data_export', status: 'queued', input: { candidateId: candidate.id } });
    const { data: audit } = await AuditLogEntity.query
      .byEntity({ tenantId, entityType: 'candidate', entityId: candidate.id })
      .go();
    expect(audit.map((entry) => entry.action)).toContain('candidate.exported');
    expect(JSON.stringify(audit)).not.toMatch(/Dana|Rust|7946/);
  });

  it('answers inline at or below the limit', async () => {
    // Arrange
    const { candidate } = await aCandidateWithData();

    // Act
    const answer = await exportCandidate(admin, candidate.id, { maxInlineBytes: RESUME_TEXT.length, store });

    // Assert
    expect('inline' in answer && answer.inline.documents[0]?.text).toBe(RESUME_TEXT);
  });

  it('fails the task at once when its message cannot be sent', async () => {
    // Arrange
    const { candidate } = await aCandidateWithData();
    let taskId = '';

    // Act
    const error = await exportCandidate(admin, candidate.id, {
      maxInlineBytes: 0,
      store,
      send: async (message) => {
        taskId = message.taskId;
        throw new Error('queue down');
      },
    }).catch((caught: unknown) => caught);

    // Assert
    expect(error).toMatchObject({ message: 'queue down' });
    expect((await TaskEntity.get({ tenantId, taskId }).go()).data).toMatchObject({
      status: 'failed',
      lastError: { code: 'not_queued' },
    });
  });

  it('writes the file of a queued export and hands out a short-lived link once the task succeeded', async () => {
    // Arrange
    const { candidate } = await aCandidateWithData();
    const sent: { taskId: string }[] = [];
    await exportCandidate(admin, candidate.id, {
      maxInlineBytes: 0,
      store,
      send: async (message) => {
        sent.push(message);
      },
    });
    const message = {
      kind: 'candidate_export' as const,
      tenantId,
      taskId: sent[0]?.taskId ?? '',
      candidateId: candidate.id,
    };
    const before = await getExportStatus(admin, candidate.id, message.taskId, store);

    // Act: what the tasks queue consumer does
    await beginAttempt(tenantId, message.taskId);
    const resultRef = await runCandidateExport(message, store);
    await completeTask(tenantId, message.taskId, resultRef);
    const after = await getExportStatus(admin, candidate.id, message.taskId, store);
    const file = (await (await fetch(after.downloadUrl ?? '')).json()) as { documents: { text?: string }[] };

    // Assert
    expect(before).toEqual({ status: 'queued' });
    expect(resultRef).toEqual({ type: 'file', key: exportFileKey(tenantId, candidate.id, message.taskId) });
    expect(after.status).toBe('succeeded');
    expect(Date.parse(after.expiresAt ?? '') - Date.now()).toBeLessThanOrEqual(60_000);
    expect(file.documents[0]?.text).toBe(RESUME_TEXT);
  });

  it("does not show one candidate's export under another's id", async () => {
    // Arrange
    const { candidate } = await aCandidateWithData();
    const other = await aCandidateWithData();
    const sent: { taskId: string }[] = [];
    await exportCandidate(admin, candidate.id, {
      maxInlineBytes: 0,
      store,
      send: async (message) => {
        sent.push(message);
      },
    });

    // Act
    const error = await getExportStatus(admin, other.candidate.id, sent[0]?.taskId ?? '', store).catch(
      (caught: unknown) => caught,
    );

    // Assert
    expect(error).toBeInstanceOf(NotFoundError);
  });
});
