import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { createRequisition, HOME } from '../../support/fixtures.ts';

const BASE = '/api/v1/recruiter/requisitions';
const recruiter = () => tokenFor(HOME.recruiter);

describe('requisition requests', () => {
  it.each(['tenantId', 'id', 'status', 'createdBy', 'version', 'pk', 'sk', 'gsi1pk', 'publishedAt'])(
    'rejects %s in a create body with 400 naming the field, and stores nothing',
    async (field) => {
      const title = `Sneaky ${randomUUID()}`;

      const response = await call('POST', BASE, { token: await recruiter(), body: { title, [field]: 'x' } });

      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.body.errors).toContainEqual(expect.objectContaining({ field, code: 'unknown_field' }));
      // Newest first, so an item made by this request would be on the first page.
      const after = await call('GET', `${BASE}?mine=true&limit=100`, { token: await recruiter() });
      expect(after.body.items.some((item: { title: string }) => item.title === title)).toBe(false);
    },
  );

  it.each(['tenantId', 'status', 'version', 'createdBy', 'sk'])('rejects %s in a PATCH body', async (field) => {
    const { id } = await createRequisition();

    const response = await call('PATCH', `${BASE}/${id}`, { token: await recruiter(), body: { [field]: 'x' } });

    expect(response.status).toBe(400);
    const read = await call('GET', `${BASE}/${id}`, { token: await recruiter() });
    expect(read.body).toMatchObject({ status: 'draft', version: 1 });
  });

  it('names nested fields that fail validation', async () => {
    const response = await call('POST', BASE, {
      token: await recruiter(),
      body: { title: 'x'.repeat(201), salary: { min: 10, max: 5, currency: 'eur', period: 'yearly' } },
    });

    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(
      ['salary.currency', 'salary.max', 'title'].sort(),
    );
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const response = await call('POST', BASE, {
      token: await recruiter(),
      rawBody: '{"title": ',
      headers: { 'content-type': 'application/json' },
    });

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('malformed_request');
  });

  it('answers a non-JSON body with 415', async () => {
    const response = await call('POST', BASE, {
      token: await recruiter(),
      rawBody: 'title=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

    expect(response.status).toBe(415);
  });

  it('answers a body over the limit with 413', async () => {
    const response = await call('POST', BASE, {
      token: await recruiter(),
      body: { title: 'Big', description: 'x'.repeat(300 * 1024) },
    });

    expect(response.status).toBe(413);
    expect(response.body.code).toBe('payload_too_large');
  });

  it('rejects an id that is not a requisition id with 400 naming the path parameter', async () => {
    const response = await call('GET', `${BASE}/not-an-id`, { token: await recruiter() });

    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('id');
  });

  it('is 404 for a well-formed id that does not exist', async () => {
    const response = await call('GET', `${BASE}/req_01JZZZZZZZZZZZZZZZZZZZZZZZ`, { token: await recruiter() });

    expect(response.status).toBe(404);
  });

  it('replays the first response for a repeated Idempotency-Key and creates one item', async () => {
    const key = randomUUID();
    const headers = { 'idempotency-key': key };
    const body = { title: `Idempotent ${key}` };

    const first = await call('POST', BASE, { token: await recruiter(), body, headers });
    const second = await call('POST', BASE, { token: await recruiter(), body, headers });

    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    const list = await call('GET', `${BASE}?mine=true&limit=100`, { token: await recruiter() });
    expect(list.body.items.filter((item: { title: string }) => item.title === body.title)).toHaveLength(1);
  });

  it('refuses an Idempotency-Key reused for a different body with 422', async () => {
    const headers = { 'idempotency-key': randomUUID() };
    await call('POST', BASE, { token: await recruiter(), body: { title: 'One' }, headers });

    const reused = await call('POST', BASE, { token: await recruiter(), body: { title: 'Two' }, headers });

    expect(reused.status).toBe(422);
  });

  it('frees an Idempotency-Key whose request failed, so a corrected retry succeeds', async () => {
    const headers = { 'idempotency-key': randomUUID() };
    const failed = await call('POST', BASE, { token: await recruiter(), body: { title: '' }, headers });

    const retried = await call('POST', BASE, { token: await recruiter(), body: { title: 'Fixed' }, headers });

    expect(failed.status).toBe(400);
    expect(retried.status).toBe(201);
  });

  it('answers CORS preflight for an allowed origin and not for others', async () => {
    const allowed = await call('OPTIONS', BASE, {
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    const foreign = await call('OPTIONS', BASE, {
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });

    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });
});
