import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { FEEDBACK, feedbackBody, giveFeedback } from '../../support/fixtures/feedback.ts';
import { freshInterviewer, staffedInterview, startedInterview } from '../../support/fixtures/interviews.ts';
import { HOME, OTHER } from '../../support/fixtures.ts';

const post = async (email: string, body: object, headers: Record<string, string> = {}) =>
  call('POST', FEEDBACK, { token: await tokenFor(email), body, headers });

const read = async (email: string, interviewId: string) =>
  call('GET', `${FEEDBACK}/${interviewId}`, { token: await tokenFor(email) });

const shown = (body: { feedback: { interviewerId: string; status: string }[] }) =>
  body.feedback.map((feedback) => `${feedback.interviewerId}:${feedback.status}`);

describe('interview feedback over HTTP', () => {
  it('drafts, edits and submits feedback, then refuses a second submission with 409', async () => {
    // Arrange
    const { interview, interviewerEmails } = await startedInterview(0);
    const [lead] = interviewerEmails as [string];

    // Act
    const drafted = await post(lead, feedbackBody(interview.id));
    const edited = await post(lead, feedbackBody(interview.id, { overallRating: 3.5 }), { 'if-match': '"1"' });
    const submitted = await post(lead, feedbackBody(interview.id, { overallRating: 4.5, submit: true }));
    const again = await post(lead, feedbackBody(interview.id, { submit: true }));

    // Assert
    expect([drafted.status, edited.status, submitted.status]).toEqual([200, 200, 200]);
    expect(drafted.body).toMatchObject({ status: 'draft', version: 1, interviewId: interview.id, overallRating: 4 });
    expect(drafted.body.id).toMatch(/^fb_[0-9A-Z]{26}$/);
    expect(drafted.headers.get('etag')).toBe('"1"');
    expect(edited.body).toMatchObject({ id: drafted.body.id, status: 'draft', version: 2, overallRating: 3.5 });
    expect(submitted.body).toMatchObject({ id: drafted.body.id, status: 'submitted', version: 3, overallRating: 4.5 });
    expect(submitted.body.submittedAt).toEqual(expect.any(String));
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toBe('application/problem+json');
    expect(again.body).toMatchObject({ reason: 'feedback_submitted' });
  });

  it('refuses a stale If-Match on a draft with 412', async () => {
    const { interview, interviewerEmails } = await startedInterview(0);
    const [lead] = interviewerEmails as [string];
    await giveFeedback(lead, interview.id);
    await giveFeedback(lead, interview.id, { overallRating: 2 });

    const stale = await post(lead, feedbackBody(interview.id), { 'if-match': '"1"' });

    expect(stale.status).toBe(412);
    const mine = await read(lead, interview.id);
    expect(mine.body.feedback[0]).toMatchObject({ version: 2, overallRating: 2 });
  });

  it('refuses a rating of 3.3 or 6 and a submission without a recommendation with 400 naming the field', async () => {
    const { interview, interviewerEmails } = await startedInterview(0);
    const [lead] = interviewerEmails as [string];

    const odd = await post(lead, feedbackBody(interview.id, { overallRating: 3.3, communicationRating: 6 }));
    const bare = await post(lead, { interviewId: interview.id, submit: true, overallRating: 4 });

    expect(odd.status).toBe(400);
    expect(odd.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'communicationRating',
      'overallRating',
    ]);
    expect(bare.status).toBe(400);
    expect(bare.body.errors).toEqual([
      expect.objectContaining({ field: 'recommendation', code: 'required_to_submit' }),
    ]);
  });

  it('refuses feedback, a draft too, on an interview that has not started, with 409 saying why', async () => {
    const { interview, interviewerEmails } = await staffedInterview(0);

    const refused = await post(interviewerEmails[0] as string, feedbackBody(interview.id));

    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ reason: 'interview_not_started', interviewStatus: 'scheduled' });
    expect(refused.body.detail).toContain('has not started');
  });

  it('shows two interviewers what the visibility rules allow at every step, and a recruiter every submission', async () => {
    // Arrange
    const { interview, interviewerEmails } = await startedInterview(1);
    const [lead, panel] = interviewerEmails as [string, string];
    const [leadId, panelId] = [interview.interviewerId, interview.additionalInterviewers[0]];

    // Act + Assert: the lead drafts; the panel member sees nothing of it.
    await giveFeedback(lead, interview.id, { strengths: 'Draft thoughts of the lead' });
    const panelBefore = await read(panel, interview.id);
    expect(panelBefore.status).toBe(200);
    expect(panelBefore.body).toMatchObject({ visibility: 'own_only', submittedCount: 0, feedback: [] });
    expect(JSON.stringify(panelBefore.body)).not.toContain('Draft thoughts');

    // The lead submits; the panel member learns that, not what.
    await giveFeedback(lead, interview.id, { submit: true, strengths: 'Final thoughts of the lead' });
    await giveFeedback(panel, interview.id, { strengths: 'Panel draft' });
    const panelDrafting = await read(panel, interview.id);
    expect(panelDrafting.body).toMatchObject({ visibility: 'own_only', submittedCount: 1 });
    expect(shown(panelDrafting.body)).toEqual([`${panelId}:draft`]);
    expect(JSON.stringify(panelDrafting.body)).not.toContain('Final thoughts');

    // The lead, having submitted, sees their own and no colleague's draft.
    const leadAfter = await read(lead, interview.id);
    expect(leadAfter.body.visibility).toBe('all');
    expect(shown(leadAfter.body)).toEqual([`${leadId}:submitted`]);
    expect(JSON.stringify(leadAfter.body)).not.toContain('Panel draft');

    // A recruiter sees the submission and where the draft stands, not its content.
    const recruiterMidway = await read(HOME.recruiter, interview.id);
    expect(recruiterMidway.body).toMatchObject({
      interviewId: interview.id,
      interviewStatus: 'in_progress',
      visibility: 'all',
      interviewers: [
        { interviewerId: leadId, role: 'lead', status: 'submitted' },
        { interviewerId: panelId, role: 'panel', status: 'draft' },
      ],
    });
    expect(shown(recruiterMidway.body)).toEqual([`${leadId}:submitted`]);
    expect(JSON.stringify(recruiterMidway.body)).not.toContain('Panel draft');

    // Once the panel member submits, both see both, and so does an admin.
    await giveFeedback(panel, interview.id, { submit: true, strengths: 'Panel final' });
    for (const email of [panel, lead, HOME.admin]) {
      const view = await read(email, interview.id);
      expect(view.body.visibility, email).toBe('all');
      expect(shown(view.body), email).toEqual([`${leadId}:submitted`, `${panelId}:submitted`]);
      expect(view.body.submittedCount).toBe(2);
    }
  });

  it("answers 404 to an interviewer not on the interview and to another tenant's staff, saving or reading", async () => {
    // Arrange
    const { interview } = await startedInterview(0);
    const stranger = (await freshInterviewer()).email;

    // Act
    const answers = [];
    for (const email of [stranger, OTHER.interviewer, OTHER.recruiter, OTHER.admin]) {
      answers.push((await post(email, feedbackBody(interview.id))).status);
      answers.push((await read(email, interview.id)).status);
    }

    // Assert
    expect(answers).toEqual([404, 404, 404, 404, 404, 404, 404, 404]);
  });
});
