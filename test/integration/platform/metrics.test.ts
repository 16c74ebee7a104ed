import type { MetricName } from '@assist-ten/core/platform/metric.model';
import type { Clock } from '@assist-ten/core/shared/clock';
import type { Principal } from '@assist-ten/core/shared/principal';
import { describe, expect, it, vi } from 'vitest';
import { principalOf } from '../../../infra/local/seed.ts';
import { findLocalUser, LOCAL_TENANTS } from '../../../infra/local/seed-data.ts';

// Loaded after the stack environment points the SDK at DynamoDB Local.
const { metricWrites, getMetricSeries } = await import('@assist-ten/core/platform/metric.service');
const { ActiveUserMarkEntity, SystemMetricEntity } = await import('@assist-ten/core/platform/metric.entity');
const { addDays, PLATFORM_SHARDS } = await import('@assist-ten/core/platform/metric.model');
const { put, transactWrite } = await import('@assist-ten/core/shared/transaction');
const { newId } = await import('@assist-ten/core/shared/ids');

const seeded = findLocalUser('superadmin@platform.test');
if (!seeded) throw new Error('seed user missing');
const superadmin = principalOf(seeded);
const TENANT = LOCAL_TENANTS.demo.tenantId;

/**
 * A day of its own, far in the future, per test: the platform counters are shared with
 * every other test of the run, and a day nobody else writes keeps the counts exact.
 */
const aDayOfItsOwn = (): string => addDays('2200-01-01', Math.floor(Math.random() * 2_000_000));
const clockOn = (day: string): Clock => ({ now: () => new Date(`${day}T12:00:00.000Z`) });
const noon = (day: string) => `${day}T12:00:00.000Z`;

const valueOn = async (day: string, name: MetricName, tenantId?: string): Promise<number> => {
  const series = await getMetricSeries(superadmin, { name, from: day, to: day, ...(tenantId ? { tenantId } : {}) });
  return series.points[0]?.value ?? Number.NaN;
};

const aUser = (): Principal => ({ ...principalOf(seeded), tenantId: TENANT, userId: newId('user') });

/** The service as a fresh process has it: nobody counted in memory yet. */
const freshProcess = async () => {
  vi.resetModules();
  return import('@assist-ten/core/platform/metric.service');
};

describe('usage metrics (DynamoDB Local)', () => {
  it('counts writes of a transaction per tenant and platform-wide, summing the platform shards', async () => {
    const day = aDayOfItsOwn();

    for (let count = 0; count < 24; count++)
      await transactWrite(metricWrites(TENANT, 'requisitions_created', 1, noon(day)));
    await transactWrite(metricWrites(TENANT, 'requisitions_created', 5, noon(day)));

    expect(await valueOn(day, 'requisitions_created', TENANT)).toBe(29);
    expect(await valueOn(day, 'requisitions_created')).toBe(29);
    const shards = await Promise.all(
      Array.from({ length: PLATFORM_SHARDS }, (_, shard) =>
        SystemMetricEntity.query.series({ scope: '#platform', name: 'requisitions_created', shard }).go(),
      ),
    );
    const used = shards.map(({ data }) => data.find((item) => item.day === day)?.value ?? 0);
    expect(used.filter((value) => value > 0).length).toBeGreaterThan(1);
    expect(used.reduce((sum, value) => sum + value, 0)).toBe(29);
  });

  it('answers a point for every day of the range, 0 around the counted day', async () => {
    const day = aDayOfItsOwn();
    await transactWrite(metricWrites(TENANT, 'interviews_scheduled', 3, noon(day)));

    const series = await getMetricSeries(superadmin, {
      name: 'interviews_scheduled',
      tenantId: TENANT,
      from: addDays(day, -1),
      to: addDays(day, 1),
    });

    expect(series).toEqual({
      name: 'interviews_scheduled',
      scope: TENANT,
      from: addDays(day, -1),
      to: addDays(day, 1),
      points: [
        { day: addDays(day, -1), value: 0 },
        { day, value: 3 },
        { day: addDays(day, 1), value: 0 },
      ],
    });
  });

  it('keeps tenants apart', async () => {
    const day = aDayOfItsOwn();
    await transactWrite(metricWrites(LOCAL_TENANTS.acme.tenantId, 'users_invited', 2, noon(day)));

    expect(await valueOn(day, 'users_invited', TENANT)).toBe(0);
    expect(await valueOn(day, 'users_invited', LOCAL_TENANTS.acme.tenantId)).toBe(2);
  });

  it('counts nothing when the transaction that carries the counters fails', async () => {
    const day = aDayOfItsOwn();
    const mark = ActiveUserMarkEntity.create({ tenantId: TENANT, day, userId: newId('user'), expiresAt: 1 });
    await mark.go();

    const failed = transactWrite([put(mark.params()), ...metricWrites(TENANT, 'users_invited', 1, noon(day))]);

    await expect(failed).rejects.toThrow();
    expect(await valueOn(day, 'users_invited', TENANT)).toBe(0);
    expect(await valueOn(day, 'users_invited')).toBe(0);
  });

  it('refuses a tenant that does not exist with 404', async () => {
    await expect(
      getMetricSeries(superadmin, { name: 'active_users', tenantId: 'tnt_01JNOSUCHTENANT00000000000' }),
    ).rejects.toMatchObject({ statusCode: 404 });
  });

  describe('recordActiveUser', () => {
    it('counts a user once per day however often they call', async () => {
      const day = aDayOfItsOwn();
      const { recordActiveUser } = await freshProcess();
      const user = aUser();

      await recordActiveUser(user, { clock: clockOn(day) });
      await recordActiveUser(user, { clock: clockOn(day) });

      expect(await valueOn(day, 'active_users', TENANT)).toBe(1);
      expect(await valueOn(day, 'active_users')).toBe(1);
    });

    it('counts once when a second process, which remembers nothing, calls for the same user and day', async () => {
      const day = aDayOfItsOwn();
      const user = aUser();
      const onFailure = vi.fn();

      await (await freshProcess()).recordActiveUser(user, { clock: clockOn(day), onFailure });
      await (await freshProcess()).recordActiveUser(user, { clock: clockOn(day), onFailure });

      expect(await valueOn(day, 'active_users', TENANT)).toBe(1);
      expect(onFailure).not.toHaveBeenCalled();
    });

    it('counts once when two processes race on the first request of the day', async () => {
      const day = aDayOfItsOwn();
      const user = aUser();
      const first = await freshProcess();
      const second = await freshProcess();
      const onFailure = vi.fn();

      await Promise.all([
        first.recordActiveUser(user, { clock: clockOn(day), onFailure }),
        second.recordActiveUser(user, { clock: clockOn(day), onFailure }),
      ]);

      expect(await valueOn(day, 'active_users', TENANT)).toBe(1);
      expect(await valueOn(day, 'active_users')).toBe(1);
      expect(onFailure).not.toHaveBeenCalled();
    });

    it('counts different users, and the same user again the next day', async () => {
      const day = aDayOfItsOwn();
      const { recordActiveUser } = await freshProcess();
      const alice = aUser();

      await recordActiveUser(alice, { clock: clockOn(day) });
      await recordActiveUser(aUser(), { clock: clockOn(day) });
      await recordActiveUser(alice, { clock: clockOn(addDays(day, 1)) });

      expect(await valueOn(day, 'active_users', TENANT)).toBe(2);
      expect(await valueOn(addDays(day, 1), 'active_users', TENANT)).toBe(1);
    });
  });
});
