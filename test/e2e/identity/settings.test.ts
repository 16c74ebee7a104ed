import { randomUUID } from 'node:crypto';
import { DEFAULT_SETTINGS, type SettingsDocument } from '@assist-ten/core/identity/settings.model';
import { AuditLogEntity } from '@assist-ten/core/platform/audit-log.entity';
import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { HOME, OTHER, SUPERADMIN } from '../../support/fixtures.ts';

const SETTINGS = '/api/v1/admin/settings';

interface FreshTenant {
  tenantId: string;
  adminId: string;
  token: string;
}

/**
 * A tenant of its own, made through the API: the seeded tenants' settings are shared with
 * every other test file (and the audit coverage test saves them), so "never saved" and
 * "what I saved" can only be asserted on a tenant nobody else touches.
 */
const freshTenant = async (): Promise<FreshTenant> => {
  const tag = randomUUID().slice(0, 8);
  const email = `admin-${tag}@settings-e2e.test`;
  const created = await call('POST', '/api/v1/superadmin/tenants', {
    token: await tokenFor(SUPERADMIN),
    body: {
      name: `Settings ${tag}`,
      slug: `settings-${tag}`,
      plan: 'starter',
      contact: { name: 'Settings Test', email },
      admin: { email, name: 'Settings Admin' },
    },
  });
  if (created.status !== 201) throw new Error(`create tenant -> ${created.status} ${JSON.stringify(created.body)}`);
  return { tenantId: created.body.id, adminId: created.body.firstAdmin.id, token: await tokenFor(email) };
};

/** A whole, valid document that differs from the defaults in every section. */
const changed = (): SettingsDocument => {
  const document = structuredClone(DEFAULT_SETTINGS) as SettingsDocument;
  document.assessmentDefaults = { durationMinutes: 90, passingScorePercent: 55 };
  document.proctoring.thresholds.looking_away = 'high';
  document.proctoring.autoFlagBelowScore = 40;
  document.proctoring.snapshotRetentionDays = 30;
  document.allowedEmailDomains = [`only-${randomUUID().slice(0, 8)}.example`];
  document.interviewDefaults = { durationMinutes: 45, reminderLeadMinutes: 1_440 };
  document.notificationDefaults.application = { inApp: false, email: true };
  document.timezone = 'Pacific/Chatham';
  return document;
};

const settingsAudit = async (tenantId: string) =>
  (await AuditLogEntity.query.byEntity({ tenantId, entityType: 'settings', entityId: tenantId }).go({ pages: 'all' }))
    .data;

describe('admin settings over HTTP', () => {
  it('answers the defaults at version 0, without bookkeeping, to a tenant that never saved', async () => {
    const { token } = await freshTenant();

    const read = await call('GET', SETTINGS, { token });

    expect(read.status).toBe(200);
    expect(read.body).toEqual({ ...DEFAULT_SETTINGS, version: 0 });
    expect(read.headers.get('etag')).toBe('"0"');
  });

  it('saves the whole document and reads it back, with who saved it', async () => {
    const { token, adminId } = await freshTenant();
    const document = changed();

    const saved = await call('PUT', SETTINGS, { token, body: document, headers: { 'if-match': '"0"' } });
    const read = await call('GET', SETTINGS, { token });

    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ ...document, version: 1, createdBy: adminId, updatedBy: adminId });
    expect(saved.body.updatedAt).toEqual(expect.any(String));
    expect(saved.headers.get('etag')).toBe('"1"');
    expect(read.body).toEqual(saved.body);
    expect(read.headers.get('etag')).toBe('"1"');
  });

  it('refuses a stale If-Match with 412 and keeps what was saved; without If-Match the last writer wins', async () => {
    const { token } = await freshTenant();
    const first = changed();
    await call('PUT', SETTINGS, { token, body: first });

    const stale = await call('PUT', SETTINGS, {
      token,
      body: { ...first, timezone: 'Europe/Berlin' },
      headers: { 'if-match': '"0"' },
    });
    const unconditional = await call('PUT', SETTINGS, { token, body: { ...first, timezone: 'Asia/Tokyo' } });

    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'precondition_failed', currentVersion: 1 });
    expect(unconditional.status).toBe(200);
    expect(unconditional.body).toMatchObject({ timezone: 'Asia/Tokyo', version: 2 });
  });

  it('lets exactly one of two concurrent first saves with If-Match "0" win', async () => {
    const { token } = await freshTenant();
    const save = (timezone: string) =>
      call('PUT', SETTINGS, { token, body: { ...changed(), timezone }, headers: { 'if-match': '"0"' } });

    const results = await Promise.all([save('Europe/Paris'), save('America/Chicago')]);

    expect(results.map((result) => result.status).sort()).toEqual([200, 412]);
    const read = await call('GET', SETTINGS, { token });
    const winner = results.find((result) => result.status === 200);
    expect(read.body).toMatchObject({ version: 1, timezone: winner?.body.timezone });
  });

  it('applies both of two concurrent first saves without If-Match, one after the other', async () => {
    const { token, tenantId } = await freshTenant();
    const save = (timezone: string) => call('PUT', SETTINGS, { token, body: { ...changed(), timezone } });

    const results = await Promise.all([save('Europe/Paris'), save('America/Chicago')]);

    expect(results.map((result) => result.status)).toEqual([200, 200]);
    const read = await call('GET', SETTINGS, { token });
    expect(read.body.version).toBe(2);
    expect(await settingsAudit(tenantId)).toHaveLength(2);
  });

  it.each([
    ['interviewDefaults.durationMinutes', { interviewDefaults: { durationMinutes: 10, reminderLeadMinutes: 60 } }],
    [
      'assessmentDefaults.passingScorePercent',
      { assessmentDefaults: { durationMinutes: 60, passingScorePercent: 101 } },
    ],
    ['allowedEmailDomains.0', { allowedEmailDomains: ['not a domain'] }],
    ['timezone', { timezone: 'Mars/Olympus_Mons' }],
  ])('refuses a bad %s with 400 naming the field, and saves nothing', async (field, change) => {
    const { token } = await freshTenant();

    const response = await call('PUT', SETTINGS, { token, body: { ...structuredClone(DEFAULT_SETTINGS), ...change } });

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual([field]);
    const read = await call('GET', SETTINGS, { token });
    expect(read.body.version).toBe(0);
  });

  it('refuses a document with a section missing, naming it', async () => {
    const { token } = await freshTenant();
    const { proctoring: _, ...partial } = structuredClone(DEFAULT_SETTINGS);

    const response = await call('PUT', SETTINGS, { token, body: partial });

    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(['proctoring']);
  });

  it.each([['GET'], ['PUT']])('answers 403 to a recruiter on %s', async (method) => {
    const token = await tokenFor(HOME.recruiter);

    const response = await call(method, SETTINGS, {
      token,
      ...(method === 'PUT' ? { body: structuredClone(DEFAULT_SETTINGS) } : {}),
    });

    expect(response.status).toBe(403);
  });

  it("never shows one tenant's settings to another tenant's admin", async () => {
    const mine = await freshTenant();
    const theirs = await freshTenant();
    const document = changed();
    await call('PUT', SETTINGS, { token: mine.token, body: document });

    const theirRead = await call('GET', SETTINGS, { token: theirs.token });
    const seededRead = await call('GET', SETTINGS, { token: await tokenFor(OTHER.admin) });

    expect(theirRead.body).toEqual({ ...DEFAULT_SETTINGS, version: 0 });
    expect(seededRead.status).toBe(200);
    expect(seededRead.body.allowedEmailDomains).not.toContain(document.allowedEmailDomains[0]);
  });

  it('writes a settings.updated audit entry for every save, naming who and what changed', async () => {
    const { token, tenantId, adminId } = await freshTenant();
    const document = changed();

    await call('PUT', SETTINGS, { token, body: document });
    await call('PUT', SETTINGS, { token, body: document });

    const entries = await settingsAudit(tenantId);
    expect(entries).toHaveLength(2);
    for (const entry of entries) {
      expect(entry).toMatchObject({ action: 'settings.updated', entityType: 'settings', actorId: adminId });
    }
    const fields = (entry: (typeof entries)[number]) => entry.changes.map((change) => change.field).sort();
    const [second, first] = [...entries].sort((a, b) => b.auditId.localeCompare(a.auditId));
    expect(first && fields(first)).toEqual([
      'allowedEmailDomains',
      'assessmentDefaults',
      'interviewDefaults',
      'notificationDefaults',
      'proctoring',
      'timezone',
    ]);
    expect(second?.changes).toEqual([]);
  });
});
