import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '@assist-ten/core/shared/errors';
import { beforeAll, describe, expect, it } from 'vitest';
import { colleague, interviewWith, seeded, submission } from './panel.ts';

// Loaded after the stack environment points the SDK at DynamoDB Local.
const { saveFeedback, getInterviewFeedback } = await import('@assist-ten/core/feedback/feedback.service');
const { getScorecard } = await import('@assist-ten/core/feedback/scorecard.service');
const { AuditLogEntity } = await import('@assist-ten/core/platform/audit-log.entity');
const { OutboxEventEntity } = await import('@assist-ten/core/events/outbox.entity');
const { createApplication } = await import('@assist-ten/core/applications/application.service');
const { createCandidate } = await import('@assist-ten/core/candidates/candidate.service');
const { createRequisition, transitionRequisition } = await import('@assist-ten/core/requisitions/requisition.service');
const { newId } = await import('@assist-ten/core/shared/ids');

const organizer = seeded('recruiter@demo.test');
const outsider = seeded('recruiter@acme.test');
const SECRET = 'Mentioned her divorce during the interview';

const trailOf = async (feedbackId: string) =>
  (
    await AuditLogEntity.query
      .byEntity({ tenantId: organizer.tenantId, entityType: 'interview_feedback', entityId: feedbackId })
      .go()
  ).data;

describe('feedback (DynamoDB Local)', () => {
  it('replaces a draft on every save, clearing what the form leaves out, and counts versions', async () => {
    // Arrange
    const interviewer = colleague(organizer.tenantId);
    const { interviewId } = await interviewWith({ interviewers: [interviewer], organizer });

    // Act
    const first = await saveFeedback(interviewer, { ...submission(interviewId), submit: false, strengths: 'Calm' });
    const second = await saveFeedback(interviewer, { ...submission(interviewId), submit: false, overallRating: 3 });

    // Assert
    expect(first).toMatchObject({ status: 'draft', version: 1, strengths: 'Calm', overallRating: 4 });
    expect(second).toMatchObject({
      id: first.id,
      status: 'draft',
      version: 2,
      overallRating: 3,
      createdAt: first.createdAt,
    });
    expect(second.strengths).toBeUndefined();
    expect(second.submittedAt).toBeUndefined();
    expect((await trailOf(first.id)).map((entry) => entry.action).sort()).toEqual([
      'interview_feedback.created',
      'interview_feedback.updated',
    ]);
  });

  it('honours If-Match on a draft: the version read saves, a stale one is 412 and changes nothing', async () => {
    // Arrange
    const [interviewer, other] = [colleague(organizer.tenantId), colleague(organizer.tenantId)];
    const { interviewId } = await interviewWith({ interviewers: [interviewer, other], organizer });
    const draft = await saveFeedback(interviewer, { ...submission(interviewId), submit: false });

    // Act
    const saved = await saveFeedback(interviewer, { ...submission(interviewId), submit: false, overallRating: 2 }, 1);
    const stale = await saveFeedback(interviewer, { ...submission(interviewId), submit: false }, draft.version).catch(
      (error: unknown) => error,
    );
    const none = await saveFeedback(other, submission(interviewId), 1).catch((error: unknown) => error);

    // Assert
    expect(saved.version).toBe(2);
    expect(stale).toBeInstanceOf(PreconditionFailedError);
    expect((stale as PreconditionFailedError).extensions).toEqual({ currentVersion: 2 });
    expect(none).toBeInstanceOf(PreconditionFailedError);
    expect((none as PreconditionFailedError).extensions).toEqual({ currentVersion: null });
    const read = await getInterviewFeedback(interviewer, interviewId);
    expect(read.feedback).toEqual([expect.objectContaining({ version: 2, overallRating: 2 })]);
    expect(read.interviewers.map((seat) => seat.status)).toEqual(['draft', 'pending']);
  });

  it('makes a submission final: any later save or submission is 409', async () => {
    // Arrange
    const interviewer = colleague(organizer.tenantId);
    const { interviewId } = await interviewWith({ interviewers: [interviewer], organizer });
    const submitted = await saveFeedback(interviewer, submission(interviewId));

    // Act
    const again = await saveFeedback(interviewer, submission(interviewId)).catch((error: unknown) => error);
    const draft = await saveFeedback(interviewer, { ...submission(interviewId), submit: false }).catch(
      (error: unknown) => error,
    );

    // Assert
    expect(submitted).toMatchObject({ status: 'submitted', submittedAt: expect.any(String) });
    for (const refused of [again, draft]) {
      expect(refused).toBeInstanceOf(ConflictError);
      expect((refused as ConflictError).extensions).toMatchObject({ reason: 'feedback_submitted' });
    }
  });

  it('refuses feedback on an interview that has not started, drafts too, with 409', async () => {
    const interviewer = colleague(organizer.tenantId);
    const { interviewId } = await interviewWith({ interviewers: [interviewer], organizer, status: 'scheduled' });

    const refused = await saveFeedback(interviewer, { ...submission(interviewId), submit: false }).catch(
      (error: unknown) => error,
    );

    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as ConflictError).extensions).toMatchObject({ reason: 'interview_not_started' });
  });

  it('refuses a submission without a recommendation with 400 naming the field', async () => {
    const interviewer = colleague(organizer.tenantId);
    const { interviewId } = await interviewWith({ interviewers: [interviewer], organizer });

    const refused = await saveFeedback(interviewer, { ...submission(interviewId), recommendation: undefined }).catch(
      (error: unknown) => error,
    );

    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).errors?.map((error) => error.field)).toEqual(['recommendation']);
  });

  it('answers 404 to someone not on the panel and to another tenant, for saving and reading', async () => {
    // Arrange
    const interviewer = colleague(organizer.tenantId);
    const { interviewId } = await interviewWith({ interviewers: [interviewer], organizer });
    const stranger = colleague(organizer.tenantId);

    // Act
    const attempts = await Promise.all([
      saveFeedback(stranger, submission(interviewId)).catch((error: unknown) => error),
      saveFeedback(outsider, submission(interviewId)).catch((error: unknown) => error),
      getInterviewFeedback(stranger, interviewId).catch((error: unknown) => error),
      getInterviewFeedback(outsider, interviewId).catch((error: unknown) => error),
    ]);

    // Assert
    for (const refused of attempts) expect(refused).toBeInstanceOf(NotFoundError);
  });

  it('keeps the text of a feedback out of its audit entries and its event', async () => {
    // Arrange
    const interviewer = colleague(organizer.tenantId);
    const { interviewId } = await interviewWith({ interviewers: [interviewer], organizer });
    const since = { eventId: newId('event'), day: new Date().toISOString().slice(0, 10) };
    const text = {
      strengths: SECRET,
      weaknesses: SECRET,
      detailedNotes: SECRET,
      followUpRequired: true,
      followUpNotes: SECRET,
      skillRatings: [{ skill: SECRET.slice(0, 40), rating: 4, notes: SECRET }],
    };

    // Act
    await saveFeedback(interviewer, { ...submission(interviewId), ...text, submit: false });
    const submitted = await saveFeedback(interviewer, { ...submission(interviewId), ...text });

    // Assert
    const trail = await trailOf(submitted.id);
    expect(trail).toHaveLength(2);
    expect(JSON.stringify(trail)).not.toContain(SECRET.slice(0, 20));
    expect(trail.find((entry) => entry.action === 'interview_feedback.created')?.changes).toContainEqual({
      field: 'written',
      after: ['strengths', 'weaknesses', 'detailedNotes', 'followUpNotes'],
    });
    const { data: events } = await OutboxEventEntity.query
      .byDay({ day: since.day })
      .gte({ eventId: since.eventId })
      .go({ pages: 'all' });
    const event = events.find((item) => (item.payload as { feedbackId?: string }).feedbackId === submitted.id);
    expect(event?.payload).toEqual({
      feedbackId: submitted.id,
      interviewId,
      applicationId: submitted.applicationId,
      requisitionTitle: 'Feedback Engineer',
      round: 1,
      interviewerId: interviewer.userId,
      organizerId: organizer.userId,
      allSubmitted: true,
    });
  });

  describe('scorecard', () => {
    let applicationId: string;

    beforeAll(async () => {
      const requisition = await createRequisition(organizer, {
        title: 'Scorecard Engineer',
        description: 'Reads scorecards.',
        employmentType: 'full_time',
        experienceLevel: 'senior',
        remotePolicy: 'remote',
        positionsAvailable: 1,
      });
      await transitionRequisition(organizer, requisition.id, 'publish', {});
      const candidate = await createCandidate(organizer, {
        fullName: 'Scored Candidate',
        email: `scored-${Date.now()}@example.test`,
      });
      applicationId = (await createApplication(organizer, { candidateId: candidate.id, requisitionId: requisition.id }))
        .id;
    });

    it('consolidates the submitted feedback of every interview of the application once all are in', async () => {
      // Arrange
      const [a, b, c] = [colleague(organizer.tenantId), colleague(organizer.tenantId), colleague(organizer.tenantId)];
      const first = await interviewWith({ interviewers: [a, b], organizer, applicationId, status: 'completed' });
      const second = await interviewWith({
        interviewers: [c],
        organizer,
        applicationId,
        status: 'completed',
        round: 2,
      });
      await interviewWith({ interviewers: [a], organizer, applicationId, status: 'cancelled', round: 3 });
      await saveFeedback(a, submission(first.interviewId, { overallRating: 5, recommendation: 'strong_hire' }));
      const partial = await getScorecard(organizer, applicationId);
      await saveFeedback(b, submission(first.interviewId, { overallRating: 3.5, followUpRequired: true }));
      await saveFeedback(
        c,
        submission(second.interviewId, { overallRating: 4, skillRatings: [{ skill: 'SQL', rating: 3 }] }),
      );

      // Act
      const card = await getScorecard(organizer, applicationId);

      // Assert
      expect(partial.overall).toMatchObject({ complete: false, feedbackCount: 1 });
      expect(
        card.interviews.map((row) => [row.round, row.status, row.interviewers, row.submitted, row.complete]),
      ).toEqual([
        [1, 'completed', 2, 2, true],
        [2, 'completed', 1, 1, true],
        [3, 'cancelled', 1, 0, false],
      ]);
      expect(card.overall).toMatchObject({
        complete: true,
        feedbackCount: 3,
        averages: { overallRating: 4.17, technicalSkillsRating: null },
        recommendations: { strong_hire: 1, hire: 2, maybe: 0, no_hire: 0, strong_no_hire: 0 },
        skills: [{ skill: 'SQL', average: 3, count: 1 }],
        followUps: { count: 1, interviewerIds: [b.userId] },
      });
    });

    it('is 404 for an application of another tenant or none at all', async () => {
      const attempts = await Promise.all([
        getScorecard(outsider, applicationId).catch((error: unknown) => error),
        getScorecard(organizer, newId('application')).catch((error: unknown) => error),
      ]);

      for (const refused of attempts) expect(refused).toBeInstanceOf(NotFoundError);
    });
  });
});
