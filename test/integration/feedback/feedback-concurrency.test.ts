import { ConflictError } from '@assist-ten/core/shared/errors';
import { describe, expect, it } from 'vitest';
import { colleague, interviewWith, seeded, submission } from './panel.ts';

// Loaded after the stack environment points the SDK at DynamoDB Local.
const { excuseFeedback, saveFeedback } = await import('@assist-ten/core/feedback/feedback.service');
const { InterviewFeedbackEntity } = await import('@assist-ten/core/feedback/feedback.entity');
const { OutboxEventEntity } = await import('@assist-ten/core/events/outbox.entity');
const { AuditLogEntity } = await import('@assist-ten/core/platform/audit-log.entity');
const { newId } = await import('@assist-ten/core/shared/ids');

const organizer = seeded('recruiter@demo.test');

/** Where the outbox stands now: events recorded after this are the test's. */
const mark = () => ({ eventId: newId('event'), day: new Date().toISOString().slice(0, 10) });

/** The feedback.submitted (or, with `types`, other settling) events of one interview recorded since `since`. */
const submittedEventsOf = async (
  interviewId: string,
  since: ReturnType<typeof mark>,
  types: string[] = ['feedback.submitted'],
) => {
  const days = [...new Set([since.day, new Date().toISOString().slice(0, 10)])];
  const events = [];
  for (const day of days) {
    const { data } = await OutboxEventEntity.query.byDay({ day }).gte({ eventId: since.eventId }).go({ pages: 'all' });
    events.push(...data);
  }
  return events
    .filter((event) => types.includes(event.type))
    .map((event) => event.payload as { interviewId: string; interviewerId: string; allSubmitted: boolean })
    .filter((payload) => payload.interviewId === interviewId);
};

describe('feedback under concurrency (DynamoDB Local)', () => {
  it('lets one of ten simultaneous submissions of one interviewer through; the nine others are 409', async () => {
    // Arrange
    const interviewer = colleague(organizer.tenantId);
    const interview = await interviewWith({ interviewers: [interviewer], organizer });
    const since = mark();

    // Act
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, index) =>
        saveFeedback(interviewer, submission(interview.interviewId, { overallRating: 1 + (index % 9) / 2 })),
      ),
    );

    // Assert
    const saved = results.filter((result) => result.status === 'fulfilled');
    const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    expect(saved).toHaveLength(1);
    expect(refused).toHaveLength(9);
    for (const reason of refused) expect(reason).toBeInstanceOf(ConflictError);
    const { data: stored } = await InterviewFeedbackEntity.query
      .byInterview({ tenantId: organizer.tenantId, interviewId: interview.interviewId })
      .go({ consistent: true });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ status: 'submitted', version: 1 });
    expect(stored[0]?.overallRating).toBe(saved[0]?.status === 'fulfilled' ? saved[0].value.overallRating : -1);
    expect(await submittedEventsOf(interview.interviewId, since)).toHaveLength(1);
    const { data: trail } = await AuditLogEntity.query
      .byEntity({
        tenantId: organizer.tenantId,
        entityType: 'interview_feedback',
        entityId: stored[0]?.feedbackId ?? '',
      })
      .go();
    expect(trail.map((entry) => entry.action)).toEqual(['interview_feedback.submitted']);
  });

  it('says allSubmitted on the last submission of a panel that submits one after the other', async () => {
    // Arrange
    const panel = [colleague(organizer.tenantId), colleague(organizer.tenantId), colleague(organizer.tenantId)];
    const interview = await interviewWith({ interviewers: panel, organizer });
    const since = mark();

    // Act
    for (const interviewer of panel) await saveFeedback(interviewer, submission(interview.interviewId));

    // Assert
    const events = await submittedEventsOf(interview.interviewId, since);
    const byInterviewer = new Map(events.map((event) => [event.interviewerId, event.allSubmitted]));
    expect(panel.map((interviewer) => byInterviewer.get(interviewer.userId))).toEqual([false, false, true]);
  });

  type Principal = ReturnType<typeof colleague>;
  /** How the second of the two last interviewers settles: submitting too, or excused by the organiser. */
  const settlers: [string, (interviewId: string, interviewer: Principal) => Promise<unknown>][] = [
    ['two last submissions', (interviewId, interviewer) => saveFeedback(interviewer, submission(interviewId))],
    [
      'a last submission and a last excuse',
      (interviewId, interviewer) => excuseFeedback(organizer, interviewId, { interviewerId: interviewer.userId }),
    ],
  ];

  it.each(settlers)('says allSubmitted on exactly one of %s that race each other', async (_, settle) => {
    for (let round = 0; round < 3; round++) {
      // Arrange: the lead submitted; the two others settle at the same moment.
      const [lead, first, second] = [
        colleague(organizer.tenantId),
        colleague(organizer.tenantId),
        colleague(organizer.tenantId),
      ];
      const interview = await interviewWith({ interviewers: [lead, first, second], organizer });
      await saveFeedback(lead, submission(interview.interviewId));
      const since = mark();

      // Act
      const results = await Promise.allSettled([
        saveFeedback(first, submission(interview.interviewId)),
        settle(interview.interviewId, second),
      ]);

      // Assert
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);
      const events = await submittedEventsOf(interview.interviewId, since, ['feedback.submitted', 'feedback.excused']);
      expect(events).toHaveLength(2);
      expect(events.filter((event) => event.allSubmitted)).toHaveLength(1);
    }
  });

  it('lets ten interviewers of one panel submit at once, every one of them, and one event says all are in', async () => {
    // Arrange
    const panel = Array.from({ length: 10 }, () => colleague(organizer.tenantId));
    const interview = await interviewWith({ interviewers: panel, organizer, status: 'completed' });
    const since = mark();

    // Act
    const results = await Promise.allSettled(
      panel.map((interviewer) => saveFeedback(interviewer, submission(interview.interviewId))),
    );

    // Assert
    expect(results.filter((result) => result.status === 'rejected').map((result) => String(result.reason))).toEqual([]);
    const events = await submittedEventsOf(interview.interviewId, since);
    expect(events).toHaveLength(10);
    expect(events.filter((event) => event.allSubmitted)).toHaveLength(1);
  });
});
