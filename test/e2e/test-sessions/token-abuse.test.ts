import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { invitedCandidate, publishedAssessment } from '../../support/fixtures/assessments.ts';
import { HOME } from '../../support/users.ts';

const SESSION = '/api/v1/candidate/test-session';

interface Started {
  accessToken: string;
  refreshToken: string;
  session: { id: string; questions: { id: string }[] };
}

const start = async (secret: string): Promise<Started> => {
  const response = await call<Started>('POST', '/api/v1/candidate/sessions', { body: { token: secret } });
  expect(response.status).toBe(201);
  return response.body;
};

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('candidate token abuse', () => {
  it('refuses made-up, malformed and oversized invitation links with a 404 or 400, never a 500', async () => {
    // Arrange
    const madeUp = randomBytes(32).toString('base64url');

    // Act
    const responses = await Promise.all([
      call('GET', `/api/v1/candidate/invitations/${madeUp}`),
      call('GET', '/api/v1/candidate/invitations/%00%ff'),
      call('POST', '/api/v1/candidate/sessions', { body: { token: madeUp } }),
      call('POST', '/api/v1/candidate/sessions', { body: { token: 'x'.repeat(500) } }),
      call('POST', '/api/v1/candidate/sessions', { body: { token: 42 } }),
    ]);

    // Assert
    expect(responses.map((response) => response.status)).toEqual([404, 404, 404, 400, 400]);
  });

  it('says an expired link has expired and a revoked link was withdrawn (410)', async () => {
    // Arrange: the link of an assessment that closes at once expires with it; another is revoked
    const closesAt = new Date(Date.now() + 10_000).toISOString();
    const closing = await publishedAssessment({ availableUntil: closesAt });
    const [expiring, revoked] = await Promise.all([invitedCandidate(closing), invitedCandidate()]);
    await call('DELETE', `/api/v1/recruiter/assessments/${revoked.assessmentId}/invitations/${revoked.invitationId}`, {
      token: await tokenFor(HOME.recruiter),
    });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(closesAt) - Date.now() + 500)));

    // Act
    const expiredLanding = await call('GET', `/api/v1/candidate/invitations/${expiring.secret}`);
    const expiredStart = await call('POST', '/api/v1/candidate/sessions', { body: { token: expiring.secret } });
    const revokedStart = await call('POST', '/api/v1/candidate/sessions', { body: { token: revoked.secret } });

    // Assert
    expect(expiredLanding.status).toBe(410);
    expect(expiredStart.status).toBe(410);
    expect(revokedStart.status).toBe(410);
    expect(revokedStart.body.reason).toBe('invitation_revoked');
  });

  it('revokes the whole family when a rotated refresh token is replayed', async () => {
    // Arrange
    const { secret } = await invitedCandidate();
    const first = await start(secret);
    const rotated = await call('POST', '/api/v1/candidate/sessions/refresh', {
      body: { refreshToken: first.refreshToken },
    });

    // Act: someone replays the first refresh token
    const replay = await call('POST', '/api/v1/candidate/sessions/refresh', {
      body: { refreshToken: first.refreshToken },
    });

    // Assert: refused, and every token of the family stops working
    expect(rotated.status).toBe(200);
    expect(replay.status).toBe(401);
    expect((await call('GET', SESSION, { token: rotated.body.accessToken })).status).toBe(401);
    expect(
      (await call('POST', '/api/v1/candidate/sessions/refresh', { body: { refreshToken: rotated.body.refreshToken } }))
        .status,
    ).toBe(401);
  });

  it('refuses tampered access tokens and tokens of another kind with a 401', async () => {
    // Arrange
    const { secret } = await invitedCandidate();
    const { accessToken } = await start(secret);
    const [header, payload, signature] = accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    const forged = [
      `${header}.${base64url({ ...claims, sub: 'tses_01JDEM0000000000000000000A' })}.${signature}`,
      `${header}.${payload}.${(signature ?? '').slice(0, -4)}AAAA`,
      `${base64url({ alg: 'none', typ: 'JWT' })}.${payload}.`,
      await tokenFor(HOME.recruiter),
      'not-a-jwt',
    ];

    // Act
    const statuses = await Promise.all(forged.map(async (token) => (await call('GET', SESSION, { token })).status));

    // Assert
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
  });

  it("gives a candidate nothing of another candidate's session", async () => {
    // Arrange: two candidates of one assessment
    const assessment = await publishedAssessment({ shuffleQuestions: true });
    const [alice, bob] = await Promise.all([invitedCandidate(assessment), invitedCandidate(assessment)]);
    const aliceSession = await start(alice.secret);
    const bobSession = await start(bob.secret);
    const bobQuestion = bobSession.session.questions[0]?.id ?? '';
    await call('PUT', `${SESSION}/answers/${bobQuestion}`, {
      token: bobSession.accessToken,
      body: { type: 'single_choice', optionId: 'c' },
    });

    // Act: Alice's token only ever reaches Alice's session
    const aliceView = await call('GET', SESSION, { token: aliceSession.accessToken });
    const foreignQuestion = await call('PUT', `${SESSION}/answers/qst_01JDEM0000000000000000000A`, {
      token: aliceSession.accessToken,
      body: { type: 'single_choice', optionId: 'c' },
    });
    const onRecruiterRoute = await call('GET', `/api/v1/recruiter/test-sessions/${bobSession.session.id}`, {
      token: aliceSession.accessToken,
    });

    // Assert
    expect(aliceView.body.id).toBe(aliceSession.session.id);
    expect(aliceView.body.answeredCount).toBe(0);
    expect(foreignQuestion.status).toBe(404);
    expect(onRecruiterRoute.status).toBe(401);
  });
});
