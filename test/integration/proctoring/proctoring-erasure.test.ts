import { CreateBucketCommand, ListObjectVersionsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { storeSession } from '../../support/fixtures/test-session-results.ts';

const { eraseProctoringOf } = await import('@assist-ten/core/proctoring/proctoring-erasure');
const { recordEvents } = await import('@assist-ten/core/proctoring/event-ingestion');
const { ProctoringEventEntity } = await import('@assist-ten/core/proctoring/proctoring-event.entity');
const { ProctoringSummaryEntity } = await import('@assist-ten/core/proctoring/proctoring-summary.entity');
const { SnapshotEntity } = await import('@assist-ten/core/proctoring/snapshot.entity');
const { TestSessionEntity } = await import('@assist-ten/core/test-sessions/test-session.entity');
const { DEFAULT_PROCTORING_THRESHOLDS } = await import('@assist-ten/core/identity/settings.model');
const { objectKey } = await import('@assist-ten/core/shared/files');
const { newId } = await import('@assist-ten/core/shared/ids');

const s3 = new S3Client({ forcePathStyle: true });
const store = { bucket: `proctoring-erasure-it-${Date.now()}`, s3 };
const tenantId = newId('tenant');

beforeAll(async () => {
  await s3.send(new CreateBucketCommand({ Bucket: store.bucket }));
});

/** A finished session of `candidateId` with two events, an appeal and a snapshot image. */
const sessionWithTraces = async (candidateId: string) => {
  const assessmentId = newId('assessment');
  const now = new Date().toISOString();
  const testSessionId = await storeSession(tenantId, candidateId, { assessmentId, scopeId: assessmentId });
  const ref = { tenantId, testSessionId, assessmentId, candidateId };
  await recordEvents(
    ref,
    ['tab-1', 'paste-1'].map((clientEventId, index) => ({
      source: 'client' as const,
      clientEventId,
      eventType: index ? ('paste' as const) : ('tab_switch' as const),
      detectedAt: now,
    })),
    DEFAULT_PROCTORING_THRESHOLDS,
  );
  await ProctoringSummaryEntity.create({
    ...ref,
    appealText: 'My flatmate walked in; I answered alone.',
    appealedAt: now,
  }).go();
  const snapshotId = newId('snapshot');
  const key = objectKey(tenantId, 'snapshots', testSessionId, snapshotId);
  await SnapshotEntity.create({
    ...ref,
    snapshotId,
    objectKey: key,
    contentType: 'image/png',
    status: 'accepted',
    expiresAt: Math.floor(Date.now() / 1000) + 86_400,
  }).go();
  await s3.send(new PutObjectCommand({ Bucket: store.bucket, Key: key, Body: 'a face' }));
  return { ...ref, snapshotId, key };
};

const versionsUnder = async (prefix: string) => {
  const page = await s3.send(new ListObjectVersionsCommand({ Bucket: store.bucket, Prefix: prefix }));
  return [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])];
};

describe('eraseProctoringOf', () => {
  it("removes a candidate's snapshots, events and appeals from every session, and leaves others' alone", async () => {
    // Arrange
    const candidateId = newId('candidate');
    const [first, second] = [await sessionWithTraces(candidateId), await sessionWithTraces(candidateId)];
    const someoneElse = await sessionWithTraces(newId('candidate'));

    // Act
    const erased = await eraseProctoringOf(tenantId, candidateId, store);
    const again = await eraseProctoringOf(tenantId, candidateId, store);

    // Assert
    expect(erased).toEqual({ snapshots: 2, proctoringEvents: 4, proctoringSummaries: 2 });
    expect(again).toEqual({ snapshots: 0, proctoringEvents: 0, proctoringSummaries: 0 });
    for (const session of [first, second]) {
      const { tenantId: t, testSessionId } = session;
      expect(await versionsUnder(objectKey(t, 'snapshots', testSessionId, ''))).toEqual([]);
      expect((await ProctoringSummaryEntity.get({ tenantId: t, testSessionId }).go()).data).toBeNull();
      expect((await ProctoringEventEntity.query.bySession({ tenantId: t, testSessionId }).go()).data).toEqual([]);
      expect((await SnapshotEntity.get({ tenantId: t, snapshotId: session.snapshotId }).go()).data).toBeNull();
      expect((await TestSessionEntity.get({ tenantId: t, testSessionId }).go()).data).not.toBeNull();
    }
    expect(await versionsUnder(someoneElse.key)).not.toEqual([]);
    const kept = await ProctoringSummaryEntity.get({ tenantId, testSessionId: someoneElse.testSessionId }).go();
    expect(kept.data?.appealText).toContain('flatmate');
  });
});
