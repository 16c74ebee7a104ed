import { DEFAULT_NOTIFICATION_PREFERENCES } from '@assist-ten/core/identity/user.model';
import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { inviteUser, userBody } from '../../support/fixtures/identity.ts';
import { HOME, SUPERADMIN } from '../../support/users.ts';

const ME = '/api/v1/me';

/**
 * A user of the home tenant nobody else touches: the seeded users' profiles are changed by
 * other test files (the security matrix and the audit coverage PATCH /me as them).
 */
const freshUser = async () => {
  const body = userBody(['interviewer']);
  const user = await inviteUser(body);
  return { ...user, token: await tokenFor(body.email) };
};

const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((error) => error.field);

describe('/me over HTTP', () => {
  it.each([
    [HOME.recruiter, ['recruiter'], 'demo'],
    [HOME.interviewer, ['interviewer'], 'demo'],
    [HOME.admin, ['admin'], 'demo'],
    [SUPERADMIN, ['superadmin'], 'platform'],
  ])('tells %s who they are, with their tenant and feature flags', async (email, roles, slug) => {
    const response = await call('GET', ME, { token: await tokenFor(email) });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ email, roles, status: 'active', name: expect.any(String) });
    expect(response.body.id).toMatch(/^usr_\w+$/);
    expect(response.body.tenant).toEqual({
      id: expect.stringMatching(/^tnt_\w+$/),
      name: expect.any(String),
      slug,
      plan: expect.any(String),
    });
    expect(response.body.featureFlags).toEqual(expect.any(Object));
    expect(Array.isArray(response.body.featureFlags)).toBe(false);
    expect(response.headers.get('etag')).toBe(`"${response.body.version}"`);
  });

  it('places the seeded users of one tenant in the same tenant', async () => {
    const [recruiter, admin] = await Promise.all(
      [HOME.recruiter, HOME.admin].map(async (email) => call('GET', ME, { token: await tokenFor(email) })),
    );

    expect(recruiter?.body.tenant.id).toBe(admin?.body.tenant.id);
  });

  it('changes name, time zone and locale', async () => {
    const { id, token } = await freshUser();

    const patched = await call('PATCH', ME, {
      token,
      body: { name: 'Renamed Me', timezone: 'Europe/Lisbon', locale: 'pt-BR' },
      headers: { 'if-match': '"1"' },
    });
    const read = await call('GET', ME, { token });

    expect(patched.status).toBe(200);
    expect(patched.headers.get('etag')).toBe('"2"');
    expect(patched.body).toMatchObject({
      id,
      name: 'Renamed Me',
      timezone: 'Europe/Lisbon',
      locale: 'pt-BR',
      version: 2,
      roles: ['interviewer'],
    });
    expect(patched.body.tenant.slug).toBe('demo');
    expect(read.body).toEqual(patched.body);
  });

  it('merges notification preferences: only the types and channels sent change', async () => {
    const { token } = await freshUser();

    const first = await call('PATCH', ME, {
      token,
      body: { notificationPreferences: { application: { email: true }, proctoring: { inApp: false } } },
    });
    const second = await call('PATCH', ME, {
      token,
      body: { notificationPreferences: { application: { inApp: false } } },
    });

    expect(first.status).toBe(200);
    expect(first.body.notificationPreferences).toEqual({
      ...DEFAULT_NOTIFICATION_PREFERENCES,
      application: { inApp: true, email: true },
      proctoring: { inApp: false, email: true },
    });
    expect(second.status).toBe(200);
    expect(second.body.notificationPreferences).toEqual({
      ...DEFAULT_NOTIFICATION_PREFERENCES,
      application: { inApp: false, email: true },
      proctoring: { inApp: false, email: true },
    });
  });

  it('refuses an unknown time zone with 400 naming timezone', async () => {
    const { token } = await freshUser();

    const response = await call('PATCH', ME, { token, body: { timezone: 'Mars/Base' } });

    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toEqual(['timezone']);
    expect((await call('GET', ME, { token })).body).toMatchObject({ timezone: 'UTC', version: 1 });
  });

  it.each([
    ['roles', { roles: ['admin'] }],
    ['email', { email: 'someone-else@demo.test' }],
  ])('refuses %s in the body as an unknown field', async (field, body) => {
    const { token } = await freshUser();

    const response = await call('PATCH', ME, { token, body: { name: 'Sneaky', ...body } });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field, code: 'unknown_field' })]);
    expect((await call('GET', ME, { token })).body).toMatchObject({ roles: ['interviewer'], version: 1 });
  });

  it('refuses a stale If-Match with 412 and changes nothing', async () => {
    const { token } = await freshUser();
    await call('PATCH', ME, { token, body: { name: 'First Change' }, headers: { 'if-match': '"1"' } });

    const stale = await call('PATCH', ME, { token, body: { name: 'Stale Change' }, headers: { 'if-match': '"1"' } });

    expect(stale.status).toBe(412);
    expect((await call('GET', ME, { token })).body).toMatchObject({ name: 'First Change', version: 2 });
  });
});
