import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { createTenant, tenantBody } from '../../support/fixtures/identity.ts';
import { createSkill, SKILLS, skillBody } from '../../support/fixtures/skills.ts';
import { HOME, OTHER, unique } from '../../support/users.ts';

const admin = () => tokenFor(HOME.admin);

interface SkillView {
  id: string;
  name: string;
  category: string;
  aliases: string[];
  isActive: boolean;
}

/** Every page of a skill list. */
const allSkills = async (token: string, query = ''): Promise<SkillView[]> => {
  const items: SkillView[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams(query);
    params.set('limit', '100');
    if (cursor) params.set('cursor', cursor);
    const page = await call('GET', `${SKILLS}?${params}`, { token });
    if (page.status !== 200) throw new Error(`list skills -> ${page.status} ${JSON.stringify(page.body)}`);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
};

const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((error) => error.field);

describe('skill taxonomy over HTTP', () => {
  it('creates a skill with Location and ETag, and reads it back', async () => {
    const body = skillBody({ category: 'languages', description: 'A language' });

    const created = await call('POST', SKILLS, { token: await admin(), body });
    const read = await call('GET', `${SKILLS}/${created.body.id}`, { token: await tokenFor(HOME.recruiter) });

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...body, isActive: true, version: 1 });
    expect(created.body.id).toMatch(/^skl_[0-9A-Z]{26}$/);
    expect(created.headers.get('location')).toBe(`${SKILLS}/${created.body.id}`);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it('refuses a name or alias another skill holds with 409 naming the field and that skill', async () => {
    const holder = skillBody();
    const { id } = await createSkill(holder);

    const byAlias = await call('POST', SKILLS, {
      token: await admin(),
      body: skillBody({ aliases: ['fresh-one', holder.aliases[0]?.toUpperCase()] }),
    });
    const byName = await call('POST', SKILLS, {
      token: await admin(),
      body: skillBody({ name: `  ${holder.aliases[0]}  ` }),
    });

    expect(byAlias.status).toBe(409);
    expect(fieldsOf(byAlias.body)).toEqual(['aliases.1']);
    expect(byAlias.body.conflictingSkillId).toBe(id);
    expect(byName.status).toBe(409);
    expect(fieldsOf(byName.body)).toEqual(['name']);
    expect(byName.body.conflictingSkillId).toBe(id);
  });

  it('lets exactly one of two concurrent creates sharing an alias succeed', async () => {
    const shared = unique('shared');

    const responses = await Promise.all([
      call('POST', SKILLS, { token: await admin(), body: skillBody({ aliases: [shared] }) }),
      call('POST', SKILLS, { token: await admin(), body: skillBody({ aliases: [shared] }) }),
    ]);

    expect(responses.map((response) => response.status).sort()).toEqual([201, 409]);
    const winner = responses.find((response) => response.status === 201);
    const loser = responses.find((response) => response.status === 409);
    expect(loser?.body.conflictingSkillId).toBe(winner?.body.id);
  });

  it('frees the old terms of a renamed skill and claims the new ones (If-Match honoured)', async () => {
    const body = skillBody();
    const { id } = await createSkill(body);
    const renamed = unique('Renamed');

    const stale = await call('PATCH', `${SKILLS}/${id}`, {
      token: await admin(),
      headers: { 'if-match': '"7"' },
      body: { name: renamed },
    });
    const patched = await call('PATCH', `${SKILLS}/${id}`, {
      token: await admin(),
      headers: { 'if-match': '"1"' },
      body: { name: renamed, aliases: [] },
    });
    const reuseOld = await call('POST', SKILLS, { token: await admin(), body: skillBody({ name: body.name }) });
    const reuseAlias = await call('POST', SKILLS, { token: await admin(), body: skillBody({ name: body.aliases[0] }) });
    const takeNew = await call('POST', SKILLS, { token: await admin(), body: skillBody({ name: renamed }) });

    expect(stale.status).toBe(412);
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: renamed, aliases: [], version: 2 });
    expect(patched.headers.get('etag')).toBe('"2"');
    expect([reuseOld.status, reuseAlias.status]).toEqual([201, 201]);
    expect(takeNew.status).toBe(409);
    expect(takeNew.body.conflictingSkillId).toBe(id);
  });

  it('archives with 204, freeing the name, and lists archived skills only when asked', async () => {
    const body = skillBody();
    const { id } = await createSkill(body);

    const deleted = await call('DELETE', `${SKILLS}/${id}`, { token: await admin() });
    const again = await call('DELETE', `${SKILLS}/${id}`, { token: await admin() });
    const read = await call('GET', `${SKILLS}/${id}`, { token: await admin() });
    const reused = await call('POST', SKILLS, { token: await admin(), body });
    const edit = await call('PATCH', `${SKILLS}/${id}`, { token: await admin(), body: { description: 'Late' } });
    const active = await allSkills(await admin(), `prefix=${body.name}`);
    const everything = await allSkills(await admin(), `prefix=${body.name}&includeArchived=true`);

    expect([deleted.status, again.status]).toEqual([204, 204]);
    expect(read.body).toMatchObject({ isActive: false, archivedAt: expect.any(String), version: 2 });
    expect(reused.status).toBe(201);
    expect(edit.status).toBe(409);
    expect(active.map((skill) => skill.id)).toEqual([reused.body.id]);
    expect(everything.map((skill) => skill.id).sort()).toEqual([id, reused.body.id].sort());
  });

  it('lists A to Z, by category and by name prefix, whatever the case', async () => {
    const stem = unique('Zeta').toLowerCase();
    for (const name of [`${stem}-b`, `${stem}-A`, `${stem}-c`]) {
      await createSkill(skillBody({ name, aliases: [], category: name.endsWith('c') ? 'testing' : 'other' }));
    }

    const byPrefix = await allSkills(await admin(), `prefix=${stem.toUpperCase()}`);
    const byCategory = await allSkills(await admin(), `prefix=${stem}&category=other`);
    const firstPage = await call('GET', `${SKILLS}?prefix=${stem}&limit=2`, { token: await admin() });
    const secondPage = await call('GET', `${SKILLS}?prefix=${stem}&limit=2&cursor=${firstPage.body.nextCursor}`, {
      token: await admin(),
    });

    expect(byPrefix.map((skill) => skill.name)).toEqual([`${stem}-A`, `${stem}-b`, `${stem}-c`]);
    expect(byCategory.map((skill) => skill.name)).toEqual([`${stem}-A`, `${stem}-b`]);
    expect(firstPage.body.items).toHaveLength(2);
    expect(secondPage.body.items.map((skill: SkillView) => skill.name)).toEqual([`${stem}-c`]);
  });

  it('refuses a cursor taken from another list', async () => {
    const byCategory = await call('GET', `${SKILLS}?category=cloud&limit=1`, { token: await admin() });

    const response = await call('GET', `${SKILLS}?category=data&cursor=${byCategory.body.nextCursor}`, {
      token: await admin(),
    });

    expect(byCategory.body.nextCursor).toEqual(expect.any(String));
    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toEqual(['cursor']);
  });

  it("answers 404 to another tenant's admin and leaves the skill as it was", async () => {
    const { id } = await createSkill();
    const other = await tokenFor(OTHER.admin);

    const read = await call('GET', `${SKILLS}/${id}`, { token: other });
    const patch = await call('PATCH', `${SKILLS}/${id}`, { token: other, body: { name: 'Stolen' } });
    const remove = await call('DELETE', `${SKILLS}/${id}`, { token: other });
    const mine = await call('GET', `${SKILLS}/${id}`, { token: await admin() });

    expect([read.status, patch.status, remove.status]).toEqual([404, 404, 404]);
    expect(mine.body).toMatchObject({ isActive: true, version: 1 });
  });

  it('lets a recruiter read the taxonomy but not change it', async () => {
    const recruiter = await tokenFor(HOME.recruiter);

    const list = await call('GET', `${SKILLS}?prefix=typescript`, { token: recruiter });
    const create = await call('POST', SKILLS, { token: recruiter, body: skillBody() });

    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([expect.objectContaining({ name: 'TypeScript', aliases: ['ts'] })]);
    expect(create.status).toBe(403);
  });

  it('gives a newly provisioned tenant the default taxonomy of at least 150 skills', async () => {
    const body = tenantBody();
    await createTenant(body);
    const login = await call('POST', '/_local/login', { body: { email: body.admin.email } });

    const skills = await allSkills(login.body.token);

    expect(skills.length).toBeGreaterThanOrEqual(150);
    expect(skills.find((skill) => skill.name === 'Kubernetes')).toMatchObject({
      category: 'devops',
      aliases: ['k8s', 'kube'],
    });
    const names = skills.map((skill) => skill.name.toLowerCase());
    expect(names).toEqual([...names].sort());
  });
});
