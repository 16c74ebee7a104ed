import { AuditLogEntity } from '@assist-ten/core/platform/audit-log.entity';
import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { createFlag, FLAGS, flagBody, freshFlagKey } from '../../support/fixtures/feature-flags.ts';
import { HOME, OTHER, SUPERADMIN } from '../../support/users.ts';
import { whoIs } from '../../support/whoami.ts';

/*
 * Evaluation is cached for 30 s per execution environment, and a write drops the cache of
 * the environment that made it. The local cloud runs every context in one process, so
 * after a write the next evaluation reads the table again: these tests use fresh flag
 * keys and never wait for the cache to expire (see docs/feature-flags.md).
 */

const superadmin = () => tokenFor(SUPERADMIN);

const evaluatedFor = async (email: string): Promise<Record<string, boolean>> => {
  const response = await call('GET', '/api/v1/feature-flags', { token: await tokenFor(email) });
  expect(response.status).toBe(200);
  return response.body.flags;
};

/** Every key the list shows, all pages. */
const listedKeys = async (query = ''): Promise<string[]> => {
  const keys: string[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams(query);
    params.set('limit', '100');
    if (cursor) params.set('cursor', cursor);
    const page = await call('GET', `${FLAGS}?${params}`, { token: await superadmin() });
    expect(page.status).toBe(200);
    keys.push(...page.body.items.map((item: { key: string }) => item.key));
    cursor = page.body.nextCursor;
  } while (cursor);
  return keys;
};

describe('feature flags over HTTP', () => {
  describe('definition', () => {
    it('creates a flag, answers with Location and ETag, and reads it back by key', async () => {
      // Arrange
      const body = flagBody({ enabled: true, rolloutPercentage: 12.5, targetRoles: ['admin', 'recruiter'] });

      // Act
      const created = await call('POST', FLAGS, { token: await superadmin(), body });

      // Assert
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        key: body.key,
        description: 'Made by a test',
        enabled: true,
        rolloutPercentage: 12.5,
        targetRoles: ['recruiter', 'admin'],
        tenantOverrides: {},
        version: 1,
      });
      expect(created.headers.get('location')).toBe(`${FLAGS}/${body.key}`);
      expect(created.headers.get('etag')).toBe('"1"');
      const read = await call('GET', `${FLAGS}/${body.key}`, { token: await superadmin() });
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);
    });

    it('refuses a second flag with the same key with 409 naming key', async () => {
      // Arrange
      const { key } = await createFlag();

      // Act
      const duplicate = await call('POST', FLAGS, {
        token: await superadmin(),
        body: flagBody({ key: key.toUpperCase() }),
      });

      // Assert
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.errors).toEqual([expect.objectContaining({ field: 'key', code: 'taken' })]);
    });

    it('replays the first answer for a repeated Idempotency-Key instead of a 409', async () => {
      // Arrange
      const body = flagBody();
      const headers = { 'idempotency-key': `ff-${crypto.randomUUID()}` };
      const first = await call('POST', FLAGS, { token: await superadmin(), body, headers });

      // Act
      const again = await call('POST', FLAGS, { token: await superadmin(), body, headers });

      // Assert
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(first.body);
    });

    it.each([
      ['key', { key: 'No Spaces Allowed' }],
      ['rolloutPercentage', { rolloutPercentage: 100.5 }],
      ['tenantOverrides.usr_1', { tenantOverrides: { usr_1: true } }],
      ['targetRoles.0', { targetRoles: ['owner'] }],
    ])('answers 400 naming %s', async (field, overrides) => {
      // Act
      const response = await call('POST', FLAGS, { token: await superadmin(), body: flagBody(overrides) });

      // Assert
      expect(response.status).toBe(400);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    });

    it('answers 404 for a key nobody defined', async () => {
      // Act
      const response = await call('GET', `${FLAGS}/${freshFlagKey()}`, { token: await superadmin() });

      // Assert
      expect(response.status).toBe(404);
    });

    it('honours If-Match: a stale version is 412 and nothing changes', async () => {
      // Arrange
      const { key } = await createFlag();
      const token = await superadmin();
      await call('PATCH', `${FLAGS}/${key}`, { token, body: { enabled: true }, headers: { 'if-match': '"1"' } });

      // Act
      const stale = await call('PATCH', `${FLAGS}/${key}`, {
        token,
        body: { description: 'Stale' },
        headers: { 'if-match': '"1"' },
      });

      // Assert
      expect(stale.status).toBe(412);
      const read = await call('GET', `${FLAGS}/${key}`, { token });
      expect(read.body).toMatchObject({ enabled: true, description: 'Made by a test', version: 2 });
    });

    it('merges tenant overrides on PATCH: null removes one, the others stay', async () => {
      // Arrange
      const { key } = await createFlag(flagBody({ tenantOverrides: { tnt_a: true, tnt_b: false } }));

      // Act
      const patched = await call('PATCH', `${FLAGS}/${key}`, {
        token: await superadmin(),
        body: { tenantOverrides: { tnt_b: null, tnt_c: true } },
      });

      // Assert
      expect(patched.status).toBe(200);
      expect(patched.body.tenantOverrides).toEqual({ tnt_a: true, tnt_c: true });
    });

    it('lists flags newest first, one page at a time', async () => {
      // Arrange
      const older = await createFlag();
      const newer = await createFlag();

      // Act
      const keys = await listedKeys();

      // Assert
      expect(keys.indexOf(newer.key)).toBeGreaterThanOrEqual(0);
      expect(keys.indexOf(newer.key)).toBeLessThan(keys.indexOf(older.key));
      const first = await call('GET', `${FLAGS}?limit=1`, { token: await superadmin() });
      expect(first.body.items).toHaveLength(1);
      const second = await call('GET', `${FLAGS}?limit=1&cursor=${first.body.nextCursor}`, {
        token: await superadmin(),
      });
      expect(second.status).toBe(200);
      expect(second.body.items[0]?.key).not.toBe(first.body.items[0]?.key);
    });
  });

  describe('archive', () => {
    it('archives: 200 with archivedAt, out of the list unless asked, still readable by key', async () => {
      // Arrange
      const { key } = await createFlag();
      const token = await superadmin();

      // Act
      const archived = await call('DELETE', `${FLAGS}/${key}`, { token, headers: { 'if-match': '"1"' } });

      // Assert
      expect(archived.status).toBe(200);
      expect(archived.body).toMatchObject({ key, version: 2, archivedAt: expect.any(String) });
      expect(await listedKeys()).not.toContain(key);
      expect(await listedKeys('includeArchived=true')).toContain(key);
      const read = await call('GET', `${FLAGS}/${key}`, { token });
      expect(read.body.archivedAt).toBe(archived.body.archivedAt);
    });

    it('keeps an archived flag as it is and its key taken', async () => {
      // Arrange
      const { key } = await createFlag();
      const token = await superadmin();
      await call('DELETE', `${FLAGS}/${key}`, { token });

      // Act
      const patch = await call('PATCH', `${FLAGS}/${key}`, { token, body: { enabled: true } });
      const again = await call('DELETE', `${FLAGS}/${key}`, { token });
      const recreate = await call('POST', FLAGS, { token, body: flagBody({ key }) });

      // Assert
      expect([patch.status, again.status, recreate.status]).toEqual([409, 409, 409]);
      expect(recreate.body.errors[0].field).toBe('key');
    });

    it('takes an archived flag out of evaluation', async () => {
      // Arrange
      const { key } = await createFlag(flagBody({ enabled: true }));
      expect((await evaluatedFor(HOME.recruiter))[key]).toBe(true);

      // Act
      await call('DELETE', `${FLAGS}/${key}`, { token: await superadmin() });

      // Assert
      expect(await evaluatedFor(HOME.recruiter)).not.toHaveProperty(key);
    });
  });

  describe('evaluation', () => {
    it("switches a flag on for the tenant it overrides, not for another tenant's staff", async () => {
      // Arrange
      const home = await whoIs(HOME.recruiter);
      const { key } = await createFlag(flagBody({ enabled: false, tenantOverrides: { [home.tenantId]: true } }));

      // Act
      const homeFlags = await evaluatedFor(HOME.recruiter);
      const otherFlags = await evaluatedFor(OTHER.recruiter);
      const me = await call('GET', '/api/v1/me', { token: await tokenFor(HOME.interviewer) });

      // Assert
      expect(homeFlags[key]).toBe(true);
      expect(otherFlags[key]).toBe(false);
      expect(me.body.featureFlags[key]).toBe(true);
    });

    it('switches a flag targeted at admins on for an admin and off for a recruiter of the same tenant', async () => {
      // Arrange
      const { key } = await createFlag(flagBody({ enabled: true, targetRoles: ['admin'] }));

      // Act
      const admin = await call('GET', '/api/v1/me', { token: await tokenFor(HOME.admin) });
      const recruiter = await call('GET', '/api/v1/me', { token: await tokenFor(HOME.recruiter) });

      // Assert
      expect(admin.body.featureFlags[key]).toBe(true);
      expect(recruiter.body.featureFlags[key]).toBe(false);
    });

    it('shows a change to a flag at the next evaluation after the write', async () => {
      // Arrange
      const { key } = await createFlag(flagBody({ enabled: false }));
      expect((await evaluatedFor(HOME.interviewer))[key]).toBe(false);

      // Act
      await call('PATCH', `${FLAGS}/${key}`, { token: await superadmin(), body: { rolloutPercentage: 100 } });

      // Assert
      expect((await evaluatedFor(HOME.interviewer))[key]).toBe(true);
    });
  });

  describe('audit', () => {
    it('records created, updated and archived entries for the flag in the platform tenant', async () => {
      // Arrange
      const platform = await whoIs(SUPERADMIN);
      const { key } = await createFlag();
      const token = await superadmin();
      await call('PATCH', `${FLAGS}/${key}`, { token, body: { enabled: true } });
      await call('DELETE', `${FLAGS}/${key}`, { token });

      // Act
      const { data } = await AuditLogEntity.query
        .byEntity({ tenantId: platform.tenantId, entityType: 'feature_flag', entityId: key })
        .go({ pages: 'all' });

      // Assert
      expect(data.map((entry) => entry.action).sort()).toEqual([
        'feature_flag.archived',
        'feature_flag.created',
        'feature_flag.updated',
      ]);
      expect(data.every((entry) => entry.actorId === platform.userId)).toBe(true);
      const updated = data.find((entry) => entry.action === 'feature_flag.updated');
      expect(updated?.changes).toEqual([{ field: 'enabled', before: false, after: true }]);
    });
  });
});
