import { STAFF_ROLES, type StaffRole } from '@assist-ten/core/shared/principal';
import { describe, expect, it } from 'vitest';
import { routes } from '../../../functions/routes.ts';
import { call, tokenFor } from '../../support/api.ts';
import { HOME, OTHER, probeBodyFor, resourceFactories, SUPERADMIN } from '../../support/fixtures.ts';

/**
 * Generated from the route table: every route, every role, both tenants. A new route is
 * covered the moment it is added.
 */
const userWith = (role: StaffRole, tenant: 'home' | 'other'): string =>
  role === 'superadmin' ? SUPERADMIN : (tenant === 'home' ? HOME : OTHER)[role];

const pathFor = async (route: (typeof routes)[number]): Promise<string> => {
  if (!route.path.includes('{id}')) return route.path;
  const resource = 'resource' in route ? route.resource : undefined;
  const factory = resource ? resourceFactories[resource] : undefined;
  if (!factory) throw new Error(`${route.routeKey} has {id} but no fixture factory for resource '${resource}'`);
  return route.path.replace('{id}', await factory());
};

const staffRoutes = routes.filter((route) => route.auth.type === 'staff');
const publicRoutes = routes.filter((route) => route.auth.type === 'public');
const candidateRoutes = routes.filter((route) => route.auth.type === 'candidate');
const withPlaceholders = (path: string) => path.replace(/\{(\w+)\}/g, 'qst_01JDEM0000000000000000000A');

describe('security matrix', () => {
  it.each(publicRoutes.map((route) => [route.routeKey, route] as const))(
    '%s answers without a token',
    async (_, route) => {
      const response = await call(route.method, withPlaceholders(route.path), { body: probeBodyFor(route) });

      // A route with its own credential in the path or body refuses a made-up one on its own terms, never as 401/403.
      if (route.path.includes('{') || 'request' in route) expect([401, 403]).not.toContain(response.status);
      else expect(response.status).toBe(route.response.status);
    },
  );

  describe.each(candidateRoutes.map((route) => [route.routeKey, route] as const))('%s', (_, route) => {
    const body = probeBodyFor(route);

    it('is 401 without a token', async () => {
      const response = await call(route.method, withPlaceholders(route.path), { body });

      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    });

    it.each(STAFF_ROLES)("is 401 with a %s's staff token", async (role) => {
      const response = await call(route.method, withPlaceholders(route.path), {
        token: await tokenFor(userWith(role, 'home')),
        body,
      });

      expect(response.status).toBe(401);
    });
  });

  describe.each(staffRoutes.map((route) => [route.routeKey, route] as const))('%s', (_, route) => {
    const allowed: readonly StaffRole[] = route.auth.type === 'staff' ? route.auth.roles : [];
    const body = probeBodyFor(route);

    it('is 401 without a token', async () => {
      const response = await call(route.method, route.path.replace('{id}', 'req_01JDEM0000000000000000000A'), { body });

      expect(response.status).toBe(401);
    });

    it.each(STAFF_ROLES.filter((role) => !allowed.includes(role)))('is 403 for a %s', async (role) => {
      const path = await pathFor(route);

      const response = await call(route.method, path, { token: await tokenFor(userWith(role, 'home')), body });

      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    });

    // The superadmin belongs to no customer tenant: there is no "other tenant's superadmin".
    const tenantRoles = allowed.filter((role) => role !== 'superadmin');
    if (route.path.includes('{id}') && tenantRoles.length > 0) {
      it.each(tenantRoles)("is 404 for another tenant's %s", async (role) => {
        const path = await pathFor(route);

        const response = await call(route.method, path, { token: await tokenFor(userWith(role, 'other')), body });

        expect(response.status).toBe(404);
        expect(JSON.stringify(response.body)).not.toContain('Staff Engineer');
      });
    }
  });
});
