import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { HOME, OTHER, SUPERADMIN } from '../../support/users.ts';
import { whoIs } from '../../support/whoami.ts';

const METRICS = '/api/v1/superadmin/metrics';

const asSuperadmin = async (query: Record<string, string>) =>
  call('GET', `${METRICS}?${new URLSearchParams(query)}`, { token: await tokenFor(SUPERADMIN) });

const dayOffset = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const fieldsOf = (body: { errors?: { field: string }[] }): string[] => (body.errors ?? []).map((error) => error.field);

describe('GET /api/v1/superadmin/metrics', () => {
  it('answers the last 30 days platform-wide by default, one point per day, in order', async () => {
    const response = await asSuperadmin({ name: 'requisitions_created' });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ name: 'requisitions_created', scope: 'platform' });
    const { from, to, points } = response.body as {
      from: string;
      to: string;
      points: { day: string; value: number }[];
    };
    // The request may cross midnight UTC between the server's today and ours.
    expect([dayOffset(0), dayOffset(-1)]).toContain(to);
    expect(points).toHaveLength(30);
    expect(points[0]?.day).toBe(from);
    expect(points.at(-1)?.day).toBe(to);
    expect(points.map((point) => point.day)).toEqual([...points.map((point) => point.day)].sort());
    expect(new Set(points.map((point) => point.day)).size).toBe(30);
    for (const point of points) expect(point.value).toEqual(expect.any(Number));
  });

  it("answers a tenant's series with a zero for every day nothing was counted", async () => {
    const { tenantId } = await whoIs(HOME.admin);

    const response = await asSuperadmin({ name: 'assessments_taken', tenantId, from: '2199-12-30', to: '2200-01-02' });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      name: 'assessments_taken',
      scope: tenantId,
      from: '2199-12-30',
      to: '2200-01-02',
      points: [
        { day: '2199-12-30', value: 0 },
        { day: '2199-12-31', value: 0 },
        { day: '2200-01-01', value: 0 },
        { day: '2200-01-02', value: 0 },
      ],
    });
  });

  it('accepts a range of exactly 366 days', async () => {
    const response = await asSuperadmin({ name: 'active_users', from: '2024-01-01', to: '2024-12-31' });

    expect(response.status).toBe(200);
    expect(response.body.points).toHaveLength(366);
  });

  it.each([
    ['no name', {}, 'name'],
    ['an unknown name', { name: 'page_views' }, 'name'],
    ['a date that is not YYYY-MM-DD', { name: 'active_users', from: '01/02/2025' }, 'from'],
    ['a date that does not exist', { name: 'active_users', to: '2025-02-30' }, 'to'],
    ['from after to', { name: 'active_users', from: '2025-02-02', to: '2025-02-01' }, 'from'],
    ['more than 366 days', { name: 'active_users', from: '2024-01-01', to: '2025-01-01' }, 'from'],
    ['a malformed tenant id', { name: 'active_users', tenantId: 'acme' }, 'tenantId'],
    ['an unknown parameter', { name: 'active_users', shard: '1' }, 'shard'],
  ])('refuses %s with 400 naming the field', async (_, query, field) => {
    const response = await asSuperadmin(query);

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(fieldsOf(response.body)).toContain(field);
  });

  it('answers 404 for a tenant that does not exist', async () => {
    const response = await asSuperadmin({ name: 'active_users', tenantId: 'tnt_01JNOSUCHTENANT00000000000' });

    expect(response.status).toBe(404);
  });

  it.each([HOME.admin, HOME.recruiter, OTHER.admin])('is 403 for %s, even for their own tenant', async (email) => {
    const { tenantId } = await whoIs(email);

    const response = await call('GET', `${METRICS}?name=active_users&tenantId=${tenantId}`, {
      token: await tokenFor(email),
    });

    expect(response.status).toBe(403);
    expect(JSON.stringify(response.body)).not.toContain('points');
  });

  it('is 401 without a token', async () => {
    const response = await call('GET', `${METRICS}?name=active_users`);

    expect(response.status).toBe(401);
  });
});
