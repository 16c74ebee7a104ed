import { describe, expect, it } from 'vitest';
import { routes } from '../../../functions/routes.ts';
import { call, tokenFor } from '../../support/api.ts';
import { mutationCalls } from '../../support/fixtures.ts';
import { SUPERADMIN } from '../../support/users.ts';
import { whoIs } from '../../support/whoami.ts';

interface Entry {
  requestId: string;
  action: string;
  entityId: string;
  changes: { field: string }[];
}

/** Every audit entry `actorId` wrote in `tenantId` since `from`, all pages. */
const entriesSince = async (tenantId: string, actorId: string, from: string): Promise<Entry[]> => {
  const token = await tokenFor(SUPERADMIN);
  const entries: Entry[] = [];
  let cursor: string | null = null;
  do {
    const query: URLSearchParams = new URLSearchParams({
      tenantId,
      actorId,
      from,
      limit: '100',
      ...(cursor ? { cursor } : {}),
    });
    const page: { status: number; body: { items: Entry[]; nextCursor: string | null } } = await call<{
      items: Entry[];
      nextCursor: string | null;
    }>('GET', `/api/v1/superadmin/audit-logs?${query}`, { token });
    expect(page.status).toBe(200);
    entries.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return entries;
};

/**
 * Generated from the route table: every route that changes something is called once with
 * a request that succeeds, and its audit entry must carry that very request's id.
 */
const mutating = routes.filter(
  (route) => route.method !== 'GET' && route.auth.type === 'staff' && !('unaudited' in route),
);

describe('audit coverage', () => {
  it.each(mutating.map((route) => [route.routeKey, route] as const))(
    '%s writes an audit entry for its request',
    async (routeKey, route) => {
      const scenario = mutationCalls[routeKey];
      if (!scenario) throw new Error(`${routeKey} changes data but test/support/fixtures has no mutation call for it`);
      const request = await scenario();
      const caller = await whoIs(request.as);
      const from = new Date(Date.now() - 1000).toISOString();

      const response = await call(route.method, request.path, {
        token: await tokenFor(request.as),
        ...(request.body === undefined ? {} : { body: request.body }),
        ...(request.headers ? { headers: request.headers } : {}),
      });

      expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
      const requestId = response.headers.get('x-correlation-id');
      const tenantId = request.auditTenant?.(response.body) ?? caller.tenantId;
      const entries = await entriesSince(tenantId, caller.userId, from);
      const entry = entries.find((candidate) => candidate.requestId === requestId);
      expect(entry, `no audit entry with request id ${requestId}`).toBeDefined();
      expect(entry?.action).toMatch(/^[a-z_]+\.[a-z_]+$/);
    },
  );
});
