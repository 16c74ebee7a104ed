import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { createTenant, inviteUser, tenantBody, userBody } from '../../support/fixtures/identity.ts';
import { completeRequisition } from '../../support/fixtures.ts';
import { HOME, OTHER, SUPERADMIN, unique } from '../../support/users.ts';

const USERS = '/api/v1/admin/users';
const TENANTS = '/api/v1/superadmin/tenants';
const REQUISITIONS = '/api/v1/recruiter/requisitions';

/** A fresh token: `tokenFor` caches one per email for the whole file, which a role or status change makes stale. */
const signIn = async (email: string): Promise<string> => {
  const response = await call('POST', '/_local/login', { body: { email } });
  if (response.status !== 200) throw new Error(`login ${email} -> ${response.status}`);
  return response.body.token;
};

const signInStatus = async (email: string) => (await call('POST', '/_local/login', { body: { email } })).status;

/** The claims of an ID token, read without verifying it: the gateway verified it already. */
const claimsOf = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));

const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((error) => error.field);

/** A tenant nobody else touches, so its counts are this test's alone; its admin signed in. */
const freshTenant = async (limits?: object) => {
  const body = { ...tenantBody(), ...(limits ? { limits } : {}) };
  const tenant = await createTenant(body);
  return {
    id: tenant.id,
    adminId: tenant.firstAdmin.id,
    adminEmail: body.admin.email,
    admin: await signIn(body.admin.email),
  };
};

const usageOf = async (tenantId: string) => {
  const response = await call('GET', `${TENANTS}/${tenantId}`, { token: await tokenFor(SUPERADMIN) });
  if (response.status !== 200) throw new Error(`get tenant -> ${response.status}`);
  return response.body.usage as { users: number; admins: number; activeRequisitions: number };
};

const invite = (token: string, body: object) => call('POST', USERS, { token, body });

describe('tenant users over HTTP', () => {
  it("lets a new tenant's admin invite a recruiter and an interviewer who sign in and work", async () => {
    const tenant = await freshTenant();
    const recruiterBody = userBody(['recruiter']);
    const interviewerBody = userBody(['interviewer']);

    const recruiter = await invite(tenant.admin, recruiterBody);
    const interviewer = await invite(tenant.admin, interviewerBody);
    const recruiterToken = await signIn(recruiterBody.email);
    const interviewerToken = await signIn(interviewerBody.email);
    const created = await call('POST', REQUISITIONS, { token: recruiterToken, body: completeRequisition });
    const published = await call('POST', `${REQUISITIONS}/${created.body.id}/publish`, { token: recruiterToken });
    const listed = await call('GET', `${REQUISITIONS}?limit=100`, { token: interviewerToken });

    expect(recruiter.status).toBe(201);
    expect(recruiter.headers.get('location')).toBe(`${USERS}/${recruiter.body.id}`);
    expect(recruiter.headers.get('etag')).toBe('"1"');
    expect(recruiter.body).toMatchObject({ email: recruiterBody.email, roles: ['recruiter'], status: 'active' });
    expect(interviewer.status).toBe(201);
    expect(created.status).toBe(201);
    expect(published.status).toBe(200);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([created.body.id]);
    expect(await usageOf(tenant.id)).toEqual({ users: 3, admins: 1, activeRequisitions: 1 });
  });

  it('refuses a second user with the same email in the tenant with 409 naming email', async () => {
    const tenant = await freshTenant();
    const body = userBody();
    await invite(tenant.admin, body);

    const again = await invite(tenant.admin, { ...body, name: 'Someone Else' });

    expect(again.status).toBe(409);
    expect(fieldsOf(again.body)).toEqual(['email']);
    expect((await usageOf(tenant.id)).users).toBe(2);
  });

  it('treats emails case-insensitively', async () => {
    const tenant = await freshTenant();
    const local = unique('bob');

    const first = await invite(tenant.admin, { ...userBody(), email: `Bob-${local}@X-Corp.test` });
    const second = await invite(tenant.admin, { ...userBody(), email: `bob-${local}@x-corp.test` });

    expect(first.status).toBe(201);
    expect(first.body.email).toBe(`bob-${local}@x-corp.test`);
    expect(second.status).toBe(409);
    expect(fieldsOf(second.body)).toEqual(['email']);
  });

  it('accepts exactly one of two concurrent invites of the same new email', async () => {
    const tenant = await freshTenant();
    const body = userBody();

    const responses = await Promise.all([invite(tenant.admin, body), invite(tenant.admin, body)]);

    expect(responses.map((response) => response.status).sort()).toEqual([201, 409]);
    expect((await usageOf(tenant.id)).users).toBe(2);
    // The loser's undo must not have taken the winner's sign-in account with it.
    expect(await signInStatus(body.email)).toBe(200);
  });

  it('applies a role change to tokens issued before it, and to the groups of the next sign-in', async () => {
    const tenant = await freshTenant();
    const body = userBody(['recruiter']);
    const { id } = await inviteUser(body, tenant.adminEmail);
    const before = await signIn(body.email);
    expect(claimsOf(before)['cognito:groups']).toEqual(['recruiter']);

    const patched = await call('PATCH', `${USERS}/${id}`, {
      token: tenant.admin,
      body: { roles: ['interviewer'] },
      headers: { 'if-match': '"1"' },
    });
    const refused = await call('POST', REQUISITIONS, { token: before, body: completeRequisition });
    const after = await signIn(body.email);

    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ roles: ['interviewer'], version: 2 });
    expect(refused.status).toBe(403);
    expect(claimsOf(after)['cognito:groups']).toEqual(['interviewer']);
    const me = await call('GET', '/api/v1/me', { token: before });
    expect(me.body.roles).toEqual(['interviewer']);
  });

  it("refuses a deactivated user's existing token and sign-in, frees the seat, and lets it back on reactivation", async () => {
    const tenant = await freshTenant();
    const body = userBody(['recruiter']);
    const { id } = await inviteUser(body, tenant.adminEmail);
    const token = await signIn(body.email);
    expect((await call('GET', '/api/v1/me', { token })).status).toBe(200);

    const deactivated = await call('POST', `${USERS}/${id}/deactivate`, { token: tenant.admin });
    const refused = await call('GET', '/api/v1/me', { token });
    const loginWhileDeactivated = await signInStatus(body.email);
    const usageWhileDeactivated = await usageOf(tenant.id);
    const reactivated = await call('POST', `${USERS}/${id}/reactivate`, { token: tenant.admin });

    expect(deactivated.status).toBe(200);
    expect(deactivated.body.status).toBe('deactivated');
    expect(deactivated.body.deactivatedAt).toEqual(expect.any(String));
    expect(refused.status).toBe(401);
    expect(loginWhileDeactivated).toBe(404);
    expect(usageWhileDeactivated.users).toBe(1);
    expect(reactivated.status).toBe(200);
    expect(reactivated.body.status).toBe('active');
    expect(reactivated.body.deactivatedAt).toBeUndefined();
    const fresh = await signIn(body.email);
    expect((await call('GET', '/api/v1/me', { token: fresh })).status).toBe(200);
    expect((await usageOf(tenant.id)).users).toBe(2);
  });

  it('refuses to deactivate a deactivated user with 409', async () => {
    const tenant = await freshTenant();
    const { id } = await inviteUser(userBody(), tenant.adminEmail);
    await call('POST', `${USERS}/${id}/deactivate`, { token: tenant.admin });

    const again = await call('POST', `${USERS}/${id}/deactivate`, { token: tenant.admin });

    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'illegal_transition', allowedNextStatuses: ['active'] });
    expect((await usageOf(tenant.id)).users).toBe(1);
  });

  it('keeps the last active admin from deactivating or demoting themself', async () => {
    const tenant = await freshTenant();

    const deactivated = await call('POST', `${USERS}/${tenant.adminId}/deactivate`, { token: tenant.admin });
    const demoted = await call('PATCH', `${USERS}/${tenant.adminId}`, {
      token: tenant.admin,
      body: { roles: ['recruiter'] },
    });

    expect(deactivated.status).toBe(409);
    expect(deactivated.body.reason).toBe('last_admin');
    expect(demoted.status).toBe(409);
    expect(demoted.body.reason).toBe('last_admin');
    const me = await call('GET', '/api/v1/me', { token: tenant.admin });
    expect(me.body).toMatchObject({ roles: ['admin'], status: 'active', version: 1 });
    expect(await usageOf(tenant.id)).toMatchObject({ users: 1, admins: 1 });
  });

  it('lets the first admin step down once a second admin exists', async () => {
    const tenant = await freshTenant();
    await inviteUser(userBody(['admin']), tenant.adminEmail);

    const demoted = await call('PATCH', `${USERS}/${tenant.adminId}`, {
      token: tenant.admin,
      body: { roles: ['recruiter'] },
    });

    expect(demoted.status).toBe(200);
    expect(demoted.body.roles).toEqual(['recruiter']);
    expect(await usageOf(tenant.id)).toMatchObject({ users: 2, admins: 1 });
    expect((await call('GET', USERS, { token: tenant.admin })).status).toBe(403);
  });

  it('deactivates and reactivates an admin while another admin remains, keeping both counts in step', async () => {
    const tenant = await freshTenant();
    const { id } = await inviteUser(userBody(['recruiter']), tenant.adminEmail);
    const promoted = await call('PATCH', `${USERS}/${id}`, {
      token: tenant.admin,
      body: { roles: ['recruiter', 'admin'] },
    });
    expect(promoted.status).toBe(200);

    const deactivated = await call('POST', `${USERS}/${id}/deactivate`, { token: tenant.admin });
    const usageWhileDeactivated = await usageOf(tenant.id);
    const reactivated = await call('POST', `${USERS}/${id}/reactivate`, { token: tenant.admin });

    expect(deactivated.status).toBe(200);
    expect(usageWhileDeactivated).toMatchObject({ users: 1, admins: 1 });
    expect(reactivated.status).toBe(200);
    expect(await usageOf(tenant.id)).toMatchObject({ users: 2, admins: 2 });
  });

  it('refuses an invite beyond maxUsers with 409 naming maxUsers, leaving no sign-in account', async () => {
    const tenant = await freshTenant({ maxUsers: 2 });
    const refusedBody = userBody();

    const accepted = await invite(tenant.admin, userBody());
    const refused = await invite(tenant.admin, refusedBody);

    expect(accepted.status).toBe(201);
    expect(refused.status).toBe(409);
    expect(fieldsOf(refused.body)).toEqual(['maxUsers']);
    expect(await signInStatus(refusedBody.email)).toBe(404);
    expect((await usageOf(tenant.id)).users).toBe(2);
  });

  it('refuses a requisition beyond maxActiveRequisitions with 409, and a cancellation frees a slot', async () => {
    const tenant = await freshTenant({ maxActiveRequisitions: 2 });
    const body = userBody(['recruiter']);
    await inviteUser(body, tenant.adminEmail);
    const recruiter = await signIn(body.email);
    const create = () => call('POST', REQUISITIONS, { token: recruiter, body: { title: 'Counted' } });
    const first = await create();
    const second = await create();

    const third = await create();
    const cancelled = await call('POST', `${REQUISITIONS}/${first.body.id}/cancel`, { token: recruiter });
    const afterCancel = await create();

    expect([first.status, second.status]).toEqual([201, 201]);
    expect(third.status).toBe(409);
    expect(fieldsOf(third.body)).toEqual(['maxActiveRequisitions']);
    expect(cancelled.status).toBe(200);
    expect(afterCancel.status).toBe(201);
    expect((await usageOf(tenant.id)).activeRequisitions).toBe(2);
  });

  it("answers 404 to another tenant's admin reading or changing a user", async () => {
    const { id } = await inviteUser(userBody(), HOME.admin);
    const other = await tokenFor(OTHER.admin);

    const read = await call('GET', `${USERS}/${id}`, { token: other });
    const patched = await call('PATCH', `${USERS}/${id}`, { token: other, body: { name: 'Hijacked' } });

    expect(read.status).toBe(404);
    expect(patched.status).toBe(404);
    const own = await call('GET', `${USERS}/${id}`, { token: await tokenFor(HOME.admin) });
    expect(own.body).toMatchObject({ name: 'Invited Person', version: 1 });
  });

  it.each([
    ['no roles', { roles: [] }, 'roles'],
    ['the superadmin role', { roles: ['superadmin'] }, 'roles'],
    ['a malformed email', { email: 'not-an-email' }, 'email'],
  ])('refuses an invite with %s with 400 naming the field', async (_, change, field) => {
    const response = await invite(await tokenFor(HOME.admin), { ...userBody(), ...change });

    expect(response.status).toBe(400);
    expect(fieldsOf(response.body).some((name) => name === field || name.startsWith(`${field}.`))).toBe(true);
  });
});
