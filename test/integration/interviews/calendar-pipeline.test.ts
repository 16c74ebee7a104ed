import { calendarUid } from '@assist-ten/core/interviews/interview.model';
import { describe, expect, it, vi } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { createApplication } from '../../support/fixtures/applications.ts';
import { candidateBody, createCandidate } from '../../support/fixtures/candidates.ts';
import { freshInterviewer, INTERVIEWS, minutesFromNow, scheduleInterview } from '../../support/fixtures/interviews.ts';
import { expectStatus } from '../../support/fixtures/kit.ts';
import { emailsTo } from '../../support/outbox.ts';
import { HOME } from '../../support/users.ts';
import { calendarPartOf, type ReadCalendar, readCalendar } from '../../unit/notifications/support/calendar-reader.ts';

/** The calendars emailed to `email` so far, as their clients read them. */
const calendarsTo = async (email: string): Promise<ReadCalendar[]> =>
  (await emailsTo(email)).flatMap((eml) => {
    const part = calendarPartOf(eml);
    return part ? [readCalendar(part.ics)] : [];
  });

/** Waits for the relay and the notifications consumer of the local cloud to deliver `count` calendars. */
const awaitCalendars = (email: string, count: number) =>
  vi.waitFor(
    async () => {
      const calendars = await calendarsTo(email);
      expect(calendars).toHaveLength(count);
      return calendars;
    },
    { timeout: 20_000, interval: 250 },
  );

describe('calendar invitations from the API to the outbox', () => {
  it('invites the interviewer and the candidate when booked, and cancels both when called off', async () => {
    // Arrange
    const candidate = await createCandidate(candidateBody({ fullName: 'Zoë Ångström' }));
    const application = await createApplication({ candidateId: candidate.id });
    const interviewer = await freshInterviewer();

    // Act
    const interview = await scheduleInterview({
      applicationId: application.id,
      candidateId: candidate.id,
      requisitionId: application.requisitionId,
      interviewerId: interviewer.id,
      scheduledAt: minutesFromNow(3 * 24 * 60),
    });
    const invited = await awaitCalendars(candidate.email, 1);
    const cancelled = await call('POST', `${INTERVIEWS}/${interview.id}/cancel`, {
      token: await tokenFor(HOME.recruiter),
      body: { reason: 'The role was filled' },
    });
    expectStatus('cancel interview', cancelled, 200);
    const afterCancel = await awaitCalendars(candidate.email, 2);

    // Assert
    const uid = calendarUid(interview.id);
    expect(invited[0]).toMatchObject({ method: 'REQUEST', uid, start: interview.scheduledAt });
    expect(afterCancel.find((calendar) => calendar.method === 'CANCEL')).toMatchObject({ uid, status: 'CANCELLED' });
    const interviewerCalendars = await awaitCalendars(interviewer.email, 2);
    expect(interviewerCalendars.map((calendar) => calendar.method).sort()).toEqual(['CANCEL', 'REQUEST']);
    const sequences = interviewerCalendars.map((calendar) => calendar.sequence);
    expect(Math.max(...sequences)).toBeGreaterThan(Math.min(...sequences));
    expect(JSON.stringify(afterCancel)).not.toContain('The role was filled');
  });
});
