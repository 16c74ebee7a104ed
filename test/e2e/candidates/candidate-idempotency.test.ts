import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { HOME } from '../../support/fixtures.ts';
import { unique } from '../../support/users.ts';
import { whoIs } from '../../support/whoami.ts';

// Loaded after the stack environment points the SDK at DynamoDB Local.
const { IdempotencyRecordEntity } = await import('@assist-ten/core/shared/idempotency.entity');

const CANDIDATES = '/api/v1/recruiter/candidates';

describe('an idempotent candidate creation', () => {
  it('replays the first response whole while its stored copy holds no readable personal data', async () => {
    const local = unique('replayed');
    const body = { fullName: 'Replayed Person', email: `${local}@example.test`, phone: '+351 912 345 678' };
    const key = unique('key');
    const token = await tokenFor(HOME.recruiter);

    const first = await call('POST', CANDIDATES, { token, body, headers: { 'idempotency-key': key } });
    const replay = await call('POST', CANDIDATES, { token, body, headers: { 'idempotency-key': key } });
    const { tenantId, userId } = await whoIs(HOME.recruiter);
    const { data: record } = await IdempotencyRecordEntity.get({
      tenantId,
      scope: `POST ${CANDIDATES}|${userId}`,
      key,
    }).go();

    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('location')).toBe(first.headers.get('location'));
    expect(record?.state).toBe('completed');
    const stored = JSON.stringify(record);
    expect(stored).not.toContain(local);
    expect(stored).not.toContain('912 345 678');
    expect(stored).not.toContain('Replayed Person');
  });
});
