import {
  CreateBucketCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { uploadTo } from '../../support/files.ts';
import {
  aGif,
  aJpeg,
  aPng,
  type ProctoredSession,
  proctoredAssessment,
  proctoredSession,
  requestSnapshotUpload,
  SNAPSHOT_UPLOAD_URL,
} from '../../support/fixtures/proctoring-snapshots.ts';
import { eventually } from '../../support/queues.ts';
import { HOME } from '../../support/users.ts';
import { whoIs } from '../../support/whoami.ts';

// Loaded after the stack environment points the SDK at the local cloud.
const { processSnapshotObject } = await import('@assist-ten/core/proctoring/snapshot-processing');
const { markerFaceAnalyser, noFaceAnalyser } = await import('@assist-ten/core/proctoring/face-analyser');
const { SnapshotEntity } = await import('@assist-ten/core/proctoring/snapshot.entity');
const { ProctoringEventEntity } = await import('@assist-ten/core/proctoring/proctoring-event.entity');
const { ProctoringSummaryEntity } = await import('@assist-ten/core/proctoring/proctoring-summary.entity');
const { MAX_SNAPSHOT_BYTES } = await import('@assist-ten/core/proctoring/snapshot.model');
const { bucketName } = await import('@assist-ten/core/shared/files');
const { settingsFor } = await import('@assist-ten/core/identity/settings.service');
const { newId } = await import('@assist-ten/core/shared/ids');

/**
 * The snapshot path against the local cloud. Uploads through the presigned POST land in the
 * tenant bucket, where the local relay and the proctoring consumer (marker analyser) take
 * them as on AWS. Processing itself is called directly on a bucket of this test's own: the
 * consumer hears of those objects too but leaves another bucket's files alone, so nothing
 * races these calls.
 */
const s3 = new S3Client({ forcePathStyle: true });
const own = { bucket: `snapshots-it-${Date.now()}`, s3 };
const tenant = { bucket: bucketName(), s3 };

let tenantId = '';
const NAMES = ['upload', 'rate', 'race', 'faces', 'rejects', 'failures', 'replaced'] as const;
/** One candidate per concern: each session gets 3 upload URLs at once (the burst), then none for 10 minutes. */
let sessions: Record<(typeof NAMES)[number], ProctoredSession>;

beforeAll(async () => {
  await s3.send(new CreateBucketCommand({ Bucket: own.bucket }));
  tenantId = (await whoIs(HOME.recruiter)).tenantId;
  const assessment = await proctoredAssessment(600);
  const started = await Promise.all(NAMES.map(async (name) => [name, await proctoredSession(assessment)] as const));
  sessions = Object.fromEntries(started) as typeof sessions;
});

const eventFor = (key: string, size: number, bucket = own.bucket, etag = 'etag') => ({
  version: '0',
  id: crypto.randomUUID(),
  'detail-type': 'Object Created' as const,
  source: 'aws.s3' as const,
  account: '000000000000',
  time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
  region: 'us-east-1',
  resources: [],
  detail: {
    version: '0',
    bucket: { name: bucket },
    object: { key, size, etag },
    'request-id': 'r',
    requester: '000000000000',
    'source-ip-address': '127.0.0.1',
    reason: 'PostObject',
  },
});

const first = { receiveCount: 1, maxReceiveCount: 5, store: own, analyser: markerFaceAnalyser };

const itemOf = async (snapshotId: string) => {
  const { data } = await SnapshotEntity.get({ tenantId, snapshotId }).go({ consistent: true });
  if (!data) throw new Error(`snapshot ${snapshotId} missing`);
  return data;
};

const summaryOf = async (testSessionId: string) => {
  const { data } = await ProctoringSummaryEntity.get({ tenantId, testSessionId }).go({ consistent: true });
  return data;
};

const eventsOf = async (testSessionId: string) => {
  const { data } = await ProctoringEventEntity.query.bySession({ tenantId, testSessionId }).go({ pages: 'all' });
  return data;
};

const exists = async (bucket: string, key: string): Promise<boolean> =>
  s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(
    () => true,
    () => false,
  );

/** An upload URL of `session`, its snapshot, and `bytes` stored at its key in this test's bucket. */
const uploaded = async (session: ProctoredSession, bytes: Uint8Array, contentType = 'image/png') => {
  const response = await requestSnapshotUpload(session.accessToken, contentType);
  if (response.status !== 201) throw new Error(`upload-url -> ${response.status} ${JSON.stringify(response.body)}`);
  const { objectKey: key } = await itemOf(response.body.snapshotId);
  const { ETag } = await s3.send(
    new PutObjectCommand({ Bucket: own.bucket, Key: key, Body: bytes, ContentType: contentType }),
  );
  return { snapshotId: response.body.snapshotId, key, event: eventFor(key, bytes.length, own.bucket, ETag) };
};

describe('snapshot upload URLs', () => {
  it('lets the browser post a frame straight to S3; the consumer accepts it, counts two faces and records one event', async () => {
    // Arrange
    const session = sessions.upload;
    const response = await requestSnapshotUpload(session.accessToken);
    const { snapshotId } = response.body;

    // Act
    const posted = await uploadTo(response.body, aPng({ faces: 2 }), 'image/png', 'frame.png');

    // Assert: a presigned POST for this session's key alone, within the limits
    expect(response.status).toBe(201);
    expect(response.body.fields.key).toBe(`tenant/${tenantId}/snapshots/${session.testSessionId}/${snapshotId}`);
    expect(response.body.fields['Content-Type']).toBe('image/png');
    expect(response.body.maxBytes).toBe(MAX_SNAPSHOT_BYTES);
    expect(Date.parse(response.body.expiresAt) - Date.now()).toBeLessThanOrEqual(300_000);
    expect(posted.status).toBe(204);
    let item = await itemOf(snapshotId);
    await eventually(async () => {
      item = await itemOf(snapshotId);
      return item.status !== 'pending';
    }, 'the consumer to settle the snapshot');
    expect(item).toMatchObject({ status: 'accepted', faceCount: 2, size: aPng({ faces: 2 }).length });
    const { snapshotRetentionDays } = (await settingsFor(tenantId)).proctoring;
    const retention = item.expiresAt - Math.floor(Date.parse(item.uploadedAt ?? '') / 1000);
    expect(retention).toBe(snapshotRetentionDays * 86_400);
    const events = await eventsOf(session.testSessionId);
    expect(events.map((event) => [event.eventType, event.source, event.snapshotId, event.metadata])).toEqual([
      ['multiple_faces_detected', 'snapshot', snapshotId, { faceCount: 2 }],
    ]);
    const tags = await s3.send(new GetObjectTaggingCommand({ Bucket: tenant.bucket, Key: item.objectKey }));
    expect(tags.TagSet).toEqual([{ Key: 'assist-ten:lifecycle', Value: 'snapshot' }]);
    expect(await summaryOf(session.testSessionId)).toMatchObject({ snapshotUrlsIssued: 1, acceptedSnapshots: 1 });
  });

  it('changes nothing when the same object is announced again', async () => {
    // Arrange: the snapshot the consumer accepted above
    const session = sessions.upload;
    const [event] = await eventsOf(session.testSessionId);
    const item = await itemOf(event?.snapshotId ?? '');

    // Act
    const report = await processSnapshotObject(
      eventFor(item.objectKey, item.size ?? 0, tenant.bucket, item.objectEtag),
      {
        ...first,
        receiveCount: 2,
        store: tenant,
      },
    );

    // Assert
    expect(report).toMatchObject({ outcome: 'duplicate', snapshotId: item.snapshotId, faceCount: 2 });
    expect(await itemOf(item.snapshotId)).toEqual(item);
    expect(await eventsOf(session.testSessionId)).toHaveLength(1);
    expect(await summaryOf(session.testSessionId)).toMatchObject({ acceptedSnapshots: 1, rejectedSnapshots: 0 });
  });

  it('is refused by S3 for a file over 2 MiB or of another Content-Type than the URL allows', async () => {
    // Arrange
    const session = sessions.upload;
    const [oversizeSlot, retypedSlot] = await Promise.all([
      requestSnapshotUpload(session.accessToken),
      requestSnapshotUpload(session.accessToken),
    ]);
    const oversized = new Uint8Array(MAX_SNAPSHOT_BYTES + 1);
    oversized.set(aPng());

    // Act
    const tooLarge = await uploadTo(oversizeSlot.body, oversized, 'image/png', 'frame.png');
    const retyped = await uploadTo(
      { ...retypedSlot.body, fields: { ...retypedSlot.body.fields, 'Content-Type': 'text/html' } },
      aPng(),
      'text/html',
      'frame.png',
    );

    // Assert
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body).toContain('EntityTooLarge');
    expect(retyped.status).toBe(403);
    expect(await exists(tenant.bucket, oversizeSlot.body.fields.key ?? '')).toBe(false);
    expect(await exists(tenant.bucket, retypedSlot.body.fields.key ?? '')).toBe(false);
  });

  it("refuses more URLs than the assessment's rate with 429 and Retry-After, as the last URL announced", async () => {
    // Arrange: the burst, one after the other
    const session = sessions.rate;
    const burst = [];
    for (let index = 0; index < 3; index++) burst.push(await requestSnapshotUpload(session.accessToken));

    // Act
    const refused = await requestSnapshotUpload(session.accessToken);

    // Assert
    expect(burst.map((response) => response.status)).toEqual([201, 201, 201]);
    expect(burst.map((response) => response.body.nextAllowedAt === undefined)).toEqual([true, true, false]);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(500);
    expect(retryAfter).toBeLessThanOrEqual(600);
    const announced = Date.parse(burst[2]?.body.nextAllowedAt ?? '');
    expect(Math.abs(announced - (Date.now() + retryAfter * 1000))).toBeLessThan(3_000);
    expect((await summaryOf(session.testSessionId))?.snapshotUrlsIssued).toBe(3);
  });

  it('gives the last slot to exactly one of two requests made at once', async () => {
    // Arrange
    const session = sessions.race;
    await requestSnapshotUpload(session.accessToken);
    await requestSnapshotUpload(session.accessToken);

    // Act
    const racing = await Promise.all([
      requestSnapshotUpload(session.accessToken, 'image/jpeg'),
      requestSnapshotUpload(session.accessToken, 'image/webp'),
    ]);

    // Assert
    expect(racing.map((response) => response.status).sort()).toEqual([201, 429]);
    expect((await summaryOf(session.testSessionId))?.snapshotUrlsIssued).toBe(3);
  });

  it('is 409 for a session that is over and for an assessment that is not proctored', async () => {
    // Arrange
    const [submitted, unproctored] = await Promise.all([
      proctoredSession(),
      proctoredSession(await proctoredAssessment(30, false)),
    ]);
    const submit = await call('POST', '/api/v1/candidate/test-session/submit', { token: submitted.accessToken });

    // Act
    const afterSubmit = await requestSnapshotUpload(submitted.accessToken);
    const notProctored = await requestSnapshotUpload(unproctored.accessToken);

    // Assert
    expect(submit.status).toBe(200);
    expect(afterSubmit.status).toBe(409);
    expect(afterSubmit.body).toMatchObject({ reason: 'session_submitted' });
    expect(notProctored.status).toBe(409);
    expect(notProctored.body).toMatchObject({ reason: 'proctoring_not_required' });
  });

  it('is 401 without a candidate token: none, or a staff one', async () => {
    // Act
    const responses = await Promise.all([
      call('POST', SNAPSHOT_UPLOAD_URL, { body: { contentType: 'image/png' } }),
      call('POST', SNAPSHOT_UPLOAD_URL, { token: await tokenFor(HOME.recruiter), body: { contentType: 'image/png' } }),
    ]);

    // Assert
    expect(responses.map((response) => response.status)).toEqual([401, 401]);
  });

  it('is 400 for a type snapshots do not take', async () => {
    // Act
    const response = await requestSnapshotUpload(sessions.rate.accessToken, 'image/gif');

    // Assert
    expect(response.status).toBe(400);
  });
});

describe('processSnapshotObject', () => {
  it('accepts a JPEG without a face count when no analyser looks, and raises no event', async () => {
    // Arrange
    const session = sessions.faces;
    const { snapshotId, event } = await uploaded(session, aJpeg(), 'image/jpeg');

    // Act
    const report = await processSnapshotObject(event, { ...first, analyser: noFaceAnalyser });

    // Assert
    expect(report).toMatchObject({ outcome: 'accepted', snapshotId, testSessionId: session.testSessionId });
    expect(report.faceCount).toBeUndefined();
    const item = await itemOf(snapshotId);
    expect(item).toMatchObject({ status: 'accepted', contentType: 'image/jpeg', size: aJpeg().length });
    expect(item.faceCount).toBeUndefined();
    expect(item.uploadedAt).toBe(new Date(event.time).toISOString());
    expect(await eventsOf(session.testSessionId)).toHaveLength(0);
  });

  it('turns an empty room into one no_face_detected event, and a redelivery into nothing more', async () => {
    // Arrange
    const session = sessions.faces;
    const { snapshotId, event } = await uploaded(session, aPng({ faces: 0 }));

    // Act
    const report = await processSnapshotObject(event, first);
    const again = await processSnapshotObject(event, { ...first, receiveCount: 2 });

    // Assert
    expect(report).toMatchObject({ outcome: 'accepted', faceCount: 0 });
    expect(again).toMatchObject({ outcome: 'duplicate', proctoringEventId: report.proctoringEventId });
    const events = await eventsOf(session.testSessionId);
    expect(events.map((item) => [item.proctoringEventId, item.eventType, item.snapshotId])).toEqual([
      [report.proctoringEventId, 'no_face_detected', snapshotId],
    ]);
    expect(await summaryOf(session.testSessionId)).toMatchObject({ acceptedSnapshots: 2, rejectedSnapshots: 0 });
  });

  it('erases an accepted slot posted to again, and rejects the snapshot: unchecked bytes are never evidence', async () => {
    // Arrange: an accepted frame, then other bytes posted to the same key within the URL's life
    const session = sessions.replaced;
    const { snapshotId, key, event } = await uploaded(session, aPng({ faces: 1 }));
    await processSnapshotObject(event, first);
    const before = await summaryOf(session.testSessionId);
    const { ETag } = await s3.send(new PutObjectCommand({ Bucket: own.bucket, Key: key, Body: aGif() }));

    // Act
    const report = await processSnapshotObject(eventFor(key, aGif().length, own.bucket, ETag), first);

    // Assert
    expect(report).toMatchObject({ outcome: 'rejected', reason: expect.stringContaining('replaced') });
    expect(await itemOf(snapshotId)).toMatchObject({ status: 'rejected' });
    expect(await exists(own.bucket, key)).toBe(false);
    expect(await summaryOf(session.testSessionId)).toMatchObject({
      acceptedSnapshots: (before?.acceptedSnapshots ?? 0) - 1,
      rejectedSnapshots: (before?.rejectedSnapshots ?? 0) + 1,
    });
  });

  it('settles a snapshot once when two deliveries race: one accepts, the other finds it done', async () => {
    // Arrange
    const session = sessions.faces;
    const { snapshotId, event } = await uploaded(session, aPng({ faces: 3 }));

    // Act
    const reports = await Promise.all([processSnapshotObject(event, first), processSnapshotObject(event, first)]);

    // Assert
    expect(reports.map((report) => report.outcome).sort()).toEqual(['accepted', 'duplicate']);
    expect((await itemOf(snapshotId)).faceCount).toBe(3);
    const events = (await eventsOf(session.testSessionId)).filter((item) => item.snapshotId === snapshotId);
    expect(events.map((item) => item.eventType)).toEqual(['multiple_faces_detected']);
    expect(await summaryOf(session.testSessionId)).toMatchObject({ acceptedSnapshots: 3 });
  });

  it('rejects and deletes a GIF posted as a PNG, and counts it once however often it is announced', async () => {
    // Arrange
    const session = sessions.rejects;
    const { snapshotId, key, event } = await uploaded(session, aGif());

    // Act
    const report = await processSnapshotObject(event, first);
    const again = await processSnapshotObject(event, { ...first, receiveCount: 2 });

    // Assert
    expect(report).toMatchObject({ outcome: 'rejected', reason: 'The file is a GIF image, not a PNG image.' });
    expect(again.outcome).toBe('duplicate');
    expect(await itemOf(snapshotId)).toMatchObject({ status: 'rejected', size: aGif().length });
    expect(await exists(own.bucket, key)).toBe(false);
    expect(await summaryOf(session.testSessionId)).toMatchObject({ acceptedSnapshots: 0, rejectedSnapshots: 1 });
  });

  it('rejects and deletes text named as a PNG; a second post to the refused slot is deleted too', async () => {
    // Arrange
    const session = sessions.rejects;
    const { snapshotId, key, event } = await uploaded(session, new TextEncoder().encode('<script>alert(1)</script>'));
    await processSnapshotObject(event, first);
    await s3.send(new PutObjectCommand({ Bucket: own.bucket, Key: key, Body: aPng() }));

    // Act
    const report = await processSnapshotObject(eventFor(key, aPng().length), first);

    // Assert
    expect(report.outcome).toBe('duplicate');
    expect((await itemOf(snapshotId)).status).toBe('rejected');
    expect(await exists(own.bucket, key)).toBe(false);
    expect(await summaryOf(session.testSessionId)).toMatchObject({ rejectedSnapshots: 2 });
  });

  it('deletes a stray object: no snapshot of that id, or a snapshot of another session', async () => {
    // Arrange: an id nobody issued, and a real snapshot's id under another session's prefix
    const session = sessions.rejects;
    const { snapshotId } = await uploaded(session, aPng());
    const strays = [
      `tenant/${tenantId}/snapshots/${session.testSessionId}/${newId('snapshot')}`,
      `tenant/${tenantId}/snapshots/${newId('testSession')}/${snapshotId}`,
    ];
    for (const key of strays) await s3.send(new PutObjectCommand({ Bucket: own.bucket, Key: key, Body: aPng() }));

    // Act
    const reports = await Promise.all(strays.map((key) => processSnapshotObject(eventFor(key, 10), first)));

    // Assert
    expect(reports.map((report) => report.outcome)).toEqual(['stray_deleted', 'stray_deleted']);
    expect(await Promise.all(strays.map((key) => exists(own.bucket, key)))).toEqual([false, false]);
    expect((await itemOf(snapshotId)).status).toBe('pending');
  });

  it('throws while deliveries remain, and on the last one keeps the image without a face count', async () => {
    // Arrange: an analyser that is down
    const session = sessions.failures;
    const { snapshotId, event } = await uploaded(session, aPng({ faces: 2 }));
    const down = { analyse: async () => Promise.reject(new Error('analyser down')) };

    // Act
    const early = await processSnapshotObject(event, { ...first, analyser: down }).then(
      () => undefined,
      (error: unknown) => error,
    );
    const pendingAfterEarly = (await itemOf(snapshotId)).status;
    const last = await processSnapshotObject(event, { ...first, analyser: down, receiveCount: 5 });

    // Assert
    expect(early).toMatchObject({ message: 'analyser down' });
    expect(pendingAfterEarly).toBe('pending');
    expect(last).toMatchObject({ outcome: 'accepted', error: { message: 'analyser down' } });
    expect((await itemOf(snapshotId)).faceCount).toBeUndefined();
    expect(await eventsOf(session.testSessionId)).toHaveLength(0);
  });

  it('leaves a snapshot pending when its object is already gone', async () => {
    // Arrange: a slot whose object was never stored in this bucket
    const response = await requestSnapshotUpload(sessions.failures.accessToken);
    const { objectKey } = await itemOf(response.body.snapshotId);

    // Act
    const report = await processSnapshotObject(eventFor(objectKey, 10), first);

    // Assert
    expect(report.outcome).toBe('ignored');
    expect((await itemOf(response.body.snapshotId)).status).toBe('pending');
  });
});
