import type { StaffRole } from '@assist-ten/core/shared/principal';
import type { RouteDefinition } from '@assist-ten/lambda-kit/http/route';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../../functions/routes.ts';
import { call, tokenFor } from '../../support/api.ts';
import { HOME, OTHER, probeBodyFor, resourceFactories } from '../../support/fixtures.ts';
import { whoIs } from '../../support/whoami.ts';

/**
 * Generated from the route table: tenant B (OTHER) tries every tenant-scoped route with the
 * ids of tenant A (HOME). A route added later is probed with no extra step.
 */
type TenantRole = Exclude<StaffRole, 'superadmin'>;
type Route = RouteDefinition & { routeKey: string };

const TABLE: readonly Route[] = routes;

const isTenantRole = (role: StaffRole): role is TenantRole => role !== 'superadmin';

/** Superadmin-only routes are the platform's, public routes have no tenant: neither is probed. */
const tenantRolesOf = (route: Route): TenantRole[] =>
  route.auth.type === 'staff' ? route.auth.roles.filter(isTenantRole) : [];

const tenantScoped = TABLE.filter((route) => tenantRolesOf(route).length > 0);
const byId = tenantScoped.filter((route) => route.path.includes('{id}'));
const collections = tenantScoped.filter((route) => route.method === 'GET' && !route.path.includes('{id}'));
const resourceOf = (route: Route): string => route.resource ?? '(no resource)';
const resources = [...new Set(byId.map(resourceOf))];

/** The route that reads one object of `resource`, to see whether a probe changed it. */
const readerOf = (resource: string): Route | undefined =>
  byId.find((route) => route.method === 'GET' && route.resource === resource && !route.path.includes('}/'));

interface Probe {
  routeKey: string;
  role: TenantRole;
  request: string;
  status: number;
  body: unknown;
}

interface Offence {
  kind: 'success' | 'leak';
  routeKey: string;
  role: TenantRole;
  request: string;
  status: number;
  found?: string;
}

const describeOffence = (offence: Offence): string =>
  `${offence.kind.toUpperCase()}: ${offence.routeKey} as OTHER.${offence.role} -> ${offence.status}` +
  ` (${offence.request})${offence.found ? `, body contains tenant A's ${offence.found}` : ''}`;

/** An object of tenant A, as its own tenant reads it. */
const readAsHome = async (resource: string, id: string): Promise<{ status: number; body: unknown }> => {
  const reader = readerOf(resource);
  const role = reader ? tenantRolesOf(reader)[0] : undefined;
  if (!reader || !role) throw new Error(`no tenant-scoped GET {id} route reads a '${resource}'`);
  const response = await call('GET', reader.path.replace('{id}', id), { token: await tokenFor(HOME[role]) });
  return { status: response.status, body: response.body };
};

/** The string values of `query` parameters that name ids (`actorId`, `hiringManagerId`...). */
const idFiltersOf = (route: Route): string[] => {
  const shape = (route.request?.query as { shape?: Record<string, unknown> } | undefined)?.shape ?? {};
  return Object.keys(shape).filter((name) => /Id$/.test(name));
};

describe('cross-tenant isolation', () => {
  /** Every id of tenant A this test knows, named for the failure message. */
  const homeIds = new Map<string, string>();
  const made: { resource: string; id: string }[] = [];
  const before = new Map<string, unknown>();
  const after = new Map<string, unknown>();
  const probes: Probe[] = [];
  const offences: Offence[] = [];

  /** The first of A's ids in `body`, other than the one B itself sent (a 404 may quote it back). */
  const leakIn = (body: unknown, sent?: string): string | undefined => {
    const text = JSON.stringify(body ?? null);
    for (const [id, name] of homeIds) if (id !== sent && text.includes(id)) return `${name} ${id}`;
    return undefined;
  };

  const probe = async (route: Route, role: TenantRole, request: string, body?: unknown): Promise<Probe> => {
    const response = await call(route.method, request, {
      token: await tokenFor(OTHER[role]),
      ...(body === undefined ? {} : { body }),
    });
    const result = { routeKey: route.routeKey, role, request, status: response.status, body: response.body };
    probes.push(result);
    return result;
  };

  beforeAll(async () => {
    // Arrange: one object of every resource a tenant-scoped {id} route names, in tenant A.
    const missing = resources.filter((resource) => !resourceFactories[resource]);
    if (missing.length > 0) {
      const routesOf = (resource: string) => byId.filter((route) => resourceOf(route) === resource);
      throw new Error(
        `Tenant-scoped {id} routes name resources with no factory in test/support/fixtures: ${missing
          .map(
            (resource) =>
              `'${resource}' (${routesOf(resource)
                .map((route) => route.routeKey)
                .join(', ')})`,
          )
          .join('; ')}`,
      );
    }
    for (const resource of resources) {
      const id = await (resourceFactories[resource] as () => Promise<string>)();
      made.push({ resource, id });
      homeIds.set(id, resource);
    }
    const home = await whoIs(HOME.admin);
    homeIds.set(home.tenantId, 'tenant id');
    for (const email of Object.values(HOME)) homeIds.set((await whoIs(email)).userId, `user ${email}`);
    for (const { resource, id } of made) before.set(id, await readAsHome(resource, id));

    // Act (1): every {id} route with A's id, as every role of B the route allows.
    for (const route of byId) {
      const { id } = made.find((object) => object.resource === resourceOf(route)) as { id: string };
      const body = probeBodyFor(route);
      for (const role of tenantRolesOf(route)) {
        const result = await probe(route, role, route.path.replace('{id}', id), body);
        const found = leakIn(result.body, id);
        if (result.status < 300) offences.push({ kind: 'success', ...result });
        else if (found) offences.push({ kind: 'leak', ...result, found });
      }
    }

    // Act (2): every tenant-scoped list or singleton B can read, plain and filtered by A's ids.
    for (const route of collections) {
      for (const role of tenantRolesOf(route)) {
        const plain = await probe(route, role, route.path);
        const found = leakIn(plain.body);
        if (found) offences.push({ kind: 'leak', ...plain, found });
        for (const filter of idFiltersOf(route)) {
          for (const id of homeIds.keys()) {
            const filtered = await probe(route, role, `${route.path}?${new URLSearchParams({ [filter]: id })}`);
            const leaked = leakIn(filtered.body, id);
            if (leaked) offences.push({ kind: 'leak', ...filtered, found: leaked });
          }
        }
      }
    }

    // Act (3): B's audit trail, asked directly about A's objects.
    const targets = [
      ...made.map(({ resource, id }) => ({ entityType: resource.replaceAll('-', '_'), entityId: id })),
      { entityType: 'tenant', entityId: home.tenantId },
      { entityType: 'settings', entityId: home.tenantId },
    ];
    const auditRoute = TABLE.find((route) => route.routeKey === 'GET /api/v1/admin/audit-logs');
    if (!auditRoute)
      throw new Error("GET /api/v1/admin/audit-logs is gone from the route table: B's trail is unchecked");
    for (const target of targets) {
      const result = await probe(auditRoute, 'admin', `${auditRoute.path}?${new URLSearchParams(target)}`);
      const items = (result.body as { items?: unknown[] } | undefined)?.items;
      if (result.status !== 200 || items === undefined) {
        throw new Error(`audit trail query ${result.request} -> ${result.status} ${JSON.stringify(result.body)}`);
      }
      if (items.length > 0)
        offences.push({ kind: 'leak', ...result, found: `${target.entityType} ${target.entityId} audit entries` });
    }

    for (const { resource, id } of made) after.set(id, await readAsHome(resource, id));
  }, 90_000);

  it("lets tenant B reach nothing of tenant A's: no 2xx, no A id in any answer", () => {
    expect(offences.map(describeOffence), `tenant B reached tenant A's data (${probes.length} probes)`).toEqual([]);
  });

  it.each(byId.map((route) => [route.routeKey] as const))(
    "%s answers 404 to every role of tenant B, so A's ids are not even confirmed",
    (routeKey) => {
      const answers = probes.filter((result) => result.routeKey === routeKey);

      expect(answers.length).toBeGreaterThan(0);
      expect(answers.map(({ role, status }) => `${role}: ${status}`)).toEqual(
        answers.map(({ role }) => `${role}: 404`),
      );
    },
  );

  it("leaves tenant A's objects exactly as they were", () => {
    for (const { resource, id } of made) {
      const was = before.get(id) as { status: number; body: { version?: number } };
      const is = after.get(id) as { status: number; body: { version?: number } };

      expect(was.status, `${resource} ${id} could not be read before the probe`).toBe(200);
      expect(is.body.version, `${resource} ${id} changed version`).toBe(was.body.version);
      expect(is.body, `${resource} ${id} changed`).toEqual(was.body);
    }
  });
});
