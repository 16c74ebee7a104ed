import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import {
  freshInterviewer,
  INTERVIEWS,
  minutesFromNow,
  scheduleInterview,
  staffedInterview,
} from '../../support/fixtures/interviews.ts';
import { HOME, OTHER } from '../../support/users.ts';

const recruiter = () => tokenFor(HOME.recruiter);
const act = async (id: string, action: string, email = HOME.recruiter, body: object = {}, headers = {}) =>
  call('POST', `${INTERVIEWS}/${id}/${action}`, { token: await tokenFor(email), body, headers });
const patch = async (id: string, body: object, headers: Record<string, string> = {}) =>
  call('PATCH', `${INTERVIEWS}/${id}`, { token: await recruiter(), body, headers });

describe('running an interview over HTTP', () => {
  it('lets an interviewer on it start and complete it, stamping the times', async () => {
    // Arrange
    const { interview, interviewerEmails } = await staffedInterview(1);
    const panel = interviewerEmails[1] as string;

    // Act
    const started = await act(interview.id, 'start', panel);
    const completed = await act(interview.id, 'complete', panel, {}, { 'if-match': '"2"' });

    // Assert
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'in_progress', version: 2, allowedActions: ['complete'] });
    expect(started.body.startedAt).toEqual(expect.any(String));
    expect(started.headers.get('etag')).toBe('"2"');
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({
      status: 'completed',
      version: 3,
      actualDurationMinutes: 1,
      allowedActions: [],
    });
    expect(completed.body.endedAt >= started.body.startedAt).toBe(true);
  });

  it('refuses to start an interview earlier than 30 minutes before it, saying from when', async () => {
    // Arrange
    const { id, scheduledAt } = await scheduleInterview({ scheduledAt: minutesFromNow(24 * 60) });

    // Act
    const started = await act(id, 'start');
    const noShow = await act(id, 'no-show');

    // Assert
    expect([started.status, noShow.status]).toEqual([409, 409]);
    expect(started.body.opensAt).toBe(new Date(Date.parse(scheduledAt) - 30 * 60_000).toISOString());
    expect(started.body.detail).toContain(started.body.opensAt);
  });

  it('records a no-show, which is final', async () => {
    // Arrange
    const { id } = await scheduleInterview();

    // Act
    const noShow = await act(id, 'no-show');
    const start = await act(id, 'start');

    // Assert
    expect(noShow.status).toBe(200);
    expect(noShow.body).toMatchObject({ status: 'no_show', allowedNextStatuses: [] });
    expect(noShow.body.noShowAt).toEqual(expect.any(String));
    expect(start.status).toBe(409);
    expect(start.body).toMatchObject({ code: 'illegal_transition', currentStatus: 'no_show', allowedNextStatuses: [] });
  });

  it('refuses an illegal move with 409 naming the allowed next statuses', async () => {
    // Arrange
    const { id } = await scheduleInterview();

    // Act
    const response = await act(id, 'complete');

    // Assert
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body).toMatchObject({
      code: 'illegal_transition',
      currentStatus: 'scheduled',
      allowedNextStatuses: ['in_progress', 'cancelled', 'no_show'],
    });
  });

  it('cancels with a reason, raising the sequence; an interviewer may not cancel', async () => {
    // Arrange
    const { interview, interviewerEmails } = await staffedInterview(0);

    // Act
    const byInterviewer = await act(interview.id, 'cancel', interviewerEmails[0], { reason: 'Sick' });
    const withoutReason = await act(interview.id, 'cancel');
    const cancelled = await act(interview.id, 'cancel', HOME.admin, { reason: 'Role closed' });
    const again = await act(interview.id, 'cancel', HOME.admin, { reason: 'Twice' });

    // Assert
    expect([byInterviewer.status, withoutReason.status, cancelled.status, again.status]).toEqual([403, 400, 200, 409]);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'Role closed', sequence: 1 });
  });

  it("is 404 for an interviewer not on it and for another tenant's staff, changing nothing", async () => {
    // Arrange
    const [stranger, { id }] = await Promise.all([freshInterviewer(), scheduleInterview()]);

    // Act
    const responses = await Promise.all([
      act(id, 'start', stranger.email),
      act(id, 'start', OTHER.interviewer),
      act(id, 'cancel', OTHER.recruiter, { reason: 'Probe' }),
    ]);

    // Assert
    expect(responses.map((response) => response.status)).toEqual([404, 404, 404]);
    const read = await call('GET', `${INTERVIEWS}/${id}`, { token: await recruiter() });
    expect(read.body).toMatchObject({ status: 'scheduled', version: 1 });
  });
});

describe('changing an interview over HTTP', () => {
  it('reschedules it, raising the sequence and the version', async () => {
    // Arrange
    const { id } = await scheduleInterview({ scheduledAt: minutesFromNow(2 * 24 * 60) });
    const to = minutesFromNow(2 * 24 * 60 + 90);

    // Act
    const response = await patch(id, { scheduledAt: to, durationMinutes: 30 }, { 'if-match': '"1"' });

    // Assert
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      scheduledAt: to,
      durationMinutes: 30,
      endsAt: new Date(Date.parse(to) + 30 * 60_000).toISOString(),
      version: 2,
      sequence: 1,
    });
    expect(response.headers.get('etag')).toBe('"2"');
  });

  it('changes notes, guide and round without raising the sequence, and clears them with null', async () => {
    // Arrange
    const { id } = await scheduleInterview({ preparationNotes: 'Old notes' });

    // Act
    const changed = await patch(id, {
      preparationNotes: null,
      questionGuide: { questions: ['Tell me about X'] },
      round: 3,
    });

    // Assert
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      sequence: 0,
      version: 2,
      round: 3,
      questionGuide: { questions: ['Tell me about X'] },
    });
    expect(changed.body.preparationNotes).toBeUndefined();
  });

  it('refuses a change that leaves a video interview without its link', async () => {
    // Arrange
    const { id } = await scheduleInterview();

    // Act
    const withoutLink = await patch(id, { meetingLink: null });
    const toPhone = await patch(id, { interviewMode: 'phone', meetingLink: null });

    // Assert
    expect(withoutLink.status).toBe(400);
    expect(withoutLink.body.errors).toEqual([expect.objectContaining({ field: 'meetingLink', code: 'required' })]);
    expect(toPhone.status).toBe(200);
    expect(toPhone.body).toMatchObject({ interviewMode: 'phone', sequence: 1 });
  });

  it('honours If-Match: a stale version is 412 and nothing changes', async () => {
    // Arrange
    const { id } = await scheduleInterview();
    await patch(id, { round: 2 }, { 'if-match': '"1"' });

    // Act
    const stale = await patch(id, { round: 5 }, { 'if-match': '"1"' });
    const staleStart = await act(id, 'start', HOME.recruiter, {}, { 'if-match': '"1"' });

    // Assert
    expect([stale.status, staleStart.status]).toEqual([412, 412]);
    const read = await call('GET', `${INTERVIEWS}/${id}`, { token: await recruiter() });
    expect(read.body).toMatchObject({ round: 2, version: 2, status: 'scheduled' });
  });

  it('refuses to change an interview that is no longer scheduled', async () => {
    // Arrange
    const { id } = await scheduleInterview();
    await act(id, 'start');

    // Act
    const response = await patch(id, { round: 2 });

    // Assert
    expect(response.status).toBe(409);
    expect(response.body.currentStatus).toBe('in_progress');
  });

  it("refuses a move into a colleague's booked slot, naming the conflict", async () => {
    // Arrange
    const interviewer = await freshInterviewer();
    const busy = await scheduleInterview({ interviewerId: interviewer.id, scheduledAt: minutesFromNow(2 * 24 * 60) });
    const moving = await scheduleInterview({
      interviewerId: interviewer.id,
      scheduledAt: minutesFromNow(2 * 24 * 60 + 120),
    });

    // Act
    const response = await patch(moving.id, { scheduledAt: minutesFromNow(2 * 24 * 60 + 30) });

    // Assert
    expect(response.status).toBe(409);
    expect(response.body.conflicts).toEqual([
      expect.objectContaining({ participantId: interviewer.id, interviewId: busy.id, role: 'lead' }),
    ]);
  });

  it('is 403 for an interviewer, even one on it', async () => {
    // Arrange
    const { interview, interviewerEmails } = await staffedInterview(0);

    // Act
    const response = await call('PATCH', `${INTERVIEWS}/${interview.id}`, {
      token: await tokenFor(interviewerEmails[0] as string),
      body: { round: 2 },
    });

    // Assert
    expect(response.status).toBe(403);
  });
});
