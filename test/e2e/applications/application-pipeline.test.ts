import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { createApplication, openRequisition } from '../../support/fixtures/applications.ts';
import { createCandidate } from '../../support/fixtures/candidates.ts';
import { HOME, OTHER } from '../../support/users.ts';

const APPLICATIONS = '/api/v1/recruiter/applications';
const REQUISITIONS = '/api/v1/recruiter/requisitions';
const recruiter = () => tokenFor(HOME.recruiter);

const move = async (id: string, body: object, headers?: Record<string, string>) =>
  call('POST', `${APPLICATIONS}/${id}/stage`, { token: await recruiter(), body, ...(headers ? { headers } : {}) });

describe('application pipeline over HTTP', () => {
  it('creates an application in applied, with Location, ETag and its allowed next stages', async () => {
    // Arrange
    const candidate = await createCandidate();
    const requisitionId = await openRequisition();

    // Act
    const created = await call('POST', APPLICATIONS, {
      token: await recruiter(),
      body: { candidateId: candidate.id, requisitionId, source: 'referral' },
    });

    // Assert
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      candidateId: candidate.id,
      requisitionId,
      stage: 'applied',
      source: 'referral',
      isActive: true,
      version: 1,
      stageHistory: [{ to: 'applied' }],
    });
    expect(created.body.allowedNextStages).toContain('screening');
    expect(created.headers.get('location')).toBe(`${APPLICATIONS}/${created.body.id}`);
    expect(created.headers.get('etag')).toBe('"1"');
    const read = await call('GET', `${APPLICATIONS}/${created.body.id}`, { token: await recruiter() });
    expect(read.body).toEqual(created.body);
  });

  it('refuses a second application of the same candidate to the same requisition, naming the first', async () => {
    // Arrange
    const first = await createApplication();

    // Act
    const second = await call('POST', APPLICATIONS, {
      token: await recruiter(),
      body: { candidateId: first.candidateId, requisitionId: first.requisitionId },
    });

    // Assert
    expect(second.status).toBe(409);
    expect(second.body.existingApplicationId).toBe(first.id);
  });

  it('refuses an unknown candidate with 400 on candidateId, and a requisition that is not open with 409', async () => {
    // Arrange
    const candidate = await createCandidate();
    const draft = await call('POST', REQUISITIONS, { token: await recruiter(), body: { title: 'Still a draft' } });

    // Act
    const unknown = await call('POST', APPLICATIONS, {
      token: await recruiter(),
      body: { candidateId: 'cand_01JDEM0000000000000000000Z', requisitionId: await openRequisition() },
    });
    const closed = await call('POST', APPLICATIONS, {
      token: await recruiter(),
      body: { candidateId: candidate.id, requisitionId: draft.body.id },
    });

    // Assert
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((error: { field: string }) => error.field)).toEqual(['candidateId']);
    expect(closed.status).toBe(409);
    expect(closed.body.requisitionStatus).toBe('draft');
  });

  it('moves through every stage to hired, keeping the history and closing the application', async () => {
    // Arrange
    const application = await createApplication();
    const stages = ['screening', 'assessment', 'interview', 'offer', 'hired'];

    // Act
    const answers = [];
    for (const stage of stages) answers.push(await move(application.id, { stage, reason: `to ${stage}` }));

    // Assert
    expect(answers.map((answer) => answer.status)).toEqual(stages.map(() => 200));
    const hired = answers.at(-1)?.body;
    expect(hired).toMatchObject({ stage: 'hired', isActive: false, version: 6, allowedNextStages: [] });
    expect(hired.hiredAt).toEqual(hired.closedAt);
    expect(hired.stageHistory.map((entry: { to: string }) => entry.to)).toEqual(['applied', ...stages]);
    expect(hired.stageHistory.at(-1)).toMatchObject({ from: 'offer', to: 'hired', reason: 'to hired' });
  });

  it('rejects from screening with a reason code and a note', async () => {
    // Arrange
    const application = await createApplication();
    await move(application.id, { stage: 'screening' });

    // Act
    const rejected = await move(application.id, {
      stage: 'rejected',
      reason: 'Not enough backend experience',
      rejection: { code: 'not_qualified', note: 'Revisit in a year' },
    });

    // Assert
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({
      stage: 'rejected',
      isActive: false,
      rejectionReason: { code: 'not_qualified', note: 'Revisit in a year' },
    });
  });

  it('refuses an illegal move with 409 naming the allowed next stages', async () => {
    // Arrange
    const application = await createApplication();

    // Act
    const response = await move(application.id, { stage: 'hired' });

    // Assert
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body).toMatchObject({ code: 'illegal_transition', currentStage: 'applied' });
    expect(response.body.allowedNextStages).toEqual(application.allowedNextStages);
  });

  it('honours If-Match on a move: a stale version is a 412 and changes nothing', async () => {
    // Arrange
    const application = await createApplication();
    await move(application.id, { stage: 'screening' });

    // Act
    const stale = await move(application.id, { stage: 'assessment' }, { 'if-match': '"1"' });

    // Assert
    expect(stale.status).toBe(412);
    const read = await call('GET', `${APPLICATIONS}/${application.id}`, { token: await recruiter() });
    expect(read.body).toMatchObject({ stage: 'screening', version: 2 });
  });

  it('edits the source with If-Match, and the rejection note only of a rejected application', async () => {
    // Arrange
    const application = await createApplication();

    // Act
    const edited = await call('PATCH', `${APPLICATIONS}/${application.id}`, {
      token: await recruiter(),
      body: { source: 'career site' },
      headers: { 'if-match': '"1"' },
    });
    const note = await call('PATCH', `${APPLICATIONS}/${application.id}`, {
      token: await recruiter(),
      body: { rejectionNote: 'Too early' },
    });

    // Assert
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ source: 'career site', version: 2 });
    expect(note.status).toBe(409);
  });

  it("lists a requisition's applications by stage and a candidate's, newest first", async () => {
    // Arrange
    const requisitionId = await openRequisition();
    const first = await createApplication({ requisitionId });
    const second = await createApplication({ requisitionId });
    const third = await createApplication({ requisitionId });
    await move(second.id, { stage: 'screening' });
    const elsewhere = await createApplication({ candidateId: first.candidateId });
    const token = await recruiter();

    // Act
    const all = await call('GET', `${APPLICATIONS}?requisitionId=${requisitionId}`, { token });
    const applied = await call('GET', `${APPLICATIONS}?requisitionId=${requisitionId}&stage=applied`, { token });
    const screening = await call('GET', `${APPLICATIONS}?requisitionId=${requisitionId}&stage=screening`, { token });
    const ofCandidate = await call('GET', `${APPLICATIONS}?candidateId=${first.candidateId}`, { token });
    const paged = await call('GET', `${APPLICATIONS}?requisitionId=${requisitionId}&limit=2`, { token });
    const next = await call(
      'GET',
      `${APPLICATIONS}?requisitionId=${requisitionId}&limit=2&cursor=${paged.body.nextCursor}`,
      {
        token,
      },
    );

    // Assert
    const ids = (page: { body: { items: { id: string }[] } }) => page.body.items.map((item) => item.id);
    expect(ids(all)).toEqual([third.id, second.id, first.id]);
    expect(ids(applied)).toEqual([third.id, first.id]);
    expect(ids(screening)).toEqual([second.id]);
    expect(ids(ofCandidate)).toEqual([elsewhere.id, first.id]);
    expect([...ids(paged), ...ids(next)]).toEqual([third.id, second.id, first.id]);
  });

  it('refuses a list without a requisition or candidate filter, and a stage without a requisition', async () => {
    // Act
    const bare = await call('GET', APPLICATIONS, { token: await recruiter() });
    const stageOnly = await call('GET', `${APPLICATIONS}?candidateId=cand_01JDEM0000000000000000000Z&stage=offer`, {
      token: await recruiter(),
    });

    // Assert
    expect(bare.status).toBe(400);
    expect(stageOnly.status).toBe(400);
  });

  it("hides one tenant's applications from another: 404 by id, nothing by filter", async () => {
    // Arrange
    const application = await createApplication();
    const other = await tokenFor(OTHER.recruiter);

    // Act
    const read = await call('GET', `${APPLICATIONS}/${application.id}`, { token: other });
    const moved = await call('POST', `${APPLICATIONS}/${application.id}/stage`, {
      token: other,
      body: { stage: 'screening' },
    });
    const listed = await call('GET', `${APPLICATIONS}?requisitionId=${application.requisitionId}`, { token: other });
    const funnel = await call('GET', `${REQUISITIONS}/${application.requisitionId}/funnel`, { token: other });

    // Assert
    expect([read.status, moved.status, funnel.status]).toEqual([404, 404, 404]);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([]);
  });

  it('keeps interviewers out of the pipeline', async () => {
    // Arrange
    const application = await createApplication();

    // Act
    const read = await call('GET', `${APPLICATIONS}/${application.id}`, { token: await tokenFor(HOME.interviewer) });

    // Assert
    expect(read.status).toBe(403);
  });
});
