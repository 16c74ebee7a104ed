import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { createRole, ROLES, roleBody } from '../../support/fixtures/skills.ts';
import { HOME, OTHER } from '../../support/fixtures.ts';
import { SUPERADMIN } from '../../support/users.ts';
import { whoIs } from '../../support/whoami.ts';

const REQUISITIONS = '/api/v1/recruiter/requisitions';
const recruiter = () => tokenFor(HOME.recruiter);

const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((error) => error.field);

describe('requisition from a job-role template', () => {
  it("takes the role's title, level, department, description and canonical skills", async () => {
    const role = await createRole(roleBody({ title: 'Backend Engineer (template)' }));

    const created = await call('POST', REQUISITIONS, { token: await recruiter(), body: { roleId: role.id } });

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      roleId: role.id,
      title: 'Backend Engineer (template)',
      experienceLevel: 'senior',
      department: 'Engineering',
      description: 'Builds and runs the backend.',
      requiredSkills: [
        { skill: 'TypeScript', proficiency: 'expert' },
        { skill: 'Amazon Web Services', proficiency: 'advanced' },
      ],
      niceToHaveSkills: [{ skill: 'Kubernetes', proficiency: 'intermediate' }],
      status: 'draft',
    });
  });

  it("lets the body's own fields override the role's", async () => {
    const role = await createRole();

    const created = await call('POST', REQUISITIONS, {
      token: await recruiter(),
      body: {
        roleId: role.id,
        title: 'Backend Engineer, Payments',
        experienceLevel: 'lead',
        requiredSkills: [{ skill: 'Go', proficiency: 'expert' }],
        location: 'Porto',
      },
    });

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      roleId: role.id,
      title: 'Backend Engineer, Payments',
      experienceLevel: 'lead',
      department: 'Engineering',
      location: 'Porto',
      requiredSkills: [{ skill: 'Go', proficiency: 'expert' }],
      niceToHaveSkills: [{ skill: 'Kubernetes', proficiency: 'intermediate' }],
    });
  });

  it('records the role in the audit entry of the creation', async () => {
    const role = await createRole();
    const actor = await whoIs(HOME.recruiter);

    const created = await call('POST', REQUISITIONS, { token: await recruiter(), body: { roleId: role.id } });
    const trail = await call(
      'GET',
      `/api/v1/superadmin/audit-logs?${new URLSearchParams({ tenantId: actor.tenantId, entityType: 'requisition', entityId: created.body.id })}`,
      { token: await tokenFor(SUPERADMIN) },
    );

    expect(trail.status).toBe(200);
    const entry = trail.body.items.find((item: { action: string }) => item.action === 'requisition.created');
    expect(entry.changes).toContainEqual(expect.objectContaining({ field: 'roleId', after: role.id }));
  });

  it('refuses an archived role, another tenant’s role and a missing one with 400 on roleId', async () => {
    const archived = await createRole();
    await call('DELETE', `${ROLES}/${archived.id}`, { token: await tokenFor(HOME.admin) });
    const foreign = await createRole(roleBody(), OTHER.admin);

    const responses = await Promise.all(
      [archived.id, foreign.id, 'role_01JABCDEFGHJKMNPQRSTVWXYZ0'].map(async (roleId) =>
        call('POST', REQUISITIONS, { token: await recruiter(), body: { roleId } }),
      ),
    );

    expect(responses.map((response) => response.status)).toEqual([400, 400, 400]);
    expect(responses.map((response) => fieldsOf(response.body))).toEqual([['roleId'], ['roleId'], ['roleId']]);
    expect(JSON.stringify(responses[1]?.body)).not.toContain('Engineering');
  });

  it('still needs a title when no role is given', async () => {
    const response = await call('POST', REQUISITIONS, { token: await recruiter(), body: { department: 'Sales' } });

    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toEqual(['title']);
  });
});
