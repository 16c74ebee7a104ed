import { ConflictError } from '@assist-ten/core/shared/errors';
import type { Principal } from '@assist-ten/core/shared/principal';
import { describe, expect, it } from 'vitest';
import { principalOf } from '../../../infra/local/seed.ts';
import { findLocalUser } from '../../../infra/local/seed-data.ts';
import { createApplication, openRequisition } from '../../support/fixtures/applications.ts';
import { freshInterviewer, minutesFromNow } from '../../support/fixtures/interviews.ts';

// Loaded after the stack environment points the SDK at DynamoDB Local.
const { scheduleInterview } = await import('@assist-ten/core/interviews/interview.service');
const { ScheduleInterviewBody } = await import('@assist-ten/core/interviews/interview.schema');
const { InterviewCalendarEntryEntity } = await import('@assist-ten/core/interviews/calendar-entry.entity');
const { ParticipantCalendarEntity } = await import('@assist-ten/core/interviews/participant-calendar.entity');

const seeded = findLocalUser('recruiter@demo.test');
if (!seeded) throw new Error('seed user missing');
const recruiter: Principal = principalOf(seeded);

const PARALLEL = 20;

/** Applications of fresh candidates to one open requisition: different candidates, so only the interviewer is shared. */
const applications = async (count: number) => {
  const requisitionId = await openRequisition();
  return Promise.all(Array.from({ length: count }, () => createApplication({ requisitionId })));
};

describe('booking under concurrency (DynamoDB Local)', () => {
  it(`lets exactly one of ${PARALLEL} overlapping bookings of one interviewer win; each other is a 409 naming it`, async () => {
    // Arrange
    const interviewer = await freshInterviewer();
    const booked = await applications(PARALLEL);
    const start = Date.parse(minutesFromNow(3 * 24 * 60));
    const bodies = booked.map((application, at) =>
      ScheduleInterviewBody.parse({
        candidateId: application.candidateId,
        applicationId: application.id,
        requisitionId: application.requisitionId,
        interviewerId: interviewer.id,
        interviewType: 'technical',
        interviewMode: 'phone',
        // Each starts a minute after the previous one: every pair overlaps.
        scheduledAt: new Date(start + at * 60_000).toISOString(),
        durationMinutes: 60,
      }),
    );

    // Act
    const results = await Promise.allSettled(bodies.map((body) => scheduleInterview(recruiter, body)));

    // Assert
    const won = results.filter((result) => result.status === 'fulfilled').map((result) => result.value);
    const lost = results.filter((result) => result.status === 'rejected').map((result) => result.reason);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(PARALLEL - 1);
    const winner = won[0]?.id;
    for (const error of lost) {
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).extensions?.conflicts).toEqual([
        expect.objectContaining({ participantId: interviewer.id, role: 'lead', interviewId: winner }),
      ]);
    }
    const { data: entries } = await InterviewCalendarEntryEntity.query
      .byParticipant({ tenantId: recruiter.tenantId, participantId: interviewer.id })
      .go({ consistent: true, pages: 'all' });
    expect(entries.map((entry) => entry.interviewId)).toEqual([winner]);
    const { data: calendar } = await ParticipantCalendarEntity.get({
      tenantId: recruiter.tenantId,
      participantId: interviewer.id,
    }).go({ consistent: true });
    expect(calendar?.version).toBe(1);
  }, 90_000);

  it('books every one of many parallel bookings that do not overlap', async () => {
    // Arrange
    const interviewer = await freshInterviewer();
    const booked = await applications(6);
    const start = Date.parse(minutesFromNow(4 * 24 * 60));

    // Act: back to back, an hour each, all at once.
    const results = await Promise.allSettled(
      booked.map((application, at) =>
        scheduleInterview(
          recruiter,
          ScheduleInterviewBody.parse({
            candidateId: application.candidateId,
            applicationId: application.id,
            requisitionId: application.requisitionId,
            interviewerId: interviewer.id,
            interviewType: 'behavioral',
            interviewMode: 'phone',
            scheduledAt: new Date(start + at * 60 * 60_000).toISOString(),
            durationMinutes: 60,
          }),
        ),
      ),
    );

    // Assert
    expect(results.map((result) => result.status)).toEqual(booked.map(() => 'fulfilled'));
    const { data: calendar } = await ParticipantCalendarEntity.get({
      tenantId: recruiter.tenantId,
      participantId: interviewer.id,
    }).go({ consistent: true });
    expect(calendar?.version).toBe(booked.length);
  }, 90_000);
});
