import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { completeRequisition, createRequisition, HOME, OTHER } from '../../support/fixtures.ts';

const BASE = '/api/v1/recruiter/requisitions';
const recruiter = () => tokenFor(HOME.recruiter);

describe('requisition workflow over HTTP', () => {
  it('creates a draft, answers with Location and ETag, and reads it back', async () => {
    const created = await call('POST', BASE, { token: await recruiter(), body: completeRequisition });

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', isActive: true, version: 1, positionsFilled: 0 });
    expect(created.body.id).toMatch(/^req_[0-9A-Z]{26}$/);
    expect(created.headers.get('location')).toBe(`${BASE}/${created.body.id}`);
    expect(created.headers.get('etag')).toBe('"1"');
    const read = await call('GET', `${BASE}/${created.body.id}`, { token: await recruiter() });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    expect(read.headers.get('etag')).toBe('"1"');
  });

  it('never shows key attributes or the tenant in a response', async () => {
    const { id } = await createRequisition();

    const read = await call('GET', `${BASE}/${id}`, { token: await recruiter() });
    const list = await call('GET', `${BASE}?limit=5`, { token: await recruiter() });

    for (const body of [read.body, ...list.body.items]) {
      expect(
        Object.keys(body).filter((key) => /^(pk|sk|gsi\d+(pk|sk)|tenantId|requisitionId|__edb_\w+)$/.test(key)),
      ).toEqual([]);
    }
  });

  it('moves through publish, pause, resume and fill, stamping the dates', async () => {
    const { id } = await createRequisition();
    const token = await recruiter();

    const published = await call('POST', `${BASE}/${id}/publish`, { token });
    const paused = await call('POST', `${BASE}/${id}/pause`, { token });
    const resumed = await call('POST', `${BASE}/${id}/resume`, { token });
    const filled = await call('POST', `${BASE}/${id}/fill`, { token, body: { reason: 'Hired three' } });

    expect([published.status, paused.status, resumed.status, filled.status]).toEqual([200, 200, 200, 200]);
    expect(published.body.publishedAt).toEqual(expect.any(String));
    expect(resumed.body.publishedAt).toBe(published.body.publishedAt);
    expect(filled.body).toMatchObject({
      status: 'filled',
      isActive: false,
      positionsFilled: 3,
      closeReason: 'Hired three',
      version: 5,
    });
    expect(filled.body.closedAt).toEqual(expect.any(String));
  });

  it('refuses an illegal transition with 409 naming the allowed next states', async () => {
    const { id } = await createRequisition();

    const response = await call('POST', `${BASE}/${id}/pause`, { token: await recruiter() });

    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body).toMatchObject({
      code: 'illegal_transition',
      currentStatus: 'draft',
      allowedNextStatuses: ['open', 'cancelled'],
      allowedActions: ['publish', 'cancel'],
    });
  });

  it('refuses to publish an incomplete draft and names what is missing', async () => {
    const { id } = await createRequisition(HOME.recruiter, { title: 'Half written' });

    const response = await call('POST', `${BASE}/${id}/publish`, { token: await recruiter() });

    expect(response.status).toBe(409);
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(
      ['description', 'employmentType', 'experienceLevel', 'location', 'remotePolicy'].sort(),
    );
  });

  it('honours If-Match: a stale version is 412 and nothing changes', async () => {
    const { id } = await createRequisition();
    const token = await recruiter();
    await call('PATCH', `${BASE}/${id}`, { token, body: { department: 'Platform' }, headers: { 'if-match': '"1"' } });

    const stale = await call('PATCH', `${BASE}/${id}`, {
      token,
      body: { department: 'Stale' },
      headers: { 'if-match': '"1"' },
    });

    expect(stale.status).toBe(412);
    const read = await call('GET', `${BASE}/${id}`, { token });
    expect(read.body).toMatchObject({ department: 'Platform', version: 2 });
  });

  it('clears an optional field with null and keeps the hiring-manager index in step', async () => {
    const { id } = await createRequisition(HOME.recruiter, { ...completeRequisition, hiringManagerId: 'usr_hm_1' });
    const token = await recruiter();

    const patched = await call('PATCH', `${BASE}/${id}`, { token, body: { hiringManagerId: null, salary: null } });

    expect(patched.status).toBe(200);
    expect(patched.body.hiringManagerId).toBeUndefined();
    expect(patched.body.salary).toBeUndefined();
    const byManager = await call('GET', `${BASE}?hiringManagerId=usr_hm_1`, { token });
    expect(byManager.body.items.map((item: { id: string }) => item.id)).not.toContain(id);
  });

  it('freezes pay and skills once closed', async () => {
    const { id } = await createRequisition();
    const token = await recruiter();
    await call('POST', `${BASE}/${id}/publish`, { token });
    await call('POST', `${BASE}/${id}/close`, { token, body: { reason: 'Budget cut' } });

    const response = await call('PATCH', `${BASE}/${id}`, {
      token,
      body: { salary: { min: 1, max: 2, currency: 'EUR', period: 'yearly' }, department: 'Moved' },
    });

    expect(response.status).toBe(409);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'salary', code: 'frozen' })]);
    const read = await call('GET', `${BASE}/${id}`, { token });
    expect(read.body).toMatchObject({ department: 'Engineering', closeReason: 'Budget cut' });
  });

  it('rejects positionsFilled above positionsAvailable with the field named', async () => {
    const { id } = await createRequisition();

    const response = await call('PATCH', `${BASE}/${id}`, { token: await recruiter(), body: { positionsFilled: 4 } });

    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({ field: 'positionsFilled', code: 'exceeds_positions_available' });
  });

  it('lets an interviewer read open requisitions only', async () => {
    const draft = await createRequisition();
    const open = await createRequisition();
    await call('POST', `${BASE}/${open.id}/publish`, { token: await recruiter() });
    const interviewer = await tokenFor(HOME.interviewer);

    const draftRead = await call('GET', `${BASE}/${draft.id}`, { token: interviewer });
    const openRead = await call('GET', `${BASE}/${open.id}`, { token: interviewer });
    const list = await call('GET', `${BASE}?status=draft&limit=100`, { token: interviewer });

    expect(draftRead.status).toBe(404);
    expect(openRead.status).toBe(200);
    expect(list.status).toBe(200);
    expect(list.body.items.every((item: { status: string }) => item.status === 'open')).toBe(true);
  });

  it("never lists another tenant's requisitions", async () => {
    const { id } = await createRequisition();

    const list = await call('GET', `${BASE}?limit=100`, { token: await tokenFor(OTHER.recruiter) });

    expect(list.status).toBe(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).not.toContain(id);
  });
});

describe('requisition lists', () => {
  it('pages newest first with an opaque cursor and filters by status and mine', async () => {
    const token = await tokenFor(HOME.admin);
    const ids: string[] = [];
    for (let index = 0; index < 3; index++) ids.push((await createRequisition(HOME.admin)).id);

    const first = await call('GET', `${BASE}?mine=true&status=draft&limit=2`, { token });
    const second = await call('GET', `${BASE}?mine=true&status=draft&limit=2&cursor=${first.body.nextCursor}`, {
      token,
    });

    expect(first.status).toBe(200);
    expect(first.body.items.map((item: { id: string }) => item.id)).toEqual([ids[2], ids[1]]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect(second.body.items.map((item: { id: string }) => item.id)).toContain(ids[0]);
  });

  it('rejects a tampered cursor with 400 naming the cursor', async () => {
    const token = await recruiter();
    const page = await call('GET', `${BASE}?limit=1`, { token });
    const tampered = Buffer.from(JSON.stringify({ pk: 'x', sk: 'y', gsi1pk: 'nope', gsi1sk: 'z' })).toString(
      'base64url',
    );

    const garbage = await call('GET', `${BASE}?limit=1&cursor=%%%not-base64`, { token });
    const forged = await call('GET', `${BASE}?limit=1&cursor=${tampered}`, { token });

    expect(page.body.nextCursor).toEqual(expect.any(String));
    for (const response of [garbage, forged]) {
      expect(response.status).toBe(400);
      expect(response.body.errors[0].field).toBe('cursor');
    }
  });

  it("refuses another tenant's cursor instead of paging into their data", async () => {
    await createRequisition();
    await createRequisition();
    const home = await call('GET', `${BASE}?limit=1`, { token: await recruiter() });

    const other = await call('GET', `${BASE}?limit=1&cursor=${home.body.nextCursor}`, {
      token: await tokenFor(OTHER.recruiter),
    });

    expect(other.status).toBe(400);
  });

  it('rejects unknown filters and out-of-range limits', async () => {
    const token = await recruiter();

    const unknown = await call('GET', `${BASE}?tenantId=tnt_acme`, { token });
    const tooMany = await call('GET', `${BASE}?limit=101`, { token });

    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toMatchObject({ field: 'tenantId', code: 'unknown_field' });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0].field).toBe('limit');
  });
});
