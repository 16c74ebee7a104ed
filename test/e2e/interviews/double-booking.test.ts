import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { createApplication, openRequisition } from '../../support/fixtures/applications.ts';
import { freshInterviewer, INTERVIEWS, interviewBody, minutesFromNow } from '../../support/fixtures/interviews.ts';
import { HOME } from '../../support/users.ts';

const PARALLEL = 20;
const shifted = (base: string, minutes: number): string => new Date(Date.parse(base) + minutes * 60_000).toISOString();

describe('no double-booking over HTTP', () => {
  it(`answers ${PARALLEL} parallel overlapping bookings of one interviewer with one 201 and ${PARALLEL - 1} 409s naming it`, async () => {
    // Arrange: different candidates and one requisition, so only the interviewer is shared.
    const interviewer = await freshInterviewer();
    const requisitionId = await openRequisition();
    const applications = await Promise.all(
      Array.from({ length: PARALLEL }, () => createApplication({ requisitionId })),
    );
    const start = minutesFromNow(5 * 24 * 60);
    const token = await tokenFor(HOME.recruiter);
    const bodies = await Promise.all(
      applications.map((application, at) =>
        interviewBody({
          candidateId: application.candidateId,
          applicationId: application.id,
          requisitionId,
          interviewerId: interviewer.id,
          scheduledAt: shifted(start, at * 2),
          durationMinutes: 60,
        }),
      ),
    );

    // Act
    const responses = await Promise.all(bodies.map((body) => call('POST', INTERVIEWS, { token, body })));

    // Assert
    const created = responses.filter((response) => response.status === 201);
    const refused = responses.filter((response) => response.status === 409);
    expect(responses.map((response) => response.status).sort()).toEqual([201, ...Array(PARALLEL - 1).fill(409)]);
    const winner = created[0]?.body.id;
    for (const response of refused) {
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.body.detail).toContain(`The lead interviewer (${interviewer.id}) is already booked`);
      expect(response.body.conflicts).toEqual([
        expect.objectContaining({ participantId: interviewer.id, role: 'lead', interviewId: winner }),
      ]);
    }
    const mine = await call('GET', `${INTERVIEWS}?from=${encodeURIComponent(start)}`, {
      token: await tokenFor(interviewer.email),
    });
    expect(mine.body.items.map((item: { id: string }) => item.id)).toEqual([winner]);
  }, 120_000);

  it('books back to back, refuses an overlap, and books the slot again once it is cancelled', async () => {
    // Arrange
    const interviewer = await freshInterviewer();
    const token = await tokenFor(HOME.recruiter);
    const start = minutesFromNow(5 * 24 * 60);
    const post = async (scheduledAt: string) =>
      call('POST', INTERVIEWS, {
        token,
        body: await interviewBody({ interviewerId: interviewer.id, scheduledAt, durationMinutes: 45 }),
      });
    const first = await post(start);

    // Act
    const next = await post(shifted(start, 45));
    const overlap = await post(shifted(start, 30));
    const cancelled = await call('POST', `${INTERVIEWS}/${first.body.id}/cancel`, {
      token,
      body: { reason: 'Moved to another day' },
    });
    const again = await post(start);

    // Assert
    expect([first.status, next.status, overlap.status, cancelled.status, again.status]).toEqual([
      201, 201, 409, 200, 201,
    ]);
    expect(overlap.body.conflicts.map((conflict: { interviewId: string }) => conflict.interviewId).sort()).toEqual(
      [first.body.id, next.body.id].sort(),
    );
  }, 60_000);
});
