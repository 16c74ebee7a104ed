import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { giveFeedback, scorecardPath } from '../../support/fixtures/feedback.ts';
import { inviteUser, userBody } from '../../support/fixtures/identity.ts';
import { completedInterview } from '../../support/fixtures/interviews.ts';
import { HOME, OTHER } from '../../support/fixtures.ts';

const scorecard = async (email: string, applicationId: string) =>
  call('GET', scorecardPath(applicationId), { token: await tokenFor(email) });

describe('application scorecard over HTTP', () => {
  it('consolidates the submitted feedback of an interview once all its interviewers submitted', async () => {
    // Arrange
    const { interview, interviewerEmails } = await completedInterview(1);
    const [lead, panel] = interviewerEmails as [string, string];
    await giveFeedback(lead, interview.id, {
      submit: true,
      overallRating: 5,
      recommendation: 'strong_hire',
      skillRatings: [{ skill: 'TypeScript', rating: 5 }],
    });
    await giveFeedback(panel, interview.id, { overallRating: 1, recommendation: 'strong_no_hire' });

    // Act
    const midway = await scorecard(HOME.recruiter, interview.applicationId);
    await giveFeedback(panel, interview.id, {
      submit: true,
      overallRating: 4,
      followUpRequired: true,
      followUpNotes: 'Check references',
      skillRatings: [{ skill: 'TypeScript', rating: 4 }],
    });
    const complete = await scorecard(HOME.admin, interview.applicationId);

    // Assert
    expect(midway.status).toBe(200);
    expect(midway.body.overall).toMatchObject({
      complete: false,
      feedbackCount: 1,
      averages: { overallRating: 5 },
      recommendations: { strong_hire: 1, strong_no_hire: 0 },
    });
    expect(complete.status).toBe(200);
    expect(complete.body).toMatchObject({
      applicationId: interview.applicationId,
      interviews: [
        { interviewId: interview.id, round: 1, status: 'completed', interviewers: 2, submitted: 2, complete: true },
      ],
      overall: {
        complete: true,
        feedbackCount: 2,
        averages: { overallRating: 4.5, technicalSkillsRating: 4.5, communicationRating: 3.5, cultureFitRating: null },
        recommendations: { strong_hire: 1, hire: 1, maybe: 0, no_hire: 0, strong_no_hire: 0 },
        skills: [{ skill: 'TypeScript', average: 4.5, count: 2 }],
        followUps: { count: 1, interviewerIds: [interview.additionalInterviewers[0]] },
      },
    });
    expect(JSON.stringify(complete.body)).not.toContain('Check references');
  });

  it('keeps the feedback of an interview out of a recruiter on its panel until they submitted their own', async () => {
    // Arrange
    const recruiter = await inviteUser(userBody(['recruiter']));
    const { interview, interviewerEmails } = await completedInterview([recruiter]);
    await giveFeedback(interviewerEmails[0] as string, interview.id, {
      submit: true,
      overallRating: 2,
      recommendation: 'no_hire',
    });

    // Act
    const before = await scorecard(recruiter.email, interview.applicationId);
    const colleague = await scorecard(HOME.recruiter, interview.applicationId);
    await giveFeedback(recruiter.email, interview.id, { submit: true, overallRating: 4, recommendation: 'hire' });
    const after = await scorecard(recruiter.email, interview.applicationId);

    // Assert
    expect(before.status).toBe(200);
    expect(before.body.interviews).toMatchObject([{ interviewId: interview.id, submitted: 1, withheld: true }]);
    expect(before.body.overall).toMatchObject({
      feedbackCount: 0,
      averages: { overallRating: null },
      recommendations: { no_hire: 0 },
    });
    expect(colleague.body.interviews).toMatchObject([{ withheld: false }]);
    expect(colleague.body.overall).toMatchObject({ feedbackCount: 1, averages: { overallRating: 2 } });
    expect(after.body.interviews).toMatchObject([{ submitted: 2, complete: true, withheld: false }]);
    expect(after.body.overall).toMatchObject({ complete: true, feedbackCount: 2, averages: { overallRating: 3 } });
  });

  it("is 404 for another tenant's recruiter and admin, and 403 for an interviewer", async () => {
    const { interview } = await completedInterview(0);

    const answers = [
      (await scorecard(OTHER.recruiter, interview.applicationId)).status,
      (await scorecard(OTHER.admin, interview.applicationId)).status,
      (await scorecard(HOME.interviewer, interview.applicationId)).status,
    ];

    expect(answers).toEqual([404, 404, 403]);
  });
});
