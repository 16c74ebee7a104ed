import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { invitedCandidate, RIGHT_ANSWERS } from '../../support/fixtures/assessments.ts';
import { eventually } from '../../support/queues.ts';
import { HOME } from '../../support/users.ts';

const SESSION = '/api/v1/candidate/test-session';

interface Started {
  accessToken: string;
  refreshToken: string;
  session: { id: string; deadline: string; questions: { id: string; type: string; options?: { id: string }[] }[] };
}

describe('candidate journey', () => {
  it('goes from the emailed link to a ranked, scored result that moves the application on', async () => {
    // Arrange: a published assessment and a candidate invited to it (the email is in the local outbox)
    const invited = await invitedCandidate();
    const recruiter = await tokenFor(HOME.recruiter);

    // Act: the landing page, then the exchange
    const landing = await call('GET', `/api/v1/candidate/invitations/${invited.secret}`);
    const started = await call<Started>('POST', '/api/v1/candidate/sessions', { body: { token: invited.secret } });

    // Assert: the landing page shows the assessment and nothing about the candidate; the session has no answer keys
    expect(landing.status).toBe(200);
    expect(landing.body).toMatchObject({ assessmentTitle: 'Front-end screen', durationMinutes: 30, questionCount: 3 });
    expect(JSON.stringify(landing.body)).not.toContain(invited.candidateId);
    expect(started.status).toBe(201);
    expect(started.body.session.questions).toHaveLength(3);
    expect(JSON.stringify(started.body)).not.toMatch(/correctOptionIds|correctAnswer|acceptedAnswers/);

    // Act: answer the first question wrong, reload, then answer everything right
    const token = started.body.accessToken;
    const questions = started.body.session.questions;
    const [first] = questions;
    const wrong = await call('PUT', `${SESSION}/answers/${first?.id}`, {
      token,
      body: { type: 'single_choice', optionId: 'a' },
    });
    const reloaded = await call('GET', SESSION, { token });
    for (const [index, question] of questions.entries()) {
      const saved = await call('PUT', `${SESSION}/answers/${question.id}`, { token, body: RIGHT_ANSWERS[index] });
      expect(saved.status).toBe(200);
    }
    const again = await call('GET', SESSION, { token });
    const submitted = await call('POST', `${SESSION}/submit`, { token });

    const afterwards = await call('GET', SESSION, { token });
    const refreshed = await call('POST', '/api/v1/candidate/sessions/refresh', {
      body: { refreshToken: started.body.refreshToken },
    });
    const lateAnswer = await call('PUT', `${SESSION}/answers/${first?.id}`, { token, body: RIGHT_ANSWERS[0] });

    // Assert: the reload showed the saved answer in the same order; once submitted, the session is read-only
    expect(wrong.status).toBe(200);
    expect(reloaded.body.questions.map((question: { id: string }) => question.id)).toEqual(questions.map((q) => q.id));
    expect(reloaded.body.questions[0].answer).toEqual({ type: 'single_choice', optionId: 'a' });
    expect(again.body.answeredCount).toBe(3);
    expect(again.body.questions[0].answer).toEqual(RIGHT_ANSWERS[0]);
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', submission: 'candidate', answeredCount: 3 });
    expect(afterwards.status).toBe(200);
    expect(afterwards.body).toMatchObject({ status: 'submitted', questions: [], remainingSeconds: 0 });
    expect(refreshed.status).toBe(401);
    expect(lateAnswer.status).toBe(409);
    expect(lateAnswer.body.reason).toBe('session_submitted');

    // Assert: scored and ranked, and the application moved on to the interview stage
    let results: { items: { testSessionId: string; percentage: number; passed: boolean }[] } = { items: [] };
    await eventually(async () => {
      results = (
        await call('GET', `/api/v1/recruiter/assessments/${invited.assessmentId}/results`, { token: recruiter })
      ).body;
      return results.items.length > 0;
    }, 'the scored result');
    expect(results.items[0]).toMatchObject({ testSessionId: started.body.session.id, percentage: 100, passed: true });
    await eventually(async () => {
      const applications = await call('GET', `/api/v1/recruiter/applications?requisitionId=${invited.requisitionId}`, {
        token: recruiter,
      });
      return applications.body.items.some(
        (application: { candidateId: string; stage: string }) =>
          application.candidateId === invited.candidateId && application.stage === 'interview',
      );
    }, 'the application in the interview stage');
  });

  it('refuses a second exchange of the same link, and the landing page says it was used', async () => {
    // Arrange
    const invited = await invitedCandidate();
    await call('POST', '/api/v1/candidate/sessions', { body: { token: invited.secret } });

    // Act
    const second = await call('POST', '/api/v1/candidate/sessions', { body: { token: invited.secret } });
    const landing = await call('GET', `/api/v1/candidate/invitations/${invited.secret}`);

    // Assert
    expect(second.status).toBe(409);
    expect(second.body.reason).toBe('invitation_used');
    expect(landing.status).toBe(409);
  });
});
