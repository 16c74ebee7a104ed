import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { createRole, createSkill, ROLES, roleBody, SKILLS, skillBody } from '../../support/fixtures/skills.ts';
import { HOME, OTHER } from '../../support/users.ts';

const admin = () => tokenFor(HOME.admin);

const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((error) => error.field);

describe('job-role templates over HTTP', () => {
  it('creates a role with its skills in canonical names, with Location and ETag', async () => {
    const body = roleBody();

    const created = await call('POST', ROLES, { token: await admin(), body });
    const read = await call('GET', `${ROLES}/${created.body.id}`, { token: await tokenFor(HOME.recruiter) });

    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^role_[0-9A-Z]{26}$/);
    expect(created.headers.get('location')).toBe(`${ROLES}/${created.body.id}`);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body).toMatchObject({
      title: body.title,
      level: 'senior',
      requiredSkills: [
        { skill: 'TypeScript', proficiency: 'expert' },
        { skill: 'Amazon Web Services', proficiency: 'advanced' },
      ],
      niceToHaveSkills: [{ skill: 'Kubernetes', proficiency: 'intermediate' }],
      isActive: true,
      version: 1,
    });
    expect(read.body).toEqual(created.body);
  });

  it('refuses skills outside the taxonomy with 400 naming each one', async () => {
    const response = await call('POST', ROLES, {
      token: await admin(),
      body: roleBody({
        requiredSkills: [
          { skill: 'TypeScript', proficiency: 'expert' },
          { skill: 'Underwater Basket Weaving', proficiency: 'expert' },
        ],
        niceToHaveSkills: [{ skill: 'Telepathy', proficiency: 'beginner' }],
      }),
    });

    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toEqual(['requiredSkills.1.skill', 'niceToHaveSkills.0.skill']);
  });

  it("knows the tenant's own skills, and forgets an archived one", async () => {
    const skill = skillBody();
    const { id } = await createSkill(skill);
    const alias = skill.aliases[0];

    const before = await call('POST', ROLES, {
      token: await admin(),
      body: roleBody({ requiredSkills: [{ skill: alias, proficiency: 'expert' }] }),
    });
    await call('DELETE', `${SKILLS}/${id}`, { token: await admin() });
    const after = await call('POST', ROLES, {
      token: await admin(),
      body: roleBody({ requiredSkills: [{ skill: alias, proficiency: 'expert' }] }),
    });

    expect(before.status).toBe(201);
    expect(before.body.requiredSkills).toEqual([{ skill: skill.name, proficiency: 'expert' }]);
    expect(after.status).toBe(400);
    expect(fieldsOf(after.body)).toEqual(['requiredSkills.0.skill']);
  });

  it('updates with If-Match, clears with null, and archives with 204', async () => {
    const { id } = await createRole();

    const stale = await call('PATCH', `${ROLES}/${id}`, {
      token: await admin(),
      headers: { 'if-match': '"9"' },
      body: { level: 'lead' },
    });
    const patched = await call('PATCH', `${ROLES}/${id}`, {
      token: await admin(),
      headers: { 'if-match': '"1"' },
      body: { level: 'lead', department: null, niceToHaveSkills: [{ skill: 'golang', proficiency: 'beginner' }] },
    });
    const deleted = await call('DELETE', `${ROLES}/${id}`, { token: await admin() });
    const read = await call('GET', `${ROLES}/${id}`, { token: await admin() });

    expect(stale.status).toBe(412);
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ level: 'lead', version: 2, niceToHaveSkills: [{ skill: 'Go' }] });
    expect(patched.body.department).toBeUndefined();
    expect(deleted.status).toBe(204);
    expect(read.body).toMatchObject({ isActive: false, archivedAt: expect.any(String), version: 3 });
  });

  it('lists newest first, by level, and archived ones only when asked', async () => {
    const older = await createRole(roleBody({ level: 'principal' }));
    const newer = await createRole(roleBody({ level: 'principal' }));
    const archived = await createRole(roleBody({ level: 'principal' }));
    await call('DELETE', `${ROLES}/${archived.id}`, { token: await admin() });

    const active = await call('GET', `${ROLES}?level=principal&limit=100`, { token: await admin() });
    const all = await call('GET', `${ROLES}?level=principal&includeArchived=true&limit=100`, { token: await admin() });

    const ids = (body: { items: { id: string }[] }) => body.items.map((role) => role.id);
    expect(ids(active.body)).toEqual(expect.arrayContaining([newer.id, older.id]));
    expect(ids(active.body)).not.toContain(archived.id);
    expect(ids(active.body).indexOf(newer.id)).toBeLessThan(ids(active.body).indexOf(older.id));
    expect(ids(all.body)).toContain(archived.id);
    expect(active.body.items.every((role: { level: string }) => role.level === 'principal')).toBe(true);
  });

  it("answers 404 to another tenant's admin", async () => {
    const { id } = await createRole();
    const other = await tokenFor(OTHER.admin);

    const responses = await Promise.all([
      call('GET', `${ROLES}/${id}`, { token: other }),
      call('PATCH', `${ROLES}/${id}`, { token: other, body: { title: 'Stolen' } }),
      call('DELETE', `${ROLES}/${id}`, { token: other }),
    ]);

    expect(responses.map((response) => response.status)).toEqual([404, 404, 404]);
  });
});
