import { ForbiddenError, NotFoundError } from '@assist-ten/core/shared/errors';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { principalOf } from '../../../infra/local/seed.ts';
import { findLocalUser } from '../../../infra/local/seed-data.ts';
import { unique } from '../../support/users.ts';

// Loaded after the stack environment points the SDK at the local cloud.
const { createCandidate, getCandidate } = await import('@assist-ten/core/candidates/candidate.service');
const { beginErasure, eraseCandidate } = await import('@assist-ten/core/candidates/candidate.erasure');
const { CandidateEntity } = await import('@assist-ten/core/candidates/candidate.entity');
const { DocumentEntity } = await import('@assist-ten/core/documents/document.entity');
const { ApplicationEntity } = await import('@assist-ten/core/applications/application.entity');
const { ApplicationNoteEntity } = await import('@assist-ten/core/applications/note.entity');
const { SkillMatchEntity } = await import('@assist-ten/core/matching/skill-match.entity');
const { ExtractionLogEntity } = await import('@assist-ten/core/extraction/extraction-log.entity');
const { writeExtractionLog } = await import('@assist-ten/core/extraction/extraction-log.service');
const { AuditLogEntity } = await import('@assist-ten/core/platform/audit-log.entity');
const { objectKey } = await import('@assist-ten/core/shared/files');
const { newId } = await import('@assist-ten/core/shared/ids');
const { ListObjectsV2Command } = await import('@aws-sdk/client-s3');

/**
 * Erasure against DynamoDB Local and the S3 emulator, called directly, with a bucket of this
 * test's own. A crash between the first step and the rest is what calling them one by one is.
 */
const seeded = findLocalUser('admin@demo.test');
if (!seeded) throw new Error('seed user missing');
const admin = principalOf(seeded);
const { tenantId } = admin;

const s3 = new S3Client({ forcePathStyle: true });
const store = { bucket: `erasure-it-${Date.now()}`, s3 };

beforeAll(async () => {
  await s3.send(new CreateBucketCommand({ Bucket: store.bucket }));
});

const now = () => new Date().toISOString();

/** A candidate with everything erasure has to find: a resume and its text, an extraction, a match, an application with free text and notes. */
const aCandidateWithTraces = async () => {
  const email = `${unique('erase.me')}@example.test`;
  const candidate = await createCandidate(admin, {
    fullName: 'Erin Erasable',
    email,
    phone: '+49 151 11112222',
    location: 'Leipzig',
    links: { github: 'https://github.com/erin-erasable' },
    tags: ['python'],
  });
  const documentId = newId('document');
  const fileKey = objectKey(tenantId, 'documents', candidate.id, documentId);
  const textKey = objectKey(tenantId, 'document-text', candidate.id, documentId);
  await s3.send(new PutObjectCommand({ Bucket: store.bucket, Key: fileKey, Body: 'Erin Erasable resume bytes' }));
  await s3.send(new PutObjectCommand({ Bucket: store.bucket, Key: textKey, Body: 'Erin Erasable, Leipzig' }));
  const exportKey = objectKey(tenantId, 'exports', candidate.id, `${newId('task')}.json`);
  await s3.send(new PutObjectCommand({ Bucket: store.bucket, Key: exportKey, Body: '{"fullName":"Erin Erasable"}' }));
  await DocumentEntity.create({
    tenantId,
    documentId,
    kind: 'resume',
    ownerId: candidate.id,
    fileName: 'Erin Erasable CV.pdf',
    contentType: 'application/pdf',
    declaredSize: 26,
    objectKey: fileKey,
    textKey,
    status: 'processed',
    createdBy: admin.userId,
    updatedBy: admin.userId,
  }).go();
  await writeExtractionLog({
    tenantId,
    extractionId: newId('extraction'),
    subject: { type: 'candidate', id: candidate.id },
    documentId,
    purpose: 'resume',
    extractor: 'local',
    text: 'Erin Erasable, Leipzig',
    durationMs: 1,
    result: { error: new Error('nothing found') },
  });
  const requisitionId = newId('requisition');
  await SkillMatchEntity.create({
    tenantId,
    requisitionId,
    candidateId: candidate.id,
    matchId: newId('skillMatch'),
    score: 50,
    rank: '050',
    breakdown: [],
    explanation: 'Half of it',
    requiredMet: 1,
    requiredTotal: 2,
    extractorVersion: 'override:1',
    requisitionVersion: 1,
    computedAt: now(),
  }).go();
  const applicationId = newId('application');
  await ApplicationEntity.create({
    tenantId,
    applicationId,
    candidateId: candidate.id,
    requisitionId,
    stage: 'rejected',
    stageEnteredAt: now(),
    furthestStage: 'screening',
    stageHistory: [
      { to: 'applied', at: now(), by: admin.userId },
      { from: 'applied', to: 'rejected', at: now(), by: admin.userId, reason: 'Erin was rude on the phone' },
    ],
    rejectionReason: { code: 'not_qualified', note: 'Erin lacks Go' },
    appliedAt: now(),
    createdBy: admin.userId,
    updatedBy: admin.userId,
  }).go();
  for (const isPrivate of [false, true]) {
    await ApplicationNoteEntity.create({
      tenantId,
      applicationId,
      noteId: newId('note'),
      authorId: admin.userId,
      type: 'general',
      body: `Erin said something ${isPrivate ? 'private' : 'public'}`,
      isPrivate,
      createdBy: admin.userId,
      updatedBy: admin.userId,
    }).go();
  }
  return { candidate, email, documentId, applicationId, requisitionId };
};

const keysUnder = async (prefix: string) =>
  (await s3.send(new ListObjectsV2Command({ Bucket: store.bucket, Prefix: prefix }))).Contents ?? [];

describe('candidate erasure (DynamoDB Local, S3 emulator)', () => {
  it('leaves nothing readable after its first step, and a second call finishes the job', async () => {
    // Arrange
    const { candidate, email, documentId, applicationId } = await aCandidateWithTraces();

    // Act: the first step alone, as if the process died right after it
    await beginErasure(admin, candidate.id, { reason: 'Art. 17 request' });
    const afterCrash = (await CandidateEntity.get({ tenantId, candidateId: candidate.id }).go({ consistent: true }))
      .data as Record<string, unknown>;
    const refused = await getCandidate(admin, candidate.id).catch((error: unknown) => error);
    const receipt = await eraseCandidate(admin, candidate.id, {}, store);

    // Assert: the item was shredded in one step
    expect(afterCrash.status).toBe('erased');
    expect(afterCrash.fullName).toBe('Erased candidate');
    for (const gone of ['wrappedKey', 'emailEncrypted', 'emailIndex', 'phoneEncrypted', 'location', 'links', 'tags']) {
      expect(afterCrash, gone).not.toHaveProperty(gone);
    }
    expect(refused).toBeInstanceOf(NotFoundError);
    // ...and the second call found and removed the rest
    expect(receipt).toMatchObject({
      candidateId: candidate.id,
      removed: { documents: 1, files: 3, extractions: 1, matches: 1, notes: 2, applicationsAnonymised: 1 },
    });
    expect(await keysUnder(`tenant/${tenantId}/documents/${candidate.id}/`)).toEqual([]);
    expect(await keysUnder(`tenant/${tenantId}/document-text/${candidate.id}/`)).toEqual([]);
    expect(await keysUnder(`tenant/${tenantId}/exports/${candidate.id}/`)).toEqual([]);
    expect((await DocumentEntity.get({ tenantId, documentId }).go()).data).toBeNull();
    const extractions = await ExtractionLogEntity.query.bySubject({ tenantId, subjectId: candidate.id }).go();
    expect(extractions.data).toEqual([]);
    const matches = await SkillMatchEntity.query.byCandidate({ tenantId, candidateId: candidate.id }).go();
    expect(matches.data).toEqual([]);
    const notes = await ApplicationNoteEntity.query.byApplication({ tenantId, applicationId }).go();
    expect(notes.data).toEqual([]);
    const application = (await ApplicationEntity.get({ tenantId, applicationId }).go()).data;
    expect(application).toMatchObject({ stage: 'rejected', rejectionReason: { code: 'not_qualified' } });
    expect(JSON.stringify(application)).not.toContain('Erin');
    const stored = (await CandidateEntity.get({ tenantId, candidateId: candidate.id }).go({ consistent: true })).data;
    expect(stored?.erasure?.completedAt).toBe(receipt.erasedAt);
    // The address is free again
    const again = await createCandidate(admin, { fullName: 'Erin Again', email });
    expect(again.id).not.toBe(candidate.id);
  });

  it('answers 404 once an erasure completed', async () => {
    // Arrange
    const { candidate } = await aCandidateWithTraces();
    await eraseCandidate(admin, candidate.id, {}, store);

    // Act
    const error = await eraseCandidate(admin, candidate.id, {}, store).catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(NotFoundError);
  });

  it('audits both steps without a trace of the person', async () => {
    // Arrange
    const { candidate } = await aCandidateWithTraces();

    // Act
    await eraseCandidate(admin, candidate.id, { reason: 'Art. 17 request' }, store);
    const { data: entries } = await AuditLogEntity.query
      .byEntity({ tenantId, entityType: 'candidate', entityId: candidate.id })
      .go();

    // Assert
    const actions = entries.map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['candidate.erased', 'candidate.erasure_completed']));
    expect(JSON.stringify(entries)).not.toMatch(/Erin|Leipzig|erase\.me|11112222/);
  });

  it('refuses a recruiter', async () => {
    // Arrange
    const { candidate } = await aCandidateWithTraces();

    // Act
    const error = await eraseCandidate({ ...admin, roles: ['recruiter'] }, candidate.id, {}, store).catch(
      (caught: unknown) => caught,
    );

    // Assert
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((await getCandidate(admin, candidate.id)).fullName).toBe('Erin Erasable');
  });
});
