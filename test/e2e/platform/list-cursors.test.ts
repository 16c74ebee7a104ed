import { beforeAll, describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { createFlag } from '../../support/fixtures/feature-flags.ts';
import { createTenant } from '../../support/fixtures/identity.ts';
import { createIncident } from '../../support/fixtures/incidents.ts';
import { SUPERADMIN } from '../../support/users.ts';

/** The superadmin's lists that have no tenant in their partition: each must keep to its own. */
const LISTS = ['/api/v1/superadmin/tenants', '/api/v1/superadmin/feature-flags', '/api/v1/superadmin/incidents'];

const cursors = new Map<string, string>();

beforeAll(async () => {
  await Promise.all([createTenant(), createTenant(), createFlag(), createFlag(), createIncident(), createIncident()]);
  const token = await tokenFor(SUPERADMIN);
  for (const list of LISTS) {
    const page = await call<{ nextCursor: string | null }>('GET', `${list}?limit=1`, { token });
    if (!page.body.nextCursor) throw new Error(`${list} gave no cursor`);
    cursors.set(list, page.body.nextCursor);
  }
});

describe('cursors of the platform lists', () => {
  it.each(LISTS.flatMap((from) => LISTS.filter((to) => to !== from).map((to) => [from, to] as const)))(
    "a cursor of %s is a 400 on %s, not another list's page or a 500",
    async (from, to) => {
      // Act
      const response = await call('GET', `${to}?limit=1&cursor=${cursors.get(from)}`, {
        token: await tokenFor(SUPERADMIN),
      });

      // Assert
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'cursor', code: 'invalid_cursor' })]);
    },
  );

  it.each(LISTS)('a cursor of %s pages on through its own list', async (list) => {
    // Act
    const response = await call('GET', `${list}?limit=1&cursor=${cursors.get(list)}`, {
      token: await tokenFor(SUPERADMIN),
    });

    // Assert
    expect(response.status).toBe(200);
  });
});
