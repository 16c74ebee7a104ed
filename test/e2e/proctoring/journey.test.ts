import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { uploadTo } from '../../support/files.ts';
import {
  aPng,
  proctoredAssessment,
  proctoredSession,
  requestSnapshotUpload,
} from '../../support/fixtures/proctoring-snapshots.ts';
import { applicationStageOf, submitRightAnswers } from '../../support/fixtures/test-sessions.ts';
import { ownerOf, wholeInbox } from '../../support/inbox.ts';
import { eventually } from '../../support/queues.ts';
import { HOME } from '../../support/users.ts';
import { whoIs } from '../../support/whoami.ts';

interface Review {
  summary: { integrityScore: number; flagged: boolean; snapshots: { accepted: number }; verdict: unknown };
  events: { proctoringEventId: string; eventType: string; severity: string; version: number }[];
  snapshots: { snapshotId: string; faceCount: number | null; url: string }[];
  session: { invalidatedAt: string | null };
  version: number;
}

const secondsAgo = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();

describe('proctoring, from the candidate’s browser to the reviewer’s verdict', () => {
  it('flags a session from its snapshots and events, tells the recruiter, and an admin invalidates the attempt', async () => {
    // Arrange: a proctored assessment (a snapshot every 30 s) and a candidate who started it
    const recruiter = await whoIs(HOME.recruiter);
    const [recruiterToken, admin] = await Promise.all([tokenFor(HOME.recruiter), tokenFor(HOME.admin)]);
    const candidate = await proctoredSession(await proctoredAssessment(30));

    // Act 1: the test page uploads two frames straight to S3 (two faces, then nobody) ...
    for (const faces of [2, 0]) {
      const upload = await requestSnapshotUpload(candidate.accessToken);
      expect(upload.status).toBe(201);
      expect((await uploadTo(upload.body, aPng({ faces }), 'image/png', 'frame.png')).status).toBe(204);
    }
    // ... and reports a burst of events: three tab switches and a paste within a minute
    const reported = await call<{ accepted: number }>('POST', '/api/v1/proctoring/events', {
      token: candidate.accessToken,
      body: {
        events: [
          ...[40, 30, 20].map((ago) => ({
            clientEventId: randomUUID(),
            eventType: 'tab_switch',
            detectedAt: secondsAgo(ago),
          })),
          { clientEventId: randomUUID(), eventType: 'paste', detectedAt: secondsAgo(10) },
        ],
      },
    });
    await submitRightAnswers(candidate);

    // Assert 1: 25 (two faces) + 10 (no face) + 4 + 4 + 10 (tab switches) + 10 (paste) = 63 points off
    expect(reported.body.accepted).toBe(4);
    const path = `/api/v1/admin/proctoring/sessions/${candidate.testSessionId}`;
    let review = (await call<Review>('GET', path, { token: admin })).body;
    await eventually(async () => {
      review = (await call<Review>('GET', path, { token: admin })).body;
      return review.summary.snapshots.accepted === 2 && review.summary.integrityScore === 37;
    }, 'both snapshots and every event evaluated');
    expect(review.summary.flagged).toBe(true);
    expect(review.events.map((event) => [event.eventType, event.severity])).toEqual(
      expect.arrayContaining([
        ['multiple_faces_detected', 'critical'],
        ['no_face_detected', 'high'],
        ['tab_switch', 'high'],
        ['paste', 'high'],
      ]),
    );
    // The images are served only through short-lived presigned GETs, after the reviewer's check
    expect(review.snapshots.map((snapshot) => snapshot.faceCount).sort()).toEqual([0, 2]);
    const image = await fetch(review.snapshots[0]?.url ?? '');
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');

    // Assert 2: the assessment's recruiter is told once, urgently (a critical event counted)
    let told: Awaited<ReturnType<typeof wholeInbox>> = [];
    await eventually(async () => {
      told = (await wholeInbox(ownerOf(recruiter.tenantId, recruiter.userId))).filter(
        (notification) =>
          notification.relatedEntityId === candidate.testSessionId && notification.type === 'proctoring',
      );
      return told.length > 0;
    }, "the recruiter's notification");
    expect(told).toHaveLength(1);
    expect(told[0]?.priority).toBe('urgent');

    // Act 2: the admin finds the session in the review queue, confirms the worst event, invalidates the attempt
    await eventually(
      async () => (await applicationStageOf(candidate, recruiterToken)) === 'interview',
      'the passed attempt advancing the application',
    );
    const queue = await call<{ items: { testSessionId: string; severity: string; proctoringEventId: string }[] }>(
      'GET',
      `/api/v1/admin/proctoring/events?limit=100`,
      { token: admin },
    );
    const worst = queue.body.items.find((event) => event.testSessionId === candidate.testSessionId);
    const read = review.events.find((event) => event.proctoringEventId === worst?.proctoringEventId);
    const decided = await call('PATCH', `/api/v1/admin/proctoring/events/${worst?.proctoringEventId}/review`, {
      token: admin,
      headers: { 'if-match': `"${read?.version}"` },
      body: { decision: 'confirmed', notes: 'Two people in frame.' },
    });
    // If-Match on the review as read: the evaluations the decision queued rewrite the score, not the version
    const verdict = await call<Review>('POST', `${path}/verdict`, {
      token: admin,
      headers: { 'if-match': `"${review.version}"` },
      body: { verdict: 'invalidate', reason: 'Another person was present and the candidate left the test.' },
    });

    // Assert 3: the evidence is decided by a person; the attempt no longer counts
    expect(worst?.severity).toBe('critical');
    expect(decided.status).toBe(200);
    expect(verdict.status).toBe(200);
    expect(verdict.body.session.invalidatedAt).toEqual(expect.any(String));
    expect(await applicationStageOf(candidate, recruiterToken)).toBe('assessment');
    const results = await call<{ items: { testSessionId: string }[] }>(
      'GET',
      `/api/v1/recruiter/assessments/${candidate.assessmentId}/results`,
      { token: recruiterToken },
    );
    expect(results.body.items.map((row) => row.testSessionId)).not.toContain(candidate.testSessionId);
  });
});
