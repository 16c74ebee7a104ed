import type { InterviewItem } from '@assist-ten/core/interviews/interview.entity';
import { describe, expect, it } from 'vitest';

// Loaded after the stack environment points the SDK at DynamoDB Local.
const { InterviewSessionEntity } = await import('@assist-ten/core/interviews/interview.entity');
const { recordReminder, sweepDueReminders } = await import('@assist-ten/core/interviews/reminder-sweep');
const { OutboxEventEntity } = await import('@assist-ten/core/events/outbox.entity');
const { newId } = await import('@assist-ten/core/shared/ids');

/**
 * A tenant of these tests alone: its reminders are delivered to nobody (the notifications
 * consumer finds no such tenant). The local cloud's own sweep runs every 2 s beside these
 * tests, so each asserts what happened to the interview, not which sweep did it.
 */
const TENANT = 'tnt_01JREM1NDER000000000000000';

const at = (offsetMs: number): string => new Date(Date.now() + offsetMs).toISOString();

/** A scheduled interview an hour ahead whose reminder is pending at `remindAt`. */
const pendingInterview = async (remindAt: string, overrides: Partial<InterviewItem> = {}): Promise<InterviewItem> => {
  const scheduledAt = at(60 * 60_000);
  const { data } = await InterviewSessionEntity.create({
    tenantId: TENANT,
    interviewId: newId('interview'),
    candidateId: newId('candidate'),
    applicationId: newId('application'),
    requisitionId: newId('requisition'),
    interviewType: 'technical',
    interviewMode: 'video',
    status: 'scheduled',
    scheduledAt,
    durationMinutes: 60,
    endsAt: new Date(Date.parse(scheduledAt) + 60 * 60_000).toISOString(),
    timeZone: 'Europe/Lisbon',
    candidateTimeZone: 'America/New_York',
    interviewerId: newId('user'),
    meetingLink: 'https://meet.example.test/abc',
    requisitionTitle: 'Staff Engineer',
    remindAt,
    reminderShard: `r${Math.floor(Math.random() * 4)}`,
    createdBy: newId('user'),
    updatedBy: newId('user'),
    ...overrides,
  }).go();
  return data;
};

const current = async (interview: InterviewItem) =>
  (await InterviewSessionEntity.get({ tenantId: TENANT, interviewId: interview.interviewId }).go({ consistent: true }))
    .data;

/** Where the outbox stands now: events recorded after this are the test's. */
const mark = () => ({ eventId: newId('event'), day: new Date().toISOString().slice(0, 10) });

/** The reminder events of one interview recorded since `since`. */
const remindersOf = async (interviewId: string, since: ReturnType<typeof mark>) => {
  const days = [...new Set([since.day, new Date().toISOString().slice(0, 10)])];
  const events = [];
  for (const day of days) {
    const { data } = await OutboxEventEntity.query.byDay({ day }).gte({ eventId: since.eventId }).go({ pages: 'all' });
    events.push(...data);
  }
  return events.filter(
    (event) =>
      event.type === 'interview.reminder_due' && (event.payload as { interviewId: string }).interviewId === interviewId,
  );
};

describe('sweepDueReminders (DynamoDB Local)', () => {
  it('records a due reminder exactly once when sweeps run at the same time', async () => {
    // Arrange
    const since = mark();
    const interview = await pendingInterview(at(-1_000));

    // Act
    const now = at(0);
    await Promise.all([sweepDueReminders(now, 'reminders:a'), sweepDueReminders(now, 'reminders:b')]);

    // Assert
    const events = await remindersOf(interview.interviewId, since);
    expect(events).toHaveLength(1);
    expect(events[0]?.payload).toMatchObject({ interviewId: interview.interviewId, sequence: 0 });
    const after = await current(interview);
    expect(after).toMatchObject({ reminderShard: 'none', version: interview.version + 1, status: 'scheduled' });
    expect(after?.remindAt).toBeUndefined();
  });

  it('does not send a reminder before its time', async () => {
    // Arrange
    const since = mark();
    const interview = await pendingInterview(at(30 * 60_000));

    // Act
    await sweepDueReminders(at(0), 'reminders:c');

    // Assert
    expect(await remindersOf(interview.interviewId, since)).toEqual([]);
    expect(await current(interview)).toMatchObject({
      remindAt: interview.remindAt,
      reminderShard: interview.reminderShard,
    });
  });

  it('drops a cancelled interview found among the due ones without a reminder', async () => {
    // Arrange: cancelled, yet still in the reminder index
    const since = mark();
    const interview = await pendingInterview(at(-1_000), { status: 'cancelled' });

    // Act
    await sweepDueReminders(at(0), 'reminders:d');

    // Assert
    expect(await remindersOf(interview.interviewId, since)).toEqual([]);
    expect(await current(interview)).toMatchObject({ reminderShard: 'none', status: 'cancelled' });
  });
});

describe('recordReminder (DynamoDB Local)', () => {
  // Pending ten minutes ahead: the local cloud's own sweep leaves them alone while the test runs.

  it('lets one of two sweeps holding the same read record it', async () => {
    // Arrange
    const since = mark();
    const interview = await pendingInterview(at(10 * 60_000));

    // Act
    const recorded = await Promise.all([
      recordReminder(interview, at(0), 'reminders:e'),
      recordReminder(interview, at(0), 'reminders:f'),
    ]);

    // Assert
    expect(recorded.sort()).toEqual([false, true]);
    expect(await remindersOf(interview.interviewId, since)).toHaveLength(1);
  });

  it('sends nothing for an interview moved since it was read, and keeps its new reminder', async () => {
    // Arrange: the sweep read it; then it was moved a day later, with a new reminder time
    const since = mark();
    const read = await pendingInterview(at(10 * 60_000));
    const movedRemindAt = at(24 * 60 * 60_000);
    await InterviewSessionEntity.patch({ tenantId: TENANT, interviewId: read.interviewId })
      .set({ remindAt: movedRemindAt, reminderShard: 'r2', sequence: 1 })
      .add({ version: 1 })
      .go();

    // Act
    const recorded = await recordReminder(read, at(0), 'reminders:g');

    // Assert
    expect(recorded).toBe(false);
    expect(await remindersOf(read.interviewId, since)).toEqual([]);
    expect(await current(read)).toMatchObject({ remindAt: movedRemindAt, reminderShard: 'r2' });
  });

  it('sends nothing for an interview cancelled since it was read', async () => {
    // Arrange: the sweep read it; then it was cancelled, its reminder withdrawn
    const since = mark();
    const read = await pendingInterview(at(10 * 60_000));
    await InterviewSessionEntity.patch({ tenantId: TENANT, interviewId: read.interviewId })
      .set({ status: 'cancelled', reminderShard: 'none' })
      .composite({ remindAt: read.remindAt as string })
      .remove(['remindAt'])
      .add({ version: 1 })
      .go();

    // Act
    const recorded = await recordReminder(read, at(0), 'reminders:h');

    // Assert
    expect(recorded).toBe(false);
    expect(await remindersOf(read.interviewId, since)).toEqual([]);
    expect(await current(read)).toMatchObject({ status: 'cancelled', reminderShard: 'none' });
  });
});
