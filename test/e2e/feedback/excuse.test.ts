import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { FEEDBACK, feedbackBody, giveFeedback, scorecardPath } from '../../support/fixtures/feedback.ts';
import { completedInterview, staffedInterview } from '../../support/fixtures/interviews.ts';
import { HOME, OTHER } from '../../support/fixtures.ts';
import { ownerOf, wholeInbox } from '../../support/inbox.ts';
import { eventually } from '../../support/queues.ts';
import { whoIs } from '../../support/whoami.ts';

interface FeedbackView {
  interviewers: { interviewerId: string; status: string }[];
  feedback: { interviewerId: string; status: string; detailedNotes?: string; excusedBy?: string }[];
}

const excuse = async (email: string, interviewId: string, interviewerId: string) =>
  call<FeedbackView>('POST', `${FEEDBACK}/${interviewId}/excuse`, {
    token: await tokenFor(email),
    body: { interviewerId },
  });

const seats = (view: FeedbackView) => view.interviewers.map((seat) => seat.status);

describe('excusing an interviewer from their feedback over HTTP', () => {
  it('drops their draft, refuses their later save, and lets the scorecard complete without them', async () => {
    // Arrange: a panel of three; the lead submitted, one drafted, one wrote nothing
    const { interview, interviewerEmails } = await completedInterview(2);
    const [lead, drafter, silent] = interviewerEmails as [string, string, string];
    const [drafterId, silentId] = interview.additionalInterviewers as [string, string];
    await giveFeedback(lead, interview.id, { submit: true, overallRating: 4, recommendation: 'hire' });
    await giveFeedback(drafter, interview.id, { detailedNotes: 'Half a thought' });

    // Act
    const first = await excuse(HOME.recruiter, interview.id, drafterId);
    const lateSave = await call('POST', FEEDBACK, {
      token: await tokenFor(drafter),
      body: feedbackBody(interview.id, { submit: true }),
    });
    const ownView = await call<FeedbackView>('GET', `${FEEDBACK}/${interview.id}`, { token: await tokenFor(drafter) });
    const midway = await call('GET', scorecardPath(interview.applicationId), { token: await tokenFor(HOME.admin) });
    const last = await excuse(HOME.admin, interview.id, silentId);
    const done = await call('GET', scorecardPath(interview.applicationId), { token: await tokenFor(HOME.recruiter) });

    // Assert
    expect(first.status).toBe(200);
    expect(seats(first.body)).toEqual(['submitted', 'excused', 'pending']);
    expect(first.body.feedback.map((item) => item.interviewerId)).toEqual([interview.interviewerId]);
    expect(lateSave.status).toBe(409);
    expect(lateSave.body).toMatchObject({ reason: 'feedback_excused', excusedAt: expect.any(String) });
    expect(ownView.body.feedback).toHaveLength(1);
    expect(ownView.body.feedback[0]).toMatchObject({ status: 'excused', excusedBy: expect.stringMatching(/^usr_/) });
    expect(ownView.body.feedback[0]?.detailedNotes).toBeUndefined();
    expect(midway.body.interviews).toMatchObject([{ submitted: 1, excused: 1, complete: false }]);
    expect(last.status).toBe(200);
    expect(seats(last.body)).toEqual(['submitted', 'excused', 'excused']);
    expect(done.body.interviews).toMatchObject([{ interviewers: 3, submitted: 1, excused: 2, complete: true }]);
    expect(done.body.overall).toMatchObject({ complete: true, feedbackCount: 1, averages: { overallRating: 4 } });
    const recruiter = await whoIs(HOME.recruiter);
    const silentOne = await whoIs(silent);
    await eventually(
      async () =>
        (await wholeInbox(ownerOf(silentOne.tenantId, silentOne.userId))).some(
          (notification) =>
            notification.relatedEntityId === interview.id &&
            notification.title.startsWith('Feedback no longer expected'),
        ),
      'the excused interviewer is told',
    );
    await eventually(
      async () =>
        (await wholeInbox(ownerOf(recruiter.tenantId, recruiter.userId))).some(
          (notification) => notification.relatedEntityId === interview.id && notification.message.includes('complete'),
        ),
      'the organiser learns the scorecard is complete, since an admin excused the last one',
    );
  });

  it('refuses what cannot be excused, each with its own answer', async () => {
    // Arrange
    const { interview, interviewerEmails } = await completedInterview(1);
    const [lead] = interviewerEmails as [string];
    const panelId = interview.additionalInterviewers[0] as string;
    await giveFeedback(lead, interview.id, { submit: true });
    const scheduled = await staffedInterview(0);

    // Act
    const submitted = await excuse(HOME.recruiter, interview.id, interview.interviewerId);
    const stranger = await excuse(HOME.recruiter, interview.id, 'usr_01JDEM0000000000000000000Z');
    const malformed = await excuse(HOME.recruiter, interview.id, 'not-a-user');
    const notStarted = await excuse(HOME.recruiter, scheduled.interview.id, scheduled.interview.interviewerId);
    const byInterviewer = await excuse(lead, interview.id, panelId);
    const otherTenant = await excuse(OTHER.recruiter, interview.id, panelId);
    const twice = [
      await excuse(HOME.recruiter, interview.id, panelId),
      await excuse(HOME.recruiter, interview.id, panelId),
    ];

    // Assert
    expect(submitted.status).toBe(409);
    expect(submitted.body).toMatchObject({ reason: 'feedback_submitted' });
    expect(stranger.status).toBe(400);
    expect(stranger.body).toMatchObject({ errors: [{ field: 'interviewerId', code: 'not_on_panel' }] });
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body)).toContain('interviewerId');
    expect(notStarted.status).toBe(409);
    expect(notStarted.body).toMatchObject({ reason: 'interview_not_started' });
    expect(byInterviewer.status).toBe(403);
    expect(otherTenant.status).toBe(404);
    expect(twice.map((answer) => answer.status)).toEqual([200, 409]);
    expect(twice[1]?.body).toMatchObject({ reason: 'feedback_excused' });
  });
});
