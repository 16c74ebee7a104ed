import { randomBytes } from 'node:crypto';
import { SnapshotEntity } from '@assist-ten/core/proctoring/snapshot.entity';
import { newId } from '@assist-ten/core/shared/ids';
import { TestSessionEntity } from '@assist-ten/core/test-sessions/test-session.entity';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { invitedCandidate } from '../../support/fixtures/assessments.ts';
import {
  evaluateNow,
  PROCTORING_EVENTS,
  PROCTORING_SESSIONS,
  recordSessionEvents,
  recruiterPrincipal,
} from '../../support/fixtures/proctoring.ts';
import {
  ALL_ANSWERED,
  createReviewAssessment,
  createScoredSession,
  createTestSession,
} from '../../support/fixtures/test-session-results.ts';
import {
  candidateInSession,
  applicationStageOf as stageOf,
  submitRightAnswers,
} from '../../support/fixtures/test-sessions.ts';
import { ownerOf, wholeInbox } from '../../support/inbox.ts';
import { eventually } from '../../support/queues.ts';
import { HOME, OTHER } from '../../support/users.ts';
import { whoIs } from '../../support/whoami.ts';

interface EventView {
  proctoringEventId: string;
  eventType: string;
  severity: 'low' | 'medium' | 'high' | 'critical';
  detectedAt: string;
  flagged: boolean;
  counted: boolean;
  reviewStatus: string;
  reviewedBy: string | null;
  reviewNotes: string | null;
  version: number;
}

const RANK = { critical: 0, high: 1, medium: 2, low: 3 } as const;

/** Every item of a list, following its cursors (a filtered page may be short, even empty). */
const allPages = async (path: string, token: string, limit = 100): Promise<EventView[]> => {
  const items: EventView[] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const response: { status: number; body: { items: EventView[]; nextCursor: string | null } } = await call(
      'GET',
      `${path}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      { token },
    );
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    items.push(...response.body.items);
    cursor = response.body.nextCursor;
  } while (cursor);
  return items;
};

/** A day of its own, long ago, per run: a time range then holds this file's events and no one else's. */
const DAY = Date.UTC(
  2001 + Math.floor(Math.random() * 20),
  Math.floor(Math.random() * 12),
  1 + Math.floor(Math.random() * 28),
);
const minute = (n: number) => new Date(DAY + n * 60_000).toISOString();
const OUR_DAY = `from=${encodeURIComponent(minute(0))}&to=${encodeURIComponent(minute(24 * 60 - 1))}`;

const idsOf = (items: readonly EventView[]) => items.map((item) => item.proctoringEventId);

const rankedIds = async (assessmentId: string, token: string): Promise<string[]> => {
  const results = await call<{ items: { testSessionId: string }[] }>(
    'GET',
    `/api/v1/recruiter/assessments/${assessmentId}/results?limit=100`,
    { token },
  );
  return results.body.items.map((row) => row.testSessionId);
};

const auditOf = async (entityType: string, entityId: string) => {
  const response = await call<{ items: { action: string; changes: unknown[] }[] }>(
    'GET',
    `/api/v1/admin/audit-logs?entityType=${entityType}&entityId=${entityId}&limit=100`,
    { token: await tokenFor(HOME.admin) },
  );
  expect(response.status).toBe(200);
  return response.body.items;
};

const appeal = (secret: string, text: string) =>
  call('POST', `/api/v1/candidate/invitations/${secret}/appeal`, { body: { text } });

describe('proctoring review', () => {
  let tenantId = '';
  let recruiter = '';
  let admin = '';
  let testSessionId = '';
  /** By name: the queue's order is known from them (each type once in any 5 minutes: no escalation). */
  const events = { blur: '', faces: '', paste: '', tab: '', laterPaste: '', laterFaces: '' };

  beforeAll(async () => {
    const actor = await recruiterPrincipal(HOME.recruiter);
    tenantId = actor.tenantId;
    [recruiter, admin] = await Promise.all([tokenFor(HOME.recruiter), tokenFor(HOME.admin)]);
    testSessionId = await createScoredSession(actor, await createReviewAssessment(actor), ALL_ANSWERED);
    const ids = await recordSessionEvents(tenantId, testSessionId, [
      { clientEventId: 'blur', eventType: 'window_blur', detectedAt: minute(0) },
      { clientEventId: 'faces', eventType: 'multiple_faces_detected', detectedAt: minute(1) },
      { clientEventId: 'paste', eventType: 'paste', detectedAt: minute(2) },
      { clientEventId: 'tab', eventType: 'tab_switch', detectedAt: minute(3) },
      { clientEventId: 'later-paste', eventType: 'paste', detectedAt: minute(20) },
      { clientEventId: 'later-faces', eventType: 'multiple_faces_detected', detectedAt: minute(30) },
    ]);
    const [blur = '', faces = '', paste = '', tab = '', laterPaste = '', laterFaces = ''] = ids;
    Object.assign(events, { blur, faces, paste, tab, laterPaste, laterFaces });
    // Two critical and two high events sink the score far below any threshold: the session is flagged, every event queued.
    await evaluateNow(tenantId, testSessionId, ids);
  });

  it('serves the review queue by default: flagged and pending, worst first, then oldest first', async () => {
    // Act
    const queue = await allPages(`${PROCTORING_EVENTS}?${OUR_DAY}`, recruiter, 2);

    // Assert
    expect(idsOf(queue)).toEqual([
      events.faces,
      events.laterFaces,
      events.paste,
      events.laterPaste,
      events.tab,
      events.blur,
    ]);
    expect(queue.every((event) => event.flagged && event.reviewStatus === 'pending')).toBe(true);
    const ranks = queue.map((event) => RANK[event.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('narrows the queue by severity (a key prefix) and by event type', async () => {
    // Act
    const critical = await allPages(`${PROCTORING_EVENTS}?severity=critical&${OUR_DAY}`, recruiter);
    const pastes = await allPages(`${PROCTORING_EVENTS}?eventType=paste&${OUR_DAY}`, recruiter);

    // Assert
    expect(idsOf(critical)).toEqual([events.faces, events.laterFaces]);
    expect(idsOf(pastes)).toEqual([events.paste, events.laterPaste]);
  });

  it("lists one session's timeline oldest first, its time range inclusive, its other filters within it", async () => {
    // Act
    const timeline = await allPages(`${PROCTORING_EVENTS}?testSessionId=${testSessionId}`, admin, 4);
    const window = await allPages(
      `${PROCTORING_EVENTS}?testSessionId=${testSessionId}&from=${encodeURIComponent(minute(2))}&to=${encodeURIComponent(minute(20))}`,
      admin,
    );
    const high = await allPages(`${PROCTORING_EVENTS}?testSessionId=${testSessionId}&severity=high`, admin);

    // Assert
    expect(idsOf(timeline)).toEqual([
      events.blur,
      events.faces,
      events.paste,
      events.tab,
      events.laterPaste,
      events.laterFaces,
    ]);
    expect(idsOf(window)).toEqual([events.paste, events.tab, events.laterPaste]);
    expect(idsOf(high)).toEqual([events.paste, events.laterPaste]);
  });

  it('refuses a cursor of another list with a 400', async () => {
    // Arrange
    const first = await call('GET', `${PROCTORING_EVENTS}?testSessionId=${testSessionId}&limit=1`, { token: admin });

    // Act
    const elsewhere = await call('GET', `${PROCTORING_EVENTS}?reviewStatus=confirmed&cursor=${first.body.nextCursor}`, {
      token: admin,
    });

    // Assert
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.errors).toEqual([expect.objectContaining({ field: 'cursor', code: 'invalid_cursor' })]);
  });

  it('records a decision with If-Match: the event leaves the queue, a stale version is a 412, and the notes stay out of the trail', async () => {
    // Arrange
    const read = await call<EventView>('GET', `${PROCTORING_EVENTS}/${events.paste}`, { token: recruiter });
    const notes = 'Pasted the whole answer to question 2 from elsewhere.';

    // Act
    const reviewed = await call<EventView>('PATCH', `${PROCTORING_EVENTS}/${events.paste}/review`, {
      token: recruiter,
      headers: { 'if-match': `"${read.body.version}"` },
      body: { decision: 'confirmed', notes },
    });
    const stale = await call('PATCH', `${PROCTORING_EVENTS}/${events.paste}/review`, {
      token: recruiter,
      headers: { 'if-match': `"${read.body.version}"` },
      body: { decision: 'dismissed' },
    });
    const queue = await allPages(`${PROCTORING_EVENTS}?${OUR_DAY}`, recruiter);
    const confirmed = await allPages(`${PROCTORING_EVENTS}?reviewStatus=confirmed&${OUR_DAY}`, recruiter);

    // Assert
    const { userId } = await whoIs(HOME.recruiter);
    expect(read.status).toBe(200);
    expect(reviewed.status).toBe(200);
    expect(reviewed.headers.get('etag')).toBe(`"${read.body.version + 1}"`);
    expect(reviewed.body).toMatchObject({ reviewStatus: 'confirmed', reviewedBy: userId, reviewNotes: notes });
    expect(stale.status).toBe(412);
    expect(idsOf(queue)).not.toContain(events.paste);
    expect(idsOf(confirmed)).toEqual([events.paste]);
    const trail = await auditOf('proctoring_event', events.paste);
    expect(trail.map((entry) => entry.action)).toEqual(['proctoring_event.reviewed']);
    expect(JSON.stringify(trail)).not.toContain('Pasted');
  });

  it('lets a decision change later: each change is audited, and a dismissed event stops counting', async () => {
    // Arrange
    const before = await call('GET', `${PROCTORING_SESSIONS}/${testSessionId}`, { token: admin });
    await call('PATCH', `${PROCTORING_EVENTS}/${events.laterFaces}/review`, {
      token: admin,
      body: { decision: 'confirmed' },
    });

    // Act
    const changed = await call<EventView>('PATCH', `${PROCTORING_EVENTS}/${events.laterFaces}/review`, {
      token: admin,
      body: { decision: 'dismissed', notes: 'The second face is a poster on the wall.' },
    });

    // Assert: the queue's evaluation gives the dismissed critical event's points back
    expect(changed.status).toBe(200);
    expect(changed.body.reviewStatus).toBe('dismissed');
    expect((await auditOf('proctoring_event', events.laterFaces)).length).toBe(2);
    await eventually(async () => {
      const after = await call('GET', `${PROCTORING_SESSIONS}/${testSessionId}`, { token: admin });
      return after.body.summary.integrityScore > before.body.summary.integrityScore;
    }, 'the integrity score without the dismissed event');
    const event = await call<EventView>('GET', `${PROCTORING_EVENTS}/${events.laterFaces}`, { token: admin });
    expect(event.body.counted).toBe(false);
  });

  it('walks the decisions worst severity first, newest first within each, across pages', async () => {
    // Arrange: confirm one event of every severity (the paste was confirmed above)
    for (const id of [events.faces, events.laterPaste, events.tab, events.blur]) {
      const response = await call('PATCH', `${PROCTORING_EVENTS}/${id}/review`, {
        token: recruiter,
        body: { decision: 'confirmed' },
      });
      expect(response.status).toBe(200);
    }

    // Act
    const confirmed = await allPages(`${PROCTORING_EVENTS}?reviewStatus=confirmed&${OUR_DAY}`, recruiter, 2);
    const onlyHigh = await allPages(`${PROCTORING_EVENTS}?reviewStatus=confirmed&severity=high&${OUR_DAY}`, recruiter);

    // Assert
    expect(idsOf(confirmed)).toEqual([events.faces, events.laterPaste, events.paste, events.tab, events.blur]);
    expect(idsOf(onlyHigh)).toEqual([events.laterPaste, events.paste]);
  });

  it('shows a session for review: facts, score and deductions, its timeline, and accepted snapshots with downloads', async () => {
    // Arrange: an accepted snapshot, as the snapshot processor leaves it
    const snapshotId = newId('snapshot');
    await SnapshotEntity.create({
      tenantId,
      snapshotId,
      testSessionId,
      assessmentId: 'asmt_01JDEM00000000000000000001',
      candidateId: 'cand_01JDEM00000000000000000001',
      objectKey: `tenant/${tenantId}/snapshots/${testSessionId}/${snapshotId}`,
      contentType: 'image/jpeg',
      status: 'accepted',
      size: 1234,
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
    }).go();

    // Act
    const review = await call('GET', `${PROCTORING_SESSIONS}/${testSessionId}`, { token: recruiter });

    // Assert
    expect(review.status).toBe(200);
    expect(review.headers.get('etag')).toBe(`"${review.body.version}"`);
    expect(review.body.session).toMatchObject({ status: 'scored', invalidatedAt: null });
    expect(review.body.session.result).toEqual({ percentage: expect.any(Number), passed: expect.any(Boolean) });
    expect(review.body.summary.integrityScore).toBeLessThan(100);
    expect(review.body.summary.deductions[0].explanation).toEqual(expect.any(String));
    expect(review.body.events.map((event: EventView) => event.proctoringEventId)[0]).toBe(events.blur);
    expect(review.body.events).toHaveLength(6);
    expect(review.body.eventsNextCursor).toBeNull();
    expect(review.body.snapshots).toEqual([
      expect.objectContaining({ snapshotId, status: 'accepted', url: expect.stringContaining(snapshotId) }),
    ]);
    const expiresIn = Date.parse(review.body.snapshots[0].urlExpiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(60_000);
    expect(expiresIn).toBeLessThanOrEqual(300_000);
  });

  it('shows a session nothing was recorded for at full score, without writing anything', async () => {
    // Arrange
    const actor = await recruiterPrincipal(HOME.recruiter);
    const quiet = await createScoredSession(actor, await createReviewAssessment(actor), ALL_ANSWERED);

    // Act
    const review = await call('GET', `${PROCTORING_SESSIONS}/${quiet}`, { token: admin });

    // Assert
    expect(review.status).toBe(200);
    expect(review.body).toMatchObject({
      summary: { integrityScore: 100, deductions: [], flagged: false, verdict: null, appeal: null },
      events: [],
      snapshots: [],
      version: 1,
    });
  });

  it('refuses a verdict on an attempt that is not scored yet, saying to try again', async () => {
    // Arrange
    const actor = await recruiterPrincipal(HOME.recruiter);
    const submitted = await createTestSession(actor, await createReviewAssessment(actor), ALL_ANSWERED, {
      status: 'submitted',
    });

    // Act
    const response = await call('POST', `${PROCTORING_SESSIONS}/${submitted}/verdict`, {
      token: admin,
      body: { verdict: 'invalidate', reason: 'Two faces throughout.' },
    });

    // Assert
    expect(response.status).toBe(409);
    expect(response.body.reason).toBe('not_scored');
  });

  it('clears an attempt, then invalidates it: out of the ranking, the application back to assessment, and final', async () => {
    // Arrange: a candidate passes, which advances their application to interview
    const candidate = await candidateInSession();
    await submitRightAnswers(candidate);
    await eventually(
      async () => (await rankedIds(candidate.assessmentId, recruiter)).includes(candidate.testSessionId),
      'the scored, ranked attempt',
    );
    await eventually(async () => (await stageOf(candidate, recruiter)) === 'interview', 'the interview stage');
    const path = `${PROCTORING_SESSIONS}/${candidate.testSessionId}/verdict`;

    // Act
    const cleared = await call('POST', path, {
      token: admin,
      body: { verdict: 'clear', reason: 'Nothing stands out.' },
    });
    const clearedAgain = await call('POST', path, { token: admin, body: { verdict: 'clear', reason: 'Still fine.' } });
    const stale = await call('POST', path, {
      token: admin,
      headers: { 'if-match': `"${cleared.body.version - 1}"` },
      body: { verdict: 'invalidate', reason: 'Someone else answered.' },
    });
    const invalidated = await call('POST', path, {
      token: recruiter,
      headers: { 'if-match': `"${cleared.body.version}"` },
      body: { verdict: 'invalidate', reason: 'Someone else answered.' },
    });
    const invalidatedAgain = await call('POST', path, {
      token: admin,
      body: { verdict: 'invalidate', reason: 'Someone else answered.' },
    });
    const clearedAfter = await call('POST', path, {
      token: admin,
      body: { verdict: 'clear', reason: 'Changed my mind.' },
    });

    // Assert
    expect(cleared.status).toBe(200);
    expect(cleared.body.summary.verdict).toMatchObject({ verdict: 'clear', reason: 'Nothing stands out.' });
    expect(clearedAgain.status).toBe(200);
    expect(clearedAgain.body.summary.verdict.reason).toBe('Nothing stands out.');
    expect(stale.status).toBe(412);
    expect(invalidated.status).toBe(200);
    expect(invalidated.body.summary.verdict).toMatchObject({ verdict: 'invalidate', reason: 'Someone else answered.' });
    expect(invalidated.body.session.invalidatedAt).toEqual(expect.any(String));
    expect(invalidatedAgain.status).toBe(200);
    expect(clearedAfter.status).toBe(409);
    expect(await rankedIds(candidate.assessmentId, recruiter)).not.toContain(candidate.testSessionId);
    expect(await stageOf(candidate, recruiter)).toBe('assessment');
    // The attempt no longer counts: a resent invitation grants the retake, and its scores stay as they are
    const resent = await call(
      'POST',
      `/api/v1/recruiter/assessments/${candidate.assessmentId}/invitations/${candidate.invitationId}/resend`,
      { token: recruiter, body: {} },
    );
    expect(resent.status).toBe(200);
    const detail = await call<{ questions: { question: { id: string } }[] }>(
      'GET',
      `/api/v1/recruiter/test-sessions/${candidate.testSessionId}`,
      { token: recruiter },
    );
    const override = await call(
      'PUT',
      `/api/v1/recruiter/test-sessions/${candidate.testSessionId}/answers/${detail.body.questions[0]?.question.id}/score`,
      { token: recruiter, body: { earned: 0, reason: 'Probe.' } },
    );
    expect(override.status).toBe(409);
    expect(override.body.reason).toBe('attempt_invalidated');
    const trail = await auditOf('test_session', candidate.testSessionId);
    const actions = trail.map((entry) => entry.action);
    expect(actions.filter((action) => action === 'test_session.proctoring_cleared')).toHaveLength(1);
    expect(actions.filter((action) => action === 'test_session.invalidated')).toHaveLength(1);
    expect(JSON.stringify(trail)).not.toContain('Someone else answered');
  });

  it('invalidates an attempt that did not pass: its application stays where it was', async () => {
    // Arrange: nothing answered, so nothing advanced the application
    const candidate = await candidateInSession();
    const submitted = await call('POST', '/api/v1/candidate/test-session/submit', { token: candidate.accessToken });
    expect(submitted.status).toBe(200);
    await eventually(async () => {
      const review = await call('GET', `${PROCTORING_SESSIONS}/${candidate.testSessionId}`, { token: admin });
      return review.body.session?.status === 'scored';
    }, 'the scored attempt');

    // Act
    const invalidated = await call('POST', `${PROCTORING_SESSIONS}/${candidate.testSessionId}/verdict`, {
      token: admin,
      body: { verdict: 'invalidate', reason: 'A second person answered.' },
    });

    // Assert
    expect(invalidated.status).toBe(200);
    expect(invalidated.body.summary.verdict.verdict).toBe('invalidate');
    expect(await stageOf(candidate, recruiter)).toBe('assessment');
  });

  it('takes one appeal per attempt through the invitation link, shows it to the reviewer and tells the recruiter', async () => {
    // Arrange
    const candidate = await candidateInSession();
    await submitRightAnswers(candidate);
    const text = 'My flatmate walked in behind me for a moment; I did not talk to anyone.';

    // Act
    const first = await appeal(candidate.secret, text);
    const second = await appeal(candidate.secret, `${text} Again.`);
    const review = await call('GET', `${PROCTORING_SESSIONS}/${candidate.testSessionId}`, { token: recruiter });

    // Assert
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ testSessionId: candidate.testSessionId, appealedAt: expect.any(String) });
    expect(second.status).toBe(409);
    expect(second.body.reason).toBe('already_appealed');
    expect(review.body.summary.appeal).toEqual({ text, appealedAt: first.body.appealedAt });
    const trail = await auditOf('test_session', candidate.testSessionId);
    expect(trail.map((entry) => entry.action)).toContain('proctoring.appeal_submitted');
    expect(JSON.stringify(trail)).not.toContain('flatmate');
    const { userId } = await whoIs(HOME.recruiter);
    await eventually(async () => {
      const inbox = await wholeInbox(ownerOf(tenantId, userId));
      return inbox.some(
        (notification) =>
          notification.type === 'proctoring' && notification.relatedEntityId === candidate.testSessionId,
      );
    }, "the recruiter's notification of the appeal");
  });

  it('refuses an appeal after the window, before the attempt, of a withdrawn invitation and of an unknown link', async () => {
    // Arrange: one attempt submitted long ago, one invitation never used, one withdrawn
    const late = await candidateInSession();
    await submitRightAnswers(late);
    const longAgo = new Date(Date.now() - 91 * 86_400_000).toISOString();
    await TestSessionEntity.patch({ tenantId, testSessionId: late.testSessionId }).set({ submittedAt: longAgo }).go();
    const [unused, withdrawn] = await Promise.all([invitedCandidate(), invitedCandidate()]);
    const revoked = await call(
      'DELETE',
      `/api/v1/recruiter/assessments/${withdrawn.assessmentId}/invitations/${withdrawn.invitationId}`,
      { token: recruiter },
    );
    const text = 'I lost my connection twice and the page reloaded on its own.';

    // Act
    const tooLate = await appeal(late.secret, text);
    const beforeAttempt = await appeal(unused.secret, text);
    const afterWithdrawal = await appeal(withdrawn.secret, text);
    const unknown = await appeal(randomBytes(32).toString('base64url'), text);
    const tooShort = await appeal(unused.secret, 'It was my cat.');

    // Assert
    expect(revoked.status).toBe(204);
    expect(tooLate.status).toBe(410);
    expect(tooLate.body.reason).toBe('appeal_window_closed');
    expect(beforeAttempt.status).toBe(409);
    expect(beforeAttempt.body.reason).toBe('no_attempt');
    expect(afterWithdrawal.status).toBe(410);
    expect(afterWithdrawal.body.reason).toBe('invitation_revoked');
    expect(unknown.status).toBe(404);
    expect(tooShort.status).toBe(400);
  });

  it('is for recruiters and admins: an interviewer is refused', async () => {
    // Arrange
    const interviewer = await tokenFor(HOME.interviewer);

    // Act
    const list = await call('GET', PROCTORING_EVENTS, { token: interviewer });
    const review = await call('PATCH', `${PROCTORING_EVENTS}/${events.blur}/review`, {
      token: interviewer,
      body: { decision: 'dismissed' },
    });
    const verdict = await call('POST', `${PROCTORING_SESSIONS}/${testSessionId}/verdict`, {
      token: interviewer,
      body: { verdict: 'clear', reason: 'Looks fine.' },
    });

    // Assert
    expect([list.status, review.status, verdict.status]).toEqual([403, 403, 403]);
  });

  it("shows another tenant none of this tenant's evidence", async () => {
    // Arrange
    const other = await tokenFor(OTHER.admin);

    // Act
    const event = await call('GET', `${PROCTORING_EVENTS}/${events.blur}`, { token: other });
    const review = await call('PATCH', `${PROCTORING_EVENTS}/${events.blur}/review`, {
      token: other,
      body: { decision: 'dismissed' },
    });
    const session = await call('GET', `${PROCTORING_SESSIONS}/${testSessionId}`, { token: other });
    const verdict = await call('POST', `${PROCTORING_SESSIONS}/${testSessionId}/verdict`, {
      token: other,
      body: { verdict: 'invalidate', reason: 'Probe.' },
    });
    const theirs = await allPages(`${PROCTORING_EVENTS}?testSessionId=${testSessionId}`, other);
    const theirQueue = await allPages(`${PROCTORING_EVENTS}?${OUR_DAY}`, other);

    // Assert
    expect([event.status, review.status, session.status, verdict.status]).toEqual([404, 404, 404, 404]);
    expect(theirs).toEqual([]);
    expect(theirQueue).toEqual([]);
  });
});
