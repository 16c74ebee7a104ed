import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { createJobDescription, JOB_DESCRIPTIONS, POSTING } from '../../support/fixtures/job-descriptions.ts';
import { HOME, OTHER } from '../../support/fixtures.ts';

const recruiter = () => tokenFor(HOME.recruiter);

const names = (skills: { skill: string }[]) => skills.map((entry) => entry.skill).sort();

describe('job descriptions over HTTP', () => {
  it('reads the skills of a typed posting at once, required and nice to have apart', async () => {
    const created = await call('POST', JOB_DESCRIPTIONS, {
      token: await recruiter(),
      body: { title: 'Backend', text: POSTING },
    });

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'ready', text: POSTING, version: 1 });
    expect(created.body.skills.extractionId).toMatch(/^xlog_/);
    expect(names(created.body.skills.effective.required)).toEqual(
      expect.arrayContaining(['Kubernetes', 'Node.js', 'PostgreSQL', 'TypeScript']),
    );
    expect(names(created.body.skills.effective.niceToHave)).toEqual(['GraphQL']);
    const typescript = created.body.skills.extracted.find((entry: { skill: string }) => entry.skill === 'TypeScript');
    expect(typescript).toMatchObject({ proficiency: 'expert', requirement: 'required' });
    expect(typescript.evidence).toContain('TypeScript');
    expect(created.body.skills.override).toBeNull();
  });

  it('waits for its document when created without a text', async () => {
    const created = await call('POST', JOB_DESCRIPTIONS, { token: await recruiter(), body: { title: 'To upload' } });

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'awaiting_document', skills: { extracted: [], override: null } });
  });

  it('keeps a recruiter override over a later reading of a new text, and says it may be stale', async () => {
    const { id } = await createJobDescription();
    const token = await recruiter();

    const overridden = await call('PATCH', `${JOB_DESCRIPTIONS}/${id}`, {
      token,
      headers: { 'if-match': '"1"' },
      body: { skills: { required: [{ skill: 'ts', proficiency: 'advanced' }], niceToHave: [] } },
    });
    const reread = await call('PATCH', `${JOB_DESCRIPTIONS}/${id}`, {
      token,
      body: { text: 'Requirements: Python and Django.' },
    });

    expect(overridden.status).toBe(200);
    expect(overridden.body.skills.override).toEqual({
      required: [{ skill: 'TypeScript', proficiency: 'advanced' }],
      niceToHave: [],
    });
    expect(overridden.body.skills.overrideStale).toBe(false);
    expect(reread.status).toBe(200);
    expect(names(reread.body.skills.extracted)).toEqual(['Django', 'Python']);
    expect(reread.body.skills.effective.required).toEqual([{ skill: 'TypeScript', proficiency: 'advanced' }]);
    expect(reread.body.skills.overrideStale).toBe(true);
  });

  it('goes back to the extracted skills when the override is cleared', async () => {
    const { id } = await createJobDescription();
    const token = await recruiter();
    await call('PATCH', `${JOB_DESCRIPTIONS}/${id}`, {
      token,
      body: { skills: { required: [{ skill: 'Python', proficiency: 'beginner' }], niceToHave: [] } },
    });

    const cleared = await call('PATCH', `${JOB_DESCRIPTIONS}/${id}`, { token, body: { skills: null } });

    expect(cleared.status).toBe(200);
    expect(cleared.body.skills.override).toBeNull();
    expect(names(cleared.body.skills.effective.required)).toContain('TypeScript');
  });

  it('refuses an override naming a skill outside the taxonomy, naming the field', async () => {
    const { id } = await createJobDescription();

    const response = await call('PATCH', `${JOB_DESCRIPTIONS}/${id}`, {
      token: await recruiter(),
      body: { skills: { required: [{ skill: 'Basket weaving', proficiency: 'expert' }], niceToHave: [] } },
    });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'skills.required.0.skill' })]);
  });

  it('archives: gone from the list, still readable, archiving again is fine', async () => {
    const { id } = await createJobDescription();
    const token = await recruiter();

    const archived = await call('DELETE', `${JOB_DESCRIPTIONS}/${id}`, { token });
    const again = await call('DELETE', `${JOB_DESCRIPTIONS}/${id}`, { token });
    const list = await call('GET', `${JOB_DESCRIPTIONS}?limit=100`, { token });
    const withArchived = await call('GET', `${JOB_DESCRIPTIONS}?limit=100&includeArchived=true`, { token });
    const read = await call('GET', `${JOB_DESCRIPTIONS}/${id}`, { token });

    expect([archived.status, again.status]).toEqual([204, 204]);
    expect(list.body.items.map((item: { id: string }) => item.id)).not.toContain(id);
    expect(withArchived.body.items.map((item: { id: string }) => item.id)).toContain(id);
    expect(read.body).toMatchObject({ isActive: false, archivedAt: expect.any(String) });
  });

  it('is a 404 in another tenant', async () => {
    const { id } = await createJobDescription();

    const response = await call('GET', `${JOB_DESCRIPTIONS}/${id}`, { token: await tokenFor(OTHER.recruiter) });

    expect(response.status).toBe(404);
  });
});

describe('a requisition from a job description', () => {
  it('takes its title, text and effective skills, while the body wins', async () => {
    const { id } = await createJobDescription();
    const token = await recruiter();

    const created = await call('POST', '/api/v1/recruiter/requisitions', {
      token,
      body: { jobDescriptionId: id, department: 'Platform' },
    });
    const unknown = await call('POST', '/api/v1/recruiter/requisitions', {
      token,
      body: { jobDescriptionId: 'jd_01JDEM0000000000000000000Z' },
    });

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: 'Senior Backend Engineer',
      department: 'Platform',
      description: POSTING,
      jobDescriptionId: id,
      niceToHaveSkills: [{ skill: 'GraphQL', proficiency: 'intermediate' }],
    });
    expect(names(created.body.requiredSkills)).toEqual(
      expect.arrayContaining(['Kubernetes', 'Node.js', 'PostgreSQL', 'TypeScript']),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'jobDescriptionId' })]);
  });
});
