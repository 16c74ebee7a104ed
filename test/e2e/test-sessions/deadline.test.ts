import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { invitedCandidate, publishedAssessment, RIGHT_ANSWERS } from '../../support/fixtures/assessments.ts';
import { eventually } from '../../support/queues.ts';
import { HOME } from '../../support/users.ts';

const SESSION = '/api/v1/candidate/test-session';
/** Long enough to set up two sessions on a slow machine, short enough to wait for. */
const WINDOW_MS = 25_000;
/** DEADLINE_GRACE_SECONDS, plus a margin for the clock of this process. */
const GRACE_MS = 6_000;

const start = async (secret: string) =>
  (await call('POST', '/api/v1/candidate/sessions', { body: { token: secret } })).body as {
    accessToken: string;
    session: { id: string; deadline: string; questions: { id: string }[] };
  };

describe('deadlines', () => {
  it('refuses answers after the deadline and submits abandoned sessions by itself', async () => {
    // Arrange: an assessment that closes soon, so its sessions end when it does
    const closesAt = new Date(Date.now() + WINDOW_MS).toISOString();
    const assessment = await publishedAssessment({ availableUntil: closesAt });
    const [late, abandoned] = await Promise.all([invitedCandidate(assessment), invitedCandidate(assessment)]);
    const lateSession = await start(late.secret);
    const abandonedSession = await start(abandoned.secret);
    const [question] = lateSession.session.questions;
    const inTime = await call('PUT', `${SESSION}/answers/${question?.id}`, {
      token: lateSession.accessToken,
      body: RIGHT_ANSWERS[0],
    });

    // Act: wait past the deadline, then answer
    await new Promise((resolve) => setTimeout(resolve, Date.parse(closesAt) - Date.now() + GRACE_MS));
    const tooLate = await call('PUT', `${SESSION}/answers/${question?.id}`, {
      token: lateSession.accessToken,
      body: RIGHT_ANSWERS[0],
    });

    // Assert: the deadline was the assessment's close; the late answer is refused, not a 500
    expect(lateSession.session.deadline).toBe(closesAt);
    expect(inTime.status).toBe(200);
    expect(tooLate.status).toBe(409);
    expect(tooLate.body.reason).toBe('deadline_passed');

    // Assert: the abandoned session was submitted by the sweep and scored, without anyone touching it
    const recruiter = await tokenFor(HOME.recruiter);
    let detail = { status: 0, body: {} as { status?: string; submission?: string } };
    await eventually(
      async () => {
        const response = await call('GET', `/api/v1/recruiter/test-sessions/${abandonedSession.session.id}`, {
          token: recruiter,
        });
        detail = { status: response.status, body: response.body.session ?? response.body };
        return detail.body.status === 'scored';
      },
      'the abandoned session submitted and scored',
      30_000,
    );
    expect(detail.body.submission).toBe('deadline');
  }, 120_000);
});
