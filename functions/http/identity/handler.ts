import { getMe, updateMe } from '@assist-ten/core/identity/me.service';
import {
  createTenant,
  getTenant,
  listTenants,
  reactivateTenant,
  suspendTenant,
  updateTenant,
} from '@assist-ten/core/identity/tenant.service';
import {
  deactivateUser,
  getUser,
  inviteUser,
  listUsers,
  reactivateUser,
  updateUser,
} from '@assist-ten/core/identity/user.service';
import { createHttpHandler } from '@assist-ten/lambda-kit/http/handler';
import { identityRoutes } from './routes.ts';
import { settingsOperations } from './settings.operations.ts';

export const handler = createHttpHandler(identityRoutes, {
  'POST /api/v1/superadmin/tenants': async ({ principal, body }) => {
    const tenant = await createTenant(principal, body);
    return { body: tenant, location: `/api/v1/superadmin/tenants/${tenant.id}` };
  },
  'GET /api/v1/superadmin/tenants': async ({ principal, query }) => ({ body: await listTenants(principal, query) }),
  'GET /api/v1/superadmin/tenants/{id}': async ({ principal, path }) => ({ body: await getTenant(principal, path.id) }),
  'PATCH /api/v1/superadmin/tenants/{id}': async ({ principal, path, body, ifMatch }) => ({
    body: await updateTenant(principal, path.id, body, ifMatch),
  }),
  'POST /api/v1/superadmin/tenants/{id}/suspend': async ({ principal, path, body, ifMatch }) => ({
    body: await suspendTenant(principal, path.id, body, ifMatch),
  }),
  'POST /api/v1/superadmin/tenants/{id}/reactivate': async ({ principal, path, ifMatch }) => ({
    body: await reactivateTenant(principal, path.id, ifMatch),
  }),
  'GET /api/v1/me': async ({ principal }) => ({ body: await getMe(principal) }),
  'PATCH /api/v1/me': async ({ principal, body, ifMatch }) => ({ body: await updateMe(principal, body, ifMatch) }),
  'POST /api/v1/admin/users': async ({ principal, body }) => {
    const user = await inviteUser(principal, body);
    return { body: user, location: `/api/v1/admin/users/${user.id}` };
  },
  'GET /api/v1/admin/users': async ({ principal, query }) => ({ body: await listUsers(principal, query) }),
  'GET /api/v1/admin/users/{id}': async ({ principal, path }) => ({ body: await getUser(principal, path.id) }),
  'PATCH /api/v1/admin/users/{id}': async ({ principal, path, body, ifMatch }) => ({
    body: await updateUser(principal, path.id, body, ifMatch),
  }),
  'POST /api/v1/admin/users/{id}/deactivate': async ({ principal, path, ifMatch }) => ({
    body: await deactivateUser(principal, path.id, ifMatch),
  }),
  'POST /api/v1/admin/users/{id}/reactivate': async ({ principal, path, ifMatch }) => ({
    body: await reactivateUser(principal, path.id, ifMatch),
  }),
  ...settingsOperations,
});
