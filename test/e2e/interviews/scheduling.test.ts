import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { createApplication, openRequisition } from '../../support/fixtures/applications.ts';
import { createCandidate } from '../../support/fixtures/candidates.ts';
import {
  bookable,
  freshInterviewer,
  INTERVIEWS,
  interviewBody,
  minutesFromNow,
  scheduleInterview,
} from '../../support/fixtures/interviews.ts';
import { HOME, OTHER } from '../../support/users.ts';

const recruiter = () => tokenFor(HOME.recruiter);
const post = async (body: object, email = HOME.recruiter) =>
  call('POST', INTERVIEWS, { token: await tokenFor(email), body });
const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((error) => error.field);

describe('scheduling an interview over HTTP', () => {
  it('answers 201 with Location and ETag, and reads back the same interview', async () => {
    // Arrange
    const body = await interviewBody({
      scheduledAt: minutesFromNow(2 * 24 * 60),
      preparationNotes: 'Focus on system design',
      questionGuide: { questions: ['Design a rate limiter'] },
      round: 2,
    });

    // Act
    const created = await post(body);
    const read = await call('GET', `${INTERVIEWS}/${created.body.id}`, { token: await recruiter() });

    // Assert
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^int_[0-9A-Z]{26}$/);
    expect(created.headers.get('location')).toBe(`${INTERVIEWS}/${created.body.id}`);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body).toMatchObject({
      status: 'scheduled',
      version: 1,
      sequence: 0,
      scheduledAt: body.scheduledAt,
      endsAt: new Date(Date.parse(body.scheduledAt) + 60 * 60_000).toISOString(),
      timeZone: 'Europe/Lisbon',
      candidateTimeZone: 'America/New_York',
      round: 2,
      requisitionTitle: 'Platform Engineer',
      allowedNextStatuses: ['in_progress', 'cancelled', 'no_show'],
      allowedActions: ['update', 'cancel'],
    });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    expect(Object.keys(read.body).filter((key) => /^(pk|sk|gsi\d(pk|sk)|tenantId|reminderShard)$/.test(key))).toEqual(
      [],
    );
  });

  it("stores a start given with an offset as UTC and fills in the tenant's and organiser's defaults", async () => {
    // Arrange
    const [settings, me] = await Promise.all([
      call('GET', '/api/v1/admin/settings', { token: await tokenFor(HOME.admin) }),
      call('GET', '/api/v1/me', { token: await recruiter() }),
    ]);
    const {
      durationMinutes: _,
      timeZone: __,
      candidateTimeZone: ___,
      ...body
    } = await interviewBody({
      scheduledAt: `${minutesFromNow(3 * 24 * 60).slice(0, 10)}T10:00:00+02:00`,
    });

    // Act
    const created = await post(body);

    // Assert
    expect(created.status).toBe(201);
    expect(created.body.scheduledAt).toBe(`${body.scheduledAt.slice(0, 10)}T08:00:00.000Z`);
    expect(created.body).toMatchObject({
      durationMinutes: settings.body.interviewDefaults.durationMinutes,
      timeZone: me.body.timezone,
      candidateTimeZone: me.body.timezone,
      round: 1,
    });
  });

  it.each([
    ['a start in the past', { scheduledAt: minutesFromNow(-10) }, ['scheduledAt']],
    ['a start beyond the horizon', { scheduledAt: minutesFromNow(400 * 24 * 60) }, ['scheduledAt']],
    ['a video interview without a link', { meetingLink: undefined }, ['meetingLink']],
    ['an onsite interview without a location', { interviewMode: 'onsite' }, ['location']],
    ['an unknown field', { status: 'completed' }, ['status']],
  ])('refuses %s with 400 naming the field', async (_, overrides, fields) => {
    // Act
    const response = await post(await interviewBody(overrides));

    // Assert
    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toEqual(fields);
  });

  it('refuses a candidate or requisition that is not the application’s, naming each', async () => {
    // Arrange
    const [mine, theirs] = await Promise.all([bookable(), bookable()]);

    // Act
    const response = await post(
      await interviewBody({ ...mine, candidateId: theirs.candidateId, requisitionId: theirs.requisitionId }),
    );

    // Assert
    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toEqual(['candidateId', 'requisitionId']);
  });

  it('refuses interviewers who are not active interviewers of the tenant, naming their seats', async () => {
    // Arrange
    const colleague = await freshInterviewer();
    const me = await call('GET', '/api/v1/me', { token: await tokenFor(OTHER.interviewer) });

    // Act
    const notOurs = await post(await interviewBody({ interviewerId: me.body.id }));
    const leadOnPanel = await post(
      await interviewBody({ interviewerId: colleague.id, additionalInterviewers: [colleague.id] }),
    );
    const unknownPanel = await post(
      await interviewBody({ additionalInterviewers: [colleague.id, 'usr_01JDEM0000000000000000000Z'] }),
    );

    // Assert
    expect([notOurs.status, leadOnPanel.status, unknownPanel.status]).toEqual([400, 400, 400]);
    expect(fieldsOf(notOurs.body)).toEqual(['interviewerId']);
    expect(fieldsOf(leadOnPanel.body)).toEqual(['additionalInterviewers.0']);
    expect(fieldsOf(unknownPanel.body)).toEqual(['additionalInterviewers.1']);
  });

  it("answers 404 for an application that is not the tenant's, and 409 for a withdrawn one", async () => {
    // Arrange
    const theirs = await createApplication(
      {
        candidateId: (await createCandidate(undefined, OTHER.recruiter)).id,
        requisitionId: await openRequisition({}, OTHER.recruiter),
      },
      OTHER.recruiter,
    );
    const withdrawn = await createApplication();
    await call('POST', `/api/v1/recruiter/applications/${withdrawn.id}/stage`, {
      token: await recruiter(),
      body: { stage: 'withdrawn', reason: 'Took another offer' },
    });

    // Act
    const other = await post(
      await interviewBody({
        candidateId: theirs.candidateId,
        applicationId: theirs.id,
        requisitionId: theirs.requisitionId,
      }),
    );
    const closed = await post(
      await interviewBody({
        candidateId: withdrawn.candidateId,
        applicationId: withdrawn.id,
        requisitionId: withdrawn.requisitionId,
      }),
    );

    // Assert
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.body)).not.toContain(theirs.candidateId);
    expect(closed.status).toBe(409);
    expect(closed.body.detail).toContain('withdrawn');
  });

  it('is 403 for an interviewer', async () => {
    // Act
    const response = await post(await interviewBody(), HOME.interviewer);

    // Assert
    expect(response.status).toBe(403);
  });
});

describe('reading interviews over HTTP', () => {
  it('shows an interview to its interviewers and schedulers, and is 404 to anyone else', async () => {
    // Arrange
    const [lead, panel, stranger] = await Promise.all([freshInterviewer(), freshInterviewer(), freshInterviewer()]);
    const { id } = await scheduleInterview({ interviewerId: lead.id, additionalInterviewers: [panel.id] });
    const read = async (email: string) => call('GET', `${INTERVIEWS}/${id}`, { token: await tokenFor(email) });

    // Act
    const [asLead, asPanel, asAdmin, asStranger, asOtherTenant] = await Promise.all([
      read(lead.email),
      read(panel.email),
      read(HOME.admin),
      read(stranger.email),
      read(OTHER.recruiter),
    ]);

    // Assert
    expect([asLead.status, asPanel.status, asAdmin.status]).toEqual([200, 200, 200]);
    expect(asPanel.body.allowedActions).toEqual(['start', 'no_show']);
    expect(asAdmin.body.allowedActions).toEqual(['update', 'start', 'cancel', 'no_show']);
    expect([asStranger.status, asOtherTenant.status]).toEqual([404, 404]);
    expect(JSON.stringify([asStranger.body, asOtherTenant.body])).not.toContain(lead.id);
  });

  it("lists an interviewer's own interviews, soonest first, with their seat", async () => {
    // Arrange
    const [me, colleague] = await Promise.all([freshInterviewer(), freshInterviewer()]);
    const later = await scheduleInterview({
      interviewerId: colleague.id,
      additionalInterviewers: [me.id],
      scheduledAt: minutesFromNow(3 * 24 * 60),
    });
    const sooner = await scheduleInterview({ interviewerId: me.id, scheduledAt: minutesFromNow(2 * 24 * 60) });
    await scheduleInterview({ interviewerId: colleague.id, scheduledAt: minutesFromNow(4 * 24 * 60) });
    const token = await tokenFor(me.email);

    // Act
    const upcoming = await call('GET', INTERVIEWS, { token });
    const past = await call('GET', `${INTERVIEWS}?when=past`, { token });
    const scheduled = await call('GET', `${INTERVIEWS}?status=scheduled&limit=1`, { token });

    // Assert
    expect(upcoming.status).toBe(200);
    expect(upcoming.body.items.map((item: { id: string; role: string }) => [item.id, item.role])).toEqual([
      [sooner.id, 'lead'],
      [later.id, 'panel'],
    ]);
    expect(upcoming.body.items[0]).toMatchObject({ requisitionTitle: 'Platform Engineer', durationMinutes: 60 });
    expect(past.body).toEqual({ items: [], nextCursor: null });
    expect(scheduled.body.items.map((item: { id: string }) => item.id)).toEqual([sooner.id]);
    const rest = await call('GET', `${INTERVIEWS}?status=scheduled&limit=1&cursor=${scheduled.body.nextCursor}`, {
      token,
    });
    expect(rest.body.items.map((item: { id: string }) => item.id)).toEqual([later.id]);
  });

  it("lists an application's interviews for recruiters, and refuses that list to interviewers", async () => {
    // Arrange
    const application = await bookable();
    const first = await scheduleInterview({ ...application, scheduledAt: minutesFromNow(2 * 24 * 60) });
    const second = await scheduleInterview({ ...application, scheduledAt: minutesFromNow(3 * 24 * 60), round: 2 });
    const query = `applicationId=${application.applicationId}`;

    // Act
    const asRecruiter = await call('GET', `${INTERVIEWS}?${query}`, { token: await recruiter() });
    const byCandidate = await call('GET', `${INTERVIEWS}?candidateId=${application.candidateId}`, {
      token: await recruiter(),
    });
    const asInterviewer = await call('GET', `${INTERVIEWS}?${query}`, { token: await tokenFor(HOME.interviewer) });
    const twoScopes = await call('GET', `${INTERVIEWS}?${query}&candidateId=${application.candidateId}`, {
      token: await recruiter(),
    });

    // Assert
    expect(asRecruiter.body.items.map((item: { id: string }) => item.id)).toEqual([first.id, second.id]);
    expect(byCandidate.body.items.map((item: { id: string }) => item.id)).toEqual([first.id, second.id]);
    expect(asInterviewer.status).toBe(403);
    expect(twoScopes.status).toBe(400);
  });

  it('refuses a cursor of another list with a 400', async () => {
    // Arrange
    const me = await freshInterviewer();
    await Promise.all(
      [1, 2].map((days) =>
        scheduleInterview({ interviewerId: me.id, scheduledAt: minutesFromNow(days * 24 * 60 + 7) }),
      ),
    );
    const token = await tokenFor(me.email);
    const page = await call('GET', `${INTERVIEWS}?limit=1`, { token });

    // Act
    const misused = await call('GET', `${INTERVIEWS}?limit=1&status=scheduled&cursor=${page.body.nextCursor}`, {
      token,
    });

    // Assert
    expect(page.body.nextCursor).toEqual(expect.any(String));
    expect(misused.status).toBe(400);
    expect(fieldsOf(misused.body)).toEqual(['cursor']);
  });
});
