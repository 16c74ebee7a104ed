import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { createApplication } from '../../support/fixtures/applications.ts';
import { createCandidate } from '../../support/fixtures/candidates.ts';
import { FEEDBACK, feedbackBody, scorecardPath } from '../../support/fixtures/feedback.ts';
import { freshInterviewer, INTERVIEWS, minutesFromNow, scheduleInterview } from '../../support/fixtures/interviews.ts';
import { ownerOf, wholeInbox } from '../../support/inbox.ts';
import { emailsTo } from '../../support/outbox.ts';
import { eventually } from '../../support/queues.ts';
import { HOME } from '../../support/users.ts';
import { whoIs } from '../../support/whoami.ts';

interface FeedbackRead {
  visibility: 'all' | 'own_only';
  submittedCount: number;
  interviewers: { interviewerId: string; status: string }[];
  feedback: { interviewerId: string; status: string; overallRating?: number }[];
}

/** Whose feedback `email` reads on the interview, and the statuses they are told. */
const readFeedback = async (email: string, interviewId: string) => {
  const response = await call<FeedbackRead>('GET', `${FEEDBACK}/${interviewId}`, { token: await tokenFor(email) });
  expect(response.status).toBe(200);
  return {
    visibility: response.body.visibility,
    submittedCount: response.body.submittedCount,
    authors: response.body.feedback.map((feedback) => feedback.interviewerId).sort(),
  };
};

const submit = async (email: string, interviewId: string, rating: number, recommendation: string) => {
  const response = await call('POST', FEEDBACK, {
    token: await tokenFor(email),
    body: feedbackBody(interviewId, { overallRating: rating, recommendation, submit: true }),
  });
  expect(response.status).toBe(200);
};

/** The one .eml to `email` whose calendar has `method`, once the notifications consumer wrote it. */
const calendarEmailTo = async (email: string, method: 'REQUEST' | 'CANCEL') => {
  let found: string | undefined;
  await eventually(async () => {
    found = (await emailsTo(email)).find((eml) => eml.includes(`METHOD:${method}`));
    return found !== undefined;
  }, `a calendar ${method} to ${email}`);
  return found as string;
};

describe('a panel interview, from booking to the consolidated scorecard', () => {
  it('books a panel, sends .ics invitations, refuses a double booking, runs the interview and consolidates feedback under the visibility rules', async () => {
    // Arrange: a candidate's application and a panel of three fresh interviewers
    const candidate = await createCandidate();
    const application = await createApplication({ candidateId: candidate.id });
    const [lead, second, third] = await Promise.all([freshInterviewer(), freshInterviewer(), freshInterviewer()]);
    const panel = [lead, second, third];
    const recruiter = await whoIs(HOME.recruiter);

    // Act 1: the recruiter books the panel ten minutes from now
    const interview = await scheduleInterview({
      candidateId: candidate.id,
      applicationId: application.id,
      requisitionId: application.requisitionId,
      interviewType: 'panel',
      interviewerId: lead.id,
      additionalInterviewers: [second.id, third.id],
      scheduledAt: minutesFromNow(10),
      durationMinutes: 60,
    });

    // Assert 1: every participant gets one invitation with the same calendar event
    const invitations = await Promise.all(
      [candidate.email, ...panel.map((person) => person.email)].map((email) => calendarEmailTo(email, 'REQUEST')),
    );
    for (const eml of invitations) {
      expect(eml).toContain(`UID:${interview.id}@assist-ten`);
      expect(eml).toContain('SEQUENCE:0');
      expect(eml).toMatch(/Content-Type: text\/calendar; ?charset=utf-8; ?method=REQUEST/i);
    }

    // Act 2: another booking of the second interviewer overlapping the panel
    const clash = await call<{ conflicts: { participantId: string; interviewId: string }[] }>('POST', INTERVIEWS, {
      token: await tokenFor(HOME.recruiter),
      body: {
        ...(await createApplication().then((other) => ({
          candidateId: other.candidateId,
          applicationId: other.id,
          requisitionId: other.requisitionId,
        }))),
        interviewerId: second.id,
        interviewType: 'technical',
        interviewMode: 'phone',
        scheduledAt: minutesFromNow(40),
        durationMinutes: 30,
      },
    });

    // Assert 2: refused, naming the panel it collides with
    expect(clash.status).toBe(409);
    expect(clash.body.conflicts).toEqual([
      expect.objectContaining({ participantId: second.id, interviewId: interview.id }),
    ]);

    // Act 3: feedback before the interview starts is refused; the lead starts it and completes it
    const early = await call('POST', FEEDBACK, {
      token: await tokenFor(lead.email),
      body: feedbackBody(interview.id, { submit: true }),
    });
    const started = await call('POST', `${INTERVIEWS}/${interview.id}/start`, { token: await tokenFor(lead.email) });
    const completed = await call('POST', `${INTERVIEWS}/${interview.id}/complete`, {
      token: await tokenFor(lead.email),
    });

    // Assert 3
    expect(early.status).toBe(409);
    expect(started.body).toMatchObject({ status: 'in_progress' });
    expect(completed.body).toMatchObject({ status: 'completed' });
    expect(completed.body.actualDurationMinutes).toBeGreaterThanOrEqual(1);

    // Act 4 and Assert 4: the visibility rules at every step
    await submit(lead.email, interview.id, 4.5, 'strong_hire');
    expect(await readFeedback(lead.email, interview.id)).toEqual({
      visibility: 'all',
      submittedCount: 1,
      authors: [lead.id],
    });
    // The second has not submitted: they learn a colleague did, not what they wrote
    expect(await readFeedback(second.email, interview.id)).toEqual({
      visibility: 'own_only',
      submittedCount: 1,
      authors: [],
    });
    const halfway = await call<{ overall: { complete: boolean; feedbackCount: number } }>(
      'GET',
      scorecardPath(application.id),
      { token: await tokenFor(HOME.recruiter) },
    );
    expect(halfway.body.overall).toMatchObject({ complete: false, feedbackCount: 1 });

    await submit(second.email, interview.id, 3.5, 'hire');
    expect((await readFeedback(second.email, interview.id)).authors).toEqual([lead.id, second.id].sort());
    expect((await readFeedback(third.email, interview.id)).authors).toEqual([]);

    await submit(third.email, interview.id, 2, 'no_hire');
    expect(await readFeedback(HOME.recruiter, interview.id)).toEqual({
      visibility: 'all',
      submittedCount: 3,
      authors: panel.map((person) => person.id).sort(),
    });

    // Assert 5: the scorecard consolidates the three, and the recruiter was told it is complete
    const scorecard = await call<{
      overall: {
        complete: boolean;
        feedbackCount: number;
        averages: { overallRating: number | null };
        recommendations: Record<string, number>;
      };
    }>('GET', scorecardPath(application.id), { token: await tokenFor(HOME.recruiter) });
    expect(scorecard.status).toBe(200);
    expect(scorecard.body.overall).toMatchObject({
      complete: true,
      feedbackCount: 3,
      averages: { overallRating: 3.33 },
      recommendations: { strong_hire: 1, hire: 1, maybe: 0, no_hire: 1, strong_no_hire: 0 },
    });
    const inbox = ownerOf(recruiter.tenantId, recruiter.userId);
    await eventually(
      async () =>
        (await wholeInbox(inbox)).some(
          (notification) =>
            notification.relatedEntityId === application.id &&
            notification.actionUrl === `/applications/${application.id}/scorecard`,
        ),
      'the recruiter is told the scorecard is complete',
    );
  });
});
