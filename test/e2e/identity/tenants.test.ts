import { PLAN_LIMITS } from '@assist-ten/core/identity/tenant.model';
import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { createTenant, tenantBody } from '../../support/fixtures/identity.ts';
import { HOME, SUPERADMIN, unique } from '../../support/users.ts';
import { whoIs } from '../../support/whoami.ts';

const TENANTS = '/api/v1/superadmin/tenants';
const superadmin = () => tokenFor(SUPERADMIN);

interface TenantView {
  id: string;
  slug: string;
  status: string;
}

/** Every tenant, all pages: other test files create tenants at the same time. */
const allTenants = async (query = ''): Promise<TenantView[]> => {
  const items: TenantView[] = [];
  let cursor: string | undefined;
  do {
    const params = new URLSearchParams(query);
    params.set('limit', '100');
    if (cursor) params.set('cursor', cursor);
    const page = await call('GET', `${TENANTS}?${params}`, { token: await superadmin() });
    if (page.status !== 200) throw new Error(`list tenants -> ${page.status} ${JSON.stringify(page.body)}`);
    items.push(...page.body.items);
    cursor = page.body.nextCursor ?? undefined;
  } while (cursor);
  return items;
};

const signInStatus = async (email: string) => (await call('POST', '/_local/login', { body: { email } })).status;

const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((error) => error.field);

describe('tenants over HTTP', () => {
  it('creates a tenant with its plan limits, usage and first admin, with Location and ETag', async () => {
    const body = tenantBody();

    const created = await call('POST', TENANTS, { token: await superadmin(), body });

    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^tnt_[0-9A-Z]{26}$/);
    expect(created.headers.get('location')).toBe(`${TENANTS}/${created.body.id}`);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body).toMatchObject({
      name: body.name,
      slug: body.slug,
      status: 'active',
      plan: 'starter',
      version: 1,
      limits: PLAN_LIMITS.starter,
      usage: { users: 1, admins: 1, activeRequisitions: 0 },
      contact: body.contact,
      firstAdmin: { email: body.admin.email, name: body.admin.name },
    });
    expect(created.body.firstAdmin.id).toMatch(/^usr_[0-9A-Z]{26}$/);
    const read = await call('GET', `${TENANTS}/${created.body.id}`, { token: await superadmin() });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: created.body.id, usage: { users: 1, admins: 1, activeRequisitions: 0 } });
  });

  it('lets the first admin sign in and see the new tenant and the admin role in /me', async () => {
    const body = tenantBody();
    const tenant = await createTenant(body);

    const login = await call('POST', '/_local/login', { body: { email: body.admin.email } });
    const me = await call('GET', '/api/v1/me', { token: login.body.token });

    expect(login.status).toBe(200);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      id: tenant.firstAdmin.id,
      email: body.admin.email,
      name: body.admin.name,
      roles: ['admin'],
      status: 'active',
      tenant: { id: tenant.id, name: body.name, slug: body.slug, plan: 'starter' },
    });
  });

  it('refuses a duplicate slug with 409 naming slug, and creates nothing', async () => {
    const first = tenantBody();
    await createTenant(first);
    const second = { ...tenantBody(), slug: first.slug };

    const response = await call('POST', TENANTS, { token: await superadmin(), body: second });

    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(fieldsOf(response.body)).toEqual(['slug']);
    expect(await signInStatus(second.admin.email)).toBe(404);
    expect((await allTenants()).filter((tenant) => tenant.slug === first.slug)).toHaveLength(1);
  });

  it('refuses a first admin already registered on the platform, and leaves nothing behind', async () => {
    const body = { ...tenantBody(), admin: { email: HOME.admin, name: 'Taken Already' } };

    const refused = await call('POST', TENANTS, { token: await superadmin(), body });
    const retried = await call('POST', TENANTS, {
      token: await superadmin(),
      body: { ...body, admin: { email: `admin@${unique('retry')}.test`, name: 'Fresh Admin' } },
    });

    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('identity_exists');
    expect(retried.status).toBe(201);
    expect(retried.body.slug).toBe(body.slug);
    // The seeded admin keeps its own account and tenant.
    const me = await call('GET', '/api/v1/me', { token: await tokenFor(HOME.admin) });
    expect(me.body.tenant.id).not.toBe(retried.body.id);
  });

  it('lists tenants newest first and filters by status', async () => {
    const older = await createTenant();
    const newer = await createTenant();
    const suspended = await createTenant();
    await call('POST', `${TENANTS}/${suspended.id}/suspend`, {
      token: await superadmin(),
      body: { reason: 'Listing test' },
    });

    const all = (await allTenants()).map((tenant) => tenant.id);
    const onlySuspended = await allTenants('status=suspended');

    expect(all.indexOf(newer.id)).toBeGreaterThanOrEqual(0);
    expect(all.indexOf(newer.id)).toBeLessThan(all.indexOf(older.id));
    expect(onlySuspended.map((tenant) => tenant.id)).toContain(suspended.id);
    expect(onlySuspended.map((tenant) => tenant.id)).not.toContain(newer.id);
    expect(onlySuspended.every((tenant) => tenant.status === 'suspended')).toBe(true);
  });

  it("changes the plan and with it the tenant's limits", async () => {
    const { id } = await createTenant();

    const patched = await call('PATCH', `${TENANTS}/${id}`, {
      token: await superadmin(),
      body: { plan: 'growth' },
      headers: { 'if-match': '"1"' },
    });

    expect(patched.status).toBe(200);
    expect(patched.headers.get('etag')).toBe('"2"');
    expect(patched.body).toMatchObject({ plan: 'growth', limits: PLAN_LIMITS.growth, version: 2 });
  });

  it('refuses a stale If-Match with 412 and changes nothing', async () => {
    const { id } = await createTenant();
    const token = await superadmin();
    await call('PATCH', `${TENANTS}/${id}`, { token, body: { name: 'Renamed once' }, headers: { 'if-match': '"1"' } });

    const stale = await call('PATCH', `${TENANTS}/${id}`, {
      token,
      body: { name: 'Renamed from a stale read' },
      headers: { 'if-match': '"1"' },
    });

    expect(stale.status).toBe(412);
    const read = await call('GET', `${TENANTS}/${id}`, { token });
    expect(read.body).toMatchObject({ name: 'Renamed once', version: 2 });
  });

  it("refuses a suspended tenant's admin on every route at once, with a token from before, until reactivated", async () => {
    const body = tenantBody();
    const { id } = await createTenant(body);
    const adminToken = (await call('POST', '/_local/login', { body: { email: body.admin.email } })).body.token;
    expect((await call('GET', '/api/v1/me', { token: adminToken })).status).toBe(200);

    const suspended = await call('POST', `${TENANTS}/${id}/suspend`, {
      token: await superadmin(),
      body: { reason: 'Unpaid invoices' },
    });
    const meWhileSuspended = await call('GET', '/api/v1/me', { token: adminToken });
    const usersWhileSuspended = await call('GET', '/api/v1/admin/users', { token: adminToken });
    const reactivated = await call('POST', `${TENANTS}/${id}/reactivate`, { token: await superadmin() });
    const meAfter = await call('GET', '/api/v1/me', { token: adminToken });

    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ status: 'suspended', suspendedReason: 'Unpaid invoices' });
    expect(suspended.body.suspendedAt).toEqual(expect.any(String));
    expect(meWhileSuspended.status).toBe(403);
    expect(meWhileSuspended.body.reason).toBe('tenant_suspended');
    expect(usersWhileSuspended.status).toBe(403);
    expect(reactivated.status).toBe(200);
    expect(reactivated.body.status).toBe('active');
    expect(reactivated.body.suspendedAt).toBeUndefined();
    expect(reactivated.body.suspendedReason).toBeUndefined();
    expect(meAfter.status).toBe(200);
  });

  it('refuses to suspend a suspended tenant with 409 naming the allowed next statuses', async () => {
    const { id } = await createTenant();
    const token = await superadmin();
    await call('POST', `${TENANTS}/${id}/suspend`, { token, body: { reason: 'First' } });

    const again = await call('POST', `${TENANTS}/${id}/suspend`, { token, body: { reason: 'Second' } });

    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'illegal_transition',
      currentStatus: 'suspended',
      allowedNextStatuses: ['active'],
    });
  });

  it("refuses to suspend the platform tenant, the superadmin's own", async () => {
    const { tenantId } = await whoIs(SUPERADMIN);

    const response = await call('POST', `${TENANTS}/${tenantId}/suspend`, {
      token: await superadmin(),
      body: { reason: 'Locking ourselves out' },
    });

    expect(response.status).toBe(409);
    const read = await call('GET', `${TENANTS}/${tenantId}`, { token: await superadmin() });
    expect(read.body.status).toBe('active');
    expect((await call('GET', '/api/v1/me', { token: await superadmin() })).status).toBe(200);
  });

  it.each([
    ['a malformed slug', { slug: 'A!' }, 'slug'],
    ['an unknown field', { colour: 'blue' }, 'colour'],
    ['no first admin', { admin: undefined }, 'admin'],
  ])('refuses %s with 400 naming the field', async (_, change, field) => {
    const body = { ...tenantBody(), ...change };

    const response = await call('POST', TENANTS, { token: await superadmin(), body });

    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toContain(field);
  });

  it('refuses a recruiter with 403', async () => {
    const token = await tokenFor(HOME.recruiter);

    const created = await call('POST', TENANTS, { token, body: tenantBody() });
    const listed = await call('GET', TENANTS, { token });

    expect(created.status).toBe(403);
    expect(listed.status).toBe(403);
  });
});
