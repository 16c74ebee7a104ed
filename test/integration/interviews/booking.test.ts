import type { ScheduleInterview } from '@assist-ten/core/interviews/interview.schema';
import { ConflictError } from '@assist-ten/core/shared/errors';
import type { Principal } from '@assist-ten/core/shared/principal';
import { describe, expect, it } from 'vitest';
import { principalOf } from '../../../infra/local/seed.ts';
import { findLocalUser } from '../../../infra/local/seed-data.ts';
import { createApplication } from '../../support/fixtures/applications.ts';
import { bookable, freshInterviewer, minutesFromNow } from '../../support/fixtures/interviews.ts';

// Loaded after the stack environment points the SDK at DynamoDB Local.
const { scheduleInterview, updateInterview } = await import('@assist-ten/core/interviews/interview.service');
const { cancelInterview, completeInterview, markNoShow, startInterview } = await import(
  '@assist-ten/core/interviews/interview-lifecycle.service'
);
const { ScheduleInterviewBody } = await import('@assist-ten/core/interviews/interview.schema');
const { InterviewCalendarEntryEntity } = await import('@assist-ten/core/interviews/calendar-entry.entity');
const { InterviewSessionEntity } = await import('@assist-ten/core/interviews/interview.entity');
const { OutboxEventEntity } = await import('@assist-ten/core/events/outbox.entity');
const { AuditLogEntity } = await import('@assist-ten/core/platform/audit-log.entity');
const { newId } = await import('@assist-ten/core/shared/ids');

const seeded = findLocalUser('recruiter@demo.test');
if (!seeded) throw new Error('seed user missing');
const recruiter: Principal = principalOf(seeded);

/** A whole-minute instant `minutes` after `base`. */
const shifted = (base: string, minutes: number): string => new Date(Date.parse(base) + minutes * 60_000).toISOString();

/** A body for a fresh application, `minutes` long, starting at `scheduledAt`, led by `interviewerId`. */
const body = async (
  interviewerId: string,
  scheduledAt: string,
  overrides: Partial<Record<keyof ScheduleInterview, unknown>> = {},
): Promise<ScheduleInterview> =>
  ScheduleInterviewBody.parse({
    ...(await bookable()),
    interviewerId,
    interviewType: 'technical',
    interviewMode: 'phone',
    scheduledAt,
    durationMinutes: 60,
    ...overrides,
  });

const book = async (interviewerId: string, scheduledAt: string, overrides = {}) =>
  scheduleInterview(recruiter, await body(interviewerId, scheduledAt, overrides));

/** What booking `interviewerId` at `scheduledAt` for an hour answers: 'booked' or the conflicting interview. */
const tryBooking = async (interviewerId: string, scheduledAt: string, overrides = {}) => {
  try {
    await book(interviewerId, scheduledAt, overrides);
    return 'booked';
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const [conflict] = (error.extensions?.conflicts ?? []) as { interviewId: string; role: string }[];
    return conflict ? `conflict with ${conflict.interviewId} (${conflict.role})` : error.message;
  }
};

const entriesOf = async (participantId: string) =>
  (
    await InterviewCalendarEntryEntity.query
      .byParticipant({ tenantId: recruiter.tenantId, participantId })
      .go({ consistent: true, pages: 'all' })
  ).data;

describe('booking rules (DynamoDB Local)', () => {
  it('books back to back: one ending when the next starts is no conflict', async () => {
    // Arrange
    const { id } = await freshInterviewer();
    const start = minutesFromNow(2 * 24 * 60);
    const first = await book(id, start);

    // Act
    const before = await tryBooking(id, shifted(start, -60));
    const next = await tryBooking(id, shifted(start, 60));
    const overlapping = await tryBooking(id, shifted(start, 59));

    // Assert
    expect([before, next]).toEqual(['booked', 'booked']);
    expect(overlapping).toBe(`conflict with ${first.id} (lead)`);
  });

  it('keeps a panel interviewer from being booked twice, whatever their seat', async () => {
    // Arrange
    const [lead, panelist] = await Promise.all([freshInterviewer(), freshInterviewer()]);
    const start = minutesFromNow(2 * 24 * 60);
    const first = await book(lead.id, start, { additionalInterviewers: [panelist.id] });

    // Act
    const result = await tryBooking(panelist.id, shifted(start, 30));

    // Assert
    expect(result).toBe(`conflict with ${first.id} (lead)`);
  });

  it('keeps a candidate out of two overlapping interviews, even with other interviewers', async () => {
    // Arrange
    const [first, second] = await Promise.all([freshInterviewer(), freshInterviewer()]);
    const application = await createApplication();
    const start = minutesFromNow(2 * 24 * 60);
    const booked = await book(first.id, start, {
      candidateId: application.candidateId,
      applicationId: application.id,
      requisitionId: application.requisitionId,
    });

    // Act
    const result = await tryBooking(second.id, shifted(start, 15), {
      candidateId: application.candidateId,
      applicationId: application.id,
      requisitionId: application.requisitionId,
    });

    // Assert
    expect(result).toBe(`conflict with ${booked.id} (candidate)`);
  });

  it("frees the participants' time when the interview is cancelled", async () => {
    // Arrange
    const { id } = await freshInterviewer();
    const start = minutesFromNow(2 * 24 * 60);
    const first = await book(id, start);

    // Act
    const cancelled = await cancelInterview(recruiter, first.id, { reason: 'Candidate asked to move it' });
    const rebooked = await tryBooking(id, start);

    // Assert
    expect(cancelled).toMatchObject({ status: 'cancelled', sequence: 1, cancelReason: 'Candidate asked to move it' });
    expect(rebooked).toBe('booked');
    expect((await entriesOf(id)).map((entry) => entry.status).sort()).toEqual(['cancelled', 'scheduled']);
  });

  it('keeps the time of a no-show and of a completed interview taken', async () => {
    // Arrange: both open now (ten minutes ahead).
    const [absent, held] = await Promise.all([freshInterviewer(), freshInterviewer()]);
    const start = minutesFromNow(10);
    const noShow = await book(absent.id, start);
    const completed = await book(held.id, start);
    await markNoShow(recruiter, noShow.id);
    await startInterview(recruiter, completed.id);
    await completeInterview(recruiter, completed.id);

    // Act
    const afterNoShow = await tryBooking(absent.id, shifted(start, 30));
    const afterCompleted = await tryBooking(held.id, shifted(start, 30));

    // Assert
    expect(afterNoShow).toBe(`conflict with ${noShow.id} (lead)`);
    expect(afterCompleted).toBe(`conflict with ${completed.id} (lead)`);
  });
});

describe('rescheduling (DynamoDB Local)', () => {
  it("refuses a move into a colleague's booked slot and changes nothing", async () => {
    // Arrange
    const { id } = await freshInterviewer();
    const start = minutesFromNow(2 * 24 * 60);
    const busy = await book(id, start);
    const moving = await book(id, shifted(start, 120));

    // Act
    const error = await updateInterview(recruiter, moving.id, { scheduledAt: shifted(start, 30) }).catch(
      (caught: unknown) => caught,
    );

    // Assert
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).extensions?.conflicts).toEqual([
      expect.objectContaining({ interviewId: busy.id, role: 'lead' }),
    ]);
    const { data } = await InterviewSessionEntity.get({ tenantId: recruiter.tenantId, interviewId: moving.id }).go({
      consistent: true,
    });
    expect(data).toMatchObject({ scheduledAt: moving.scheduledAt, version: 1, sequence: 0 });
  });

  it('moves into a slot overlapping its own old one, moving every entry with it', async () => {
    // Arrange
    const [lead, panelist] = await Promise.all([freshInterviewer(), freshInterviewer()]);
    const start = minutesFromNow(2 * 24 * 60);
    const interview = await book(lead.id, start, { additionalInterviewers: [panelist.id] });

    // Act
    const moved = await updateInterview(recruiter, interview.id, { scheduledAt: shifted(start, 30) }, 1);

    // Assert
    expect(moved).toMatchObject({
      scheduledAt: shifted(start, 30),
      endsAt: shifted(start, 90),
      version: 2,
      sequence: 1,
    });
    for (const participantId of [lead.id, panelist.id, interview.candidateId]) {
      expect((await entriesOf(participantId)).map((entry) => entry.scheduledAt)).toEqual([shifted(start, 30)]);
    }
  });

  it('refuses to add a busy interviewer to the panel, and lets the people already on it stay', async () => {
    // Arrange
    const [lead, busy] = await Promise.all([freshInterviewer(), freshInterviewer()]);
    const start = minutesFromNow(2 * 24 * 60);
    const elsewhere = await book(busy.id, start);
    const interview = await book(lead.id, start);

    // Act
    const refused = await updateInterview(recruiter, interview.id, { additionalInterviewers: [busy.id] }).catch(
      (caught: unknown) => caught,
    );
    const renamed = await updateInterview(recruiter, interview.id, { preparationNotes: 'Bring the design doc' });

    // Assert
    expect((refused as ConflictError).extensions?.conflicts).toEqual([
      expect.objectContaining({ participantId: busy.id, role: 'panel', interviewId: elsewhere.id }),
    ]);
    expect(renamed).toMatchObject({ preparationNotes: 'Bring the design doc', sequence: 0, version: 2 });
  });

  it('takes an interviewer off the panel: their entry goes, their time is free', async () => {
    // Arrange
    const [lead, leaving] = await Promise.all([freshInterviewer(), freshInterviewer()]);
    const start = minutesFromNow(2 * 24 * 60);
    const interview = await book(lead.id, start, { additionalInterviewers: [leaving.id] });

    // Act
    const changed = await updateInterview(recruiter, interview.id, { additionalInterviewers: [] });
    const freed = await tryBooking(leaving.id, start);

    // Assert
    expect(changed).toMatchObject({ additionalInterviewers: [], sequence: 1 });
    expect(freed).toBe('booked');
    expect((await entriesOf(leaving.id)).map((entry) => entry.interviewId)).not.toContain(interview.id);
  });
});

describe('reminder fields (DynamoDB Local)', () => {
  const stored = async (interviewId: string) =>
    (await InterviewSessionEntity.get({ tenantId: recruiter.tenantId, interviewId }).go({ consistent: true })).data;

  it('puts a booking days ahead in the reminder index, before its start', async () => {
    // Arrange
    const { id } = await freshInterviewer();

    // Act
    const interview = await book(id, minutesFromNow(3 * 24 * 60));

    // Assert
    const item = await stored(interview.id);
    expect(item?.reminderShard).toMatch(/^r[0-3]$/);
    expect(item?.remindAt).toBeDefined();
    expect(Date.parse(item?.remindAt ?? '')).toBeLessThan(Date.parse(interview.scheduledAt));
    expect(interview.remindAt).toBe(item?.remindAt);
  });

  it('moves the reminder with the interview and withdraws it on cancel', async () => {
    // Arrange
    const { id } = await freshInterviewer();
    const start = minutesFromNow(3 * 24 * 60);
    const interview = await book(id, start);
    const was = (await stored(interview.id))?.remindAt ?? '';

    // Act
    await updateInterview(recruiter, interview.id, { scheduledAt: shifted(start, 24 * 60) });
    const moved = await stored(interview.id);
    await cancelInterview(recruiter, interview.id, { reason: 'Position filled' });
    const cancelled = await stored(interview.id);

    // Assert
    expect(Date.parse(moved?.remindAt ?? '') - Date.parse(was)).toBe(24 * 60 * 60_000);
    expect(cancelled?.reminderShard).toBe('none');
    expect(cancelled?.remindAt).toBeUndefined();
  });

  it('sets no reminder for an interview closer than the lead time, nor once it starts', async () => {
    // Arrange
    const { id } = await freshInterviewer();

    // Act
    const interview = await book(id, minutesFromNow(5));
    const started = await startInterview(recruiter, interview.id);

    // Assert
    expect(interview.remindAt).toBeUndefined();
    expect(started.remindAt).toBeUndefined();
    const item = await stored(interview.id);
    expect(item?.remindAt).toBeUndefined();
    expect(item?.reminderShard ?? 'none').toBe('none');
  });
});

describe('events and audit of a booking (DynamoDB Local)', () => {
  const eventsOf = async (interviewId: string, since: { day: string; eventId: string }) =>
    (await OutboxEventEntity.query.byDay({ day: since.day }).gte({ eventId: since.eventId }).go({ pages: 'all' })).data
      .filter((event) => (event.payload as { interviewId?: string }).interviewId === interviewId)
      .map((event) => ({ type: event.type, ...(event.payload as { sequence: number; rescheduled?: boolean }) }));

  it('tells attendees of the booking, of changes they see, and of the cancellation, each with a higher sequence', async () => {
    // Arrange
    const since = { eventId: newId('event'), day: new Date().toISOString().slice(0, 10) };
    const [lead, leaving] = await Promise.all([freshInterviewer(), freshInterviewer()]);
    const start = minutesFromNow(2 * 24 * 60);

    // Act
    const interview = await book(lead.id, start, { additionalInterviewers: [leaving.id] });
    await updateInterview(recruiter, interview.id, { preparationNotes: 'Only for the panel', round: 2 });
    await updateInterview(recruiter, interview.id, { scheduledAt: shifted(start, 60), additionalInterviewers: [] });
    await cancelInterview(recruiter, interview.id, { reason: 'Role closed' });

    // Assert
    const events = await eventsOf(interview.id, since);
    expect(events.map(({ type, sequence, rescheduled }) => ({ type, sequence, rescheduled }))).toEqual([
      { type: 'interview.scheduled', sequence: 0, rescheduled: undefined },
      { type: 'interview.updated', sequence: 1, rescheduled: true },
      { type: 'interview.cancelled', sequence: 2, rescheduled: undefined },
    ]);
    expect(events[1]).toMatchObject({ removedInterviewerIds: [leaving.id], interviewerIds: [lead.id] });
    expect(JSON.stringify(events)).not.toContain('Only for the panel');
  });

  it('audits every write in its own transaction, keeping no free text', async () => {
    // Arrange
    const { id } = await freshInterviewer();
    const interview = await book(id, minutesFromNow(2 * 24 * 60), {
      preparationNotes: 'Candidate mentioned a health issue',
    });

    // Act
    await updateInterview(recruiter, interview.id, { preparationNotes: 'Candidate mentioned a family matter, again' });
    await cancelInterview(recruiter, interview.id, { reason: 'Candidate is unwell' });

    // Assert
    const { data: trail } = await AuditLogEntity.query
      .byEntity({ tenantId: recruiter.tenantId, entityType: 'interview', entityId: interview.id })
      .go({ pages: 'all' });
    expect(trail.map((entry) => entry.action).sort()).toEqual([
      'interview.cancelled',
      'interview.scheduled',
      'interview.updated',
    ]);
    const text = JSON.stringify(trail);
    expect(text).not.toMatch(/health|family|unwell/);
    expect(trail.find((entry) => entry.action === 'interview.updated')?.changes).toEqual([
      { field: 'preparationNotes', before: '[34 characters]', after: '[42 characters]' },
    ]);
  });
});
