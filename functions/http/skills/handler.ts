import { archiveRole, createRole, getRole, listRoles, updateRole } from '@assist-ten/core/skills/role.service';
import { archiveSkill, createSkill, getSkill, listSkills, updateSkill } from '@assist-ten/core/skills/skill.service';
import { createHttpHandler } from '@assist-ten/lambda-kit/http/handler';
import { skillRoutes } from './routes.ts';

export const handler = createHttpHandler(skillRoutes, {
  'POST /api/v1/admin/skills': async ({ principal, body }) => {
    const skill = await createSkill(principal, body);
    return { body: skill, location: `/api/v1/admin/skills/${skill.id}` };
  },
  'GET /api/v1/admin/skills': async ({ principal, query }) => ({ body: await listSkills(principal, query) }),
  'GET /api/v1/admin/skills/{id}': async ({ principal, path }) => ({ body: await getSkill(principal, path.id) }),
  'PATCH /api/v1/admin/skills/{id}': async ({ principal, path, body, ifMatch }) => ({
    body: await updateSkill(principal, path.id, body, ifMatch),
  }),
  'DELETE /api/v1/admin/skills/{id}': async ({ principal, path, ifMatch }) => {
    await archiveSkill(principal, path.id, ifMatch);
    return {};
  },
  'POST /api/v1/admin/roles': async ({ principal, body }) => {
    const role = await createRole(principal, body);
    return { body: role, location: `/api/v1/admin/roles/${role.id}` };
  },
  'GET /api/v1/admin/roles': async ({ principal, query }) => ({ body: await listRoles(principal, query) }),
  'GET /api/v1/admin/roles/{id}': async ({ principal, path }) => ({ body: await getRole(principal, path.id) }),
  'PATCH /api/v1/admin/roles/{id}': async ({ principal, path, body, ifMatch }) => ({
    body: await updateRole(principal, path.id, body, ifMatch),
  }),
  'DELETE /api/v1/admin/roles/{id}': async ({ principal, path, ifMatch }) => {
    await archiveRole(principal, path.id, ifMatch);
    return {};
  },
});
