import { AuditLogEntity } from '@assist-ten/core/platform/audit-log.entity';
import { describe, expect, it } from 'vitest';
import { type ApiResponse, call, tokenFor } from '../../support/api.ts';
import { createIncident, incidentBody } from '../../support/fixtures/incidents.ts';
import { HOME, OTHER, SUPERADMIN } from '../../support/fixtures.ts';

const BASE = '/api/v1/superadmin/incidents';
const superadmin = () => tokenFor(SUPERADMIN);

const tenantOf = async (email: string): Promise<string> => {
  const me = await call('GET', '/api/v1/me', { token: await tokenFor(email) });
  expect(me.status).toBe(200);
  return me.body.tenant.id;
};

const auditActionsOf = async (incidentId: string): Promise<string[]> => {
  const tenantId = await tenantOf(SUPERADMIN);
  const { data } = await AuditLogEntity.query
    .byEntity({ tenantId, entityType: 'incident', entityId: incidentId })
    .go({ order: 'asc' });
  return data.map((entry) => entry.action);
};

const statusIds = async (email: string): Promise<string[]> => {
  const response = await call('GET', '/api/v1/status', { token: await tokenFor(email) });
  expect(response.status).toBe(200);
  return response.body.incidents.map((incident: { id: string }) => incident.id);
};

describe('system incidents over HTTP', () => {
  it('declares an open incident with Location, ETag and its first timeline entry, audited', async () => {
    const created = await call('POST', BASE, { token: await superadmin(), body: incidentBody({ severity: 'sev1' }) });

    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^inc_[0-9A-Z]{26}$/);
    expect(created.body).toMatchObject({ status: 'open', severity: 'sev1', affectedTenants: 'all', version: 1 });
    expect(created.body.timeline).toEqual([
      { at: expect.any(String), status: 'open', message: expect.any(String), by: expect.stringMatching(/^usr_/) },
    ]);
    expect(created.body.startedAt).toEqual(expect.any(String));
    expect(created.body.resolvedAt).toBeUndefined();
    expect(created.headers.get('location')).toBe(`${BASE}/${created.body.id}`);
    expect(created.headers.get('etag')).toBe('"1"');
    const read = await call('GET', `${BASE}/${created.body.id}`, { token: await superadmin() });
    expect(read.body).toEqual(created.body);
    expect(await auditActionsOf(created.body.id)).toEqual(['incident.created']);
  });

  it('replays a repeated Idempotency-Key instead of declaring the incident twice', async () => {
    const token = await superadmin();
    const headers = { 'idempotency-key': `incident-${Date.now()}-${Math.random()}` };

    const first = await call('POST', BASE, { token, body: incidentBody(), headers });
    const again = await call('POST', BASE, { token, body: incidentBody(), headers });

    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('moves the status with an update, appending to the timeline and auditing the move', async () => {
    const { id } = await createIncident();
    const token = await superadmin();

    const investigating = await call('PATCH', `${BASE}/${id}`, {
      token,
      body: { status: 'investigating', update: 'The database is slow.' },
      headers: { 'if-match': '"1"' },
    });
    const renamed = await call('PATCH', `${BASE}/${id}`, { token, body: { title: 'Database slowdown' } });
    const resolved = await call('PATCH', `${BASE}/${id}`, { token, body: { status: 'resolved' } });

    expect([investigating.status, renamed.status, resolved.status]).toEqual([200, 200, 200]);
    expect(investigating.body.timeline.at(-1)).toMatchObject({
      status: 'investigating',
      message: 'The database is slow.',
    });
    expect(renamed.body.timeline).toHaveLength(2);
    expect(resolved.body).toMatchObject({ status: 'resolved', title: 'Database slowdown', version: 4 });
    expect(resolved.body.resolvedAt).toEqual(expect.any(String));
    expect(resolved.body.timeline.map((entry: { status?: string }) => entry.status)).toEqual([
      'open',
      'investigating',
      'resolved',
    ]);
    expect(resolved.headers.get('etag')).toBe('"4"');
    expect(await auditActionsOf(id)).toEqual([
      'incident.created',
      'incident.investigating',
      'incident.updated',
      'incident.resolved',
    ]);
  });

  it('refuses an illegal move with 409 naming the allowed next statuses, and resolved as final', async () => {
    const { id } = await createIncident();
    const token = await superadmin();

    const skipping = await call('PATCH', `${BASE}/${id}`, { token, body: { status: 'mitigated' } });
    await call('PATCH', `${BASE}/${id}`, { token, body: { status: 'resolved', update: 'False alarm.' } });
    const reopening = await call('PATCH', `${BASE}/${id}`, { token, body: { status: 'open' } });

    expect(skipping.status).toBe(409);
    expect(skipping.headers.get('content-type')).toBe('application/problem+json');
    expect(skipping.body).toMatchObject({
      code: 'illegal_transition',
      currentStatus: 'open',
      allowedNextStatuses: ['investigating', 'resolved'],
    });
    expect(reopening.status).toBe(409);
    expect(reopening.body).toMatchObject({ currentStatus: 'resolved', allowedNextStatuses: [] });
    const read = await call('GET', `${BASE}/${id}`, { token });
    expect(read.body).toMatchObject({ status: 'resolved', version: 2 });
  });

  it('honours If-Match: a stale version is 412 and nothing changes', async () => {
    const { id } = await createIncident();
    const token = await superadmin();
    await call('PATCH', `${BASE}/${id}`, { token, body: { severity: 'sev3' }, headers: { 'if-match': '"1"' } });

    const stale = await call('PATCH', `${BASE}/${id}`, {
      token,
      body: { severity: 'sev1', status: 'investigating' },
      headers: { 'if-match': '"1"' },
    });

    expect(stale.status).toBe(412);
    const read = await call('GET', `${BASE}/${id}`, { token });
    expect(read.body).toMatchObject({ severity: 'sev3', status: 'open', version: 2 });
    expect(read.body.timeline).toHaveLength(1);
  });

  it('rejects a bad body with 400 naming the field', async () => {
    const token = await superadmin();
    const { id } = await createIncident();

    const badTenant = await call('POST', BASE, { token, body: incidentBody({ affectedTenants: ['tnt_ok', 'usr_x'] }) });
    const badSeverity = await call('PATCH', `${BASE}/${id}`, { token, body: { severity: 'sev9' } });
    const future = await call('POST', BASE, { token, body: incidentBody({ startedAt: '2999-01-01T00:00:00Z' }) });
    const timeline = await call('PATCH', `${BASE}/${id}`, { token, body: { timeline: [] } });

    expect(badTenant.status).toBe(400);
    expect(badTenant.body.errors[0].field).toBe('affectedTenants.1');
    expect(badSeverity.status).toBe(400);
    expect(badSeverity.body.errors[0].field).toBe('severity');
    expect(future.status).toBe(400);
    expect(future.body.errors[0]).toMatchObject({ field: 'startedAt', code: 'in_future' });
    expect(timeline.status).toBe(400);
    expect(timeline.body.errors[0]).toMatchObject({ field: 'timeline', code: 'unknown_field' });
  });

  it('is 404 for an incident that does not exist', async () => {
    const response = await call('GET', `${BASE}/inc_01JDEM0000000000000000000A`, { token: await superadmin() });

    expect(response.status).toBe(404);
  });

  it('refuses tenant staff, even admins', async () => {
    const response = await call('POST', BASE, { token: await tokenFor(HOME.admin), body: incidentBody() });

    expect(response.status).toBe(403);
  });
});

describe('incident lists', () => {
  it('lists newest first, filters by status, and pages with a cursor', async () => {
    const token = await superadmin();
    const older = await createIncident();
    const newer = await createIncident();
    const mitigated = await createIncident();
    await call('PATCH', `${BASE}/${mitigated.id}`, { token, body: { status: 'investigating' } });
    await call('PATCH', `${BASE}/${mitigated.id}`, { token, body: { status: 'mitigated' } });

    // Pages of two until the oldest of ours shows up; other tests may declare incidents meanwhile.
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 50 && !seen.includes(older.id); pages++) {
      const page: ApiResponse<{ items: { id: string }[]; nextCursor: string | null }> = await call(
        'GET',
        `${BASE}?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token },
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((item) => item.id));
      cursor = page.body.nextCursor;
    }
    const open = await call('GET', `${BASE}?status=open&limit=100`, { token });
    const onlyMitigated = await call('GET', `${BASE}?status=mitigated&limit=100`, { token });

    expect(seen.indexOf(mitigated.id)).toBeGreaterThanOrEqual(0);
    expect(seen.indexOf(mitigated.id)).toBeLessThan(seen.indexOf(newer.id));
    expect(seen.indexOf(newer.id)).toBeLessThan(seen.indexOf(older.id));
    const openIds = open.body.items.map((item: { id: string }) => item.id);
    expect(openIds).toEqual(expect.arrayContaining([older.id, newer.id]));
    expect(openIds).not.toContain(mitigated.id);
    expect(openIds.indexOf(newer.id)).toBeLessThan(openIds.indexOf(older.id));
    expect(onlyMitigated.body.items.every((item: { status: string }) => item.status === 'mitigated')).toBe(true);
    expect(onlyMitigated.body.items.map((item: { id: string }) => item.id)).toContain(mitigated.id);
  });

  it("refuses another list's cursor and unknown filters", async () => {
    const token = await superadmin();
    await createIncident();
    await createIncident();
    const page = await call('GET', `${BASE}?limit=1`, { token });

    const crossed = await call('GET', `${BASE}?status=open&limit=1&cursor=${page.body.nextCursor}`, { token });
    const unknown = await call('GET', `${BASE}?severity=sev1`, { token });

    expect(crossed.status).toBe(400);
    expect(crossed.body.errors[0].field).toBe('cursor');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toMatchObject({ field: 'severity', code: 'unknown_field' });
  });
});

describe('GET /api/v1/status', () => {
  it("shows a tenant's user the incidents affecting its tenant or every tenant, and no other tenant's", async () => {
    const [home, other] = await Promise.all([tenantOf(HOME.recruiter), tenantOf(OTHER.recruiter)]);
    const homeIncident = await createIncident({ affectedTenants: [home], title: 'Home only' });
    const everyone = await createIncident({ affectedTenants: 'all', title: 'Everyone' });
    const otherIncident = await createIncident({ affectedTenants: [other], title: 'Other only' });
    const shared = await createIncident({ affectedTenants: [other, home], title: 'Shared' });

    const response = await call('GET', '/api/v1/status', { token: await tokenFor(HOME.interviewer) });

    expect(response.status).toBe(200);
    const ids = response.body.incidents.map((incident: { id: string }) => incident.id);
    expect(ids).toEqual(expect.arrayContaining([homeIncident.id, everyone.id, shared.id]));
    expect(ids).not.toContain(otherIncident.id);
    expect(ids.indexOf(shared.id)).toBeLessThan(ids.indexOf(homeIncident.id));
    const shownShared = response.body.incidents.find((incident: { id: string }) => incident.id === shared.id);
    expect(shownShared).toMatchObject({ affectsAllTenants: false, title: 'Shared', status: 'open' });
    expect(shownShared).not.toHaveProperty('affectedTenants');
    expect(JSON.stringify(response.body)).not.toContain(other);
    expect(JSON.stringify(response.body)).not.toMatch(/"by"|createdBy|usr_/);
    expect(response.body.incidents.find((incident: { id: string }) => incident.id === everyone.id)).toMatchObject({
      affectsAllTenants: true,
    });
  });

  it('shows an incident while it is being worked on and stops once it is resolved', async () => {
    const { id } = await createIncident({ affectedTenants: [await tenantOf(HOME.recruiter)] });
    const token = await superadmin();

    const whileOpen = await statusIds(HOME.recruiter);
    await call('PATCH', `${BASE}/${id}`, { token, body: { status: 'investigating' } });
    await call('PATCH', `${BASE}/${id}`, { token, body: { status: 'mitigated' } });
    const whileMitigated = await statusIds(HOME.admin);
    const resolved = await call('PATCH', `${BASE}/${id}`, { token, body: { status: 'resolved' } });
    const afterwards = await statusIds(HOME.recruiter);

    expect(whileOpen).toContain(id);
    expect(whileMitigated).toContain(id);
    expect(resolved.status).toBe(200);
    expect(afterwards).not.toContain(id);
  });

  it('follows a change of the affected tenants', async () => {
    const other = await tenantOf(OTHER.recruiter);
    const { id } = await createIncident({ affectedTenants: [other] });

    const before = await statusIds(HOME.recruiter);
    await call('PATCH', `${BASE}/${id}`, { token: await superadmin(), body: { affectedTenants: 'all' } });
    const after = await statusIds(HOME.recruiter);

    expect(before).not.toContain(id);
    expect(after).toContain(id);
  });
});
