import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { candidateBody, createCandidate } from '../../support/fixtures/candidates.ts';
import { HOME, OTHER, unique } from '../../support/users.ts';
import { whoIs } from '../../support/whoami.ts';

// Loaded after the stack environment points the SDK at DynamoDB Local (the document processor's entry point).
const { recordExtractedSkills } = await import('@assist-ten/core/candidates/candidate.service');

const BASE = '/api/v1/recruiter/candidates';
const recruiter = () => tokenFor(HOME.recruiter);

describe('candidates over HTTP', () => {
  it('creates a candidate with Location and ETag and reads it back decrypted', async () => {
    const body = candidateBody({
      phone: '+49 30 1234567',
      location: 'Berlin',
      links: { github: 'https://github.com/casey' },
      source: 'referral',
      tags: ['backend'],
      consent: { givenAt: '2026-01-05T10:00:00Z', purpose: 'Hiring for engineering roles' },
    });

    const created = await call('POST', BASE, { token: await recruiter(), body });

    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^cand_[0-9A-Z]{26}$/);
    expect(created.headers.get('location')).toBe(`${BASE}/${created.body.id}`);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body).toMatchObject({
      fullName: 'Casey Candidate',
      email: body.email,
      phone: '+49 30 1234567',
      location: 'Berlin',
      links: { github: 'https://github.com/casey' },
      source: 'referral',
      tags: ['backend'],
      status: 'active',
      skills: { extracted: [], override: null, effective: [], overrideStale: false },
      version: 1,
    });
    const read = await call('GET', `${BASE}/${created.body.id}`, { token: await recruiter() });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it('never shows the key, the blind index, ciphertexts or key attributes', async () => {
    const { id } = await createCandidate(candidateBody({ phone: '+1 555 0100' }));

    const read = await call('GET', `${BASE}/${id}`, { token: await recruiter() });
    const list = await call('GET', `${BASE}?limit=5`, { token: await recruiter() });

    for (const body of [read.body, ...list.body.items]) {
      expect(
        Object.keys(body).filter((key) =>
          /^(pk|sk|gsi\d+(pk|sk)|tenantId|candidateId|wrappedKey|emailIndex|\w+Encrypted|__edb_\w+)$/.test(key),
        ),
      ).toEqual([]);
    }
  });

  it('refuses a second candidate with the same email in any case, naming the existing one', async () => {
    const email = `${unique('dup')}@example.test`;
    const first = await createCandidate(candidateBody({ email }));

    const again = await call('POST', BASE, {
      token: await recruiter(),
      body: candidateBody({ email: `  ${email.toUpperCase()} ` }),
    });

    expect(again.status).toBe(409);
    expect(again.body.existingCandidateId).toBe(first.id);
    expect(again.body.errors).toEqual([expect.objectContaining({ field: 'email', code: 'taken' })]);
  });

  it('lets exactly one of two concurrent creates with one email succeed', async () => {
    const email = `${unique('race')}@example.test`;
    const token = await recruiter();

    const answers = await Promise.all([
      call('POST', BASE, { token, body: candidateBody({ email }) }),
      call('POST', BASE, { token, body: candidateBody({ email: email.toUpperCase() }) }),
    ]);

    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    const winner = answers.find((answer) => answer.status === 201);
    const loser = answers.find((answer) => answer.status === 409);
    expect(loser?.body.existingCandidateId).toBe(winner?.body.id);
  });

  it('finds a candidate by exact email through the blind index, in any case', async () => {
    const { id, email } = await createCandidate();
    const token = await recruiter();

    const found = await call('GET', `${BASE}?${new URLSearchParams({ email: email.toUpperCase() })}`, { token });
    const none = await call('GET', `${BASE}?${new URLSearchParams({ email: `${unique('nobody')}@x.test` })}`, {
      token,
    });

    expect(found.status).toBe(200);
    expect(found.body).toEqual({ items: [expect.objectContaining({ id, email })], nextCursor: null });
    expect(none.body).toEqual({ items: [], nextCursor: null });
  });

  it('lists newest first and pages with a cursor', async () => {
    const older = await createCandidate();
    const newer = await createCandidate();
    const token = await recruiter();

    const all = await call('GET', `${BASE}?limit=100`, { token });
    const first = await call('GET', `${BASE}?limit=1`, { token });
    const second = await call('GET', `${BASE}?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`, {
      token,
    });

    const ids: string[] = all.body.items.map((item: { id: string }) => item.id);
    expect(ids.indexOf(newer.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
    expect(first.body.items).toHaveLength(1);
    expect(second.body.items).toHaveLength(1);
    // Ids are ULIDs: the second page holds an older candidate than the first.
    expect(second.body.items[0].id < first.body.items[0].id).toBe(true);
  });

  it('refuses a cursor taken from another list', async () => {
    const forged = Buffer.from(JSON.stringify({ gsi1pk: 'someone-else', gsi1sk: 'x' })).toString('base64url');

    const response = await call('GET', `${BASE}?cursor=${forged}`, { token: await recruiter() });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });

  it('moves the email claim on change: the old address is free, the new one taken', async () => {
    const { id, email: oldEmail } = await createCandidate();
    const newEmail = `${unique('moved')}@example.test`;
    const token = await recruiter();

    const patched = await call('PATCH', `${BASE}/${id}`, { token, body: { email: newEmail } });
    const byOld = await call('GET', `${BASE}?${new URLSearchParams({ email: oldEmail })}`, { token });
    const reuseOld = await call('POST', BASE, { token, body: candidateBody({ email: oldEmail }) });
    const reuseNew = await call('POST', BASE, { token, body: candidateBody({ email: newEmail }) });

    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ email: newEmail, version: 2 });
    expect(byOld.body.items).toEqual([]);
    expect(reuseOld.status).toBe(201);
    expect(reuseNew.status).toBe(409);
    expect(reuseNew.body.existingCandidateId).toBe(id);
  });

  it('refuses to move the email onto another candidate and changes nothing', async () => {
    const taken = await createCandidate();
    const { id } = await createCandidate();
    const token = await recruiter();

    const response = await call('PATCH', `${BASE}/${id}`, { token, body: { email: taken.email, location: 'Oslo' } });

    expect(response.status).toBe(409);
    expect(response.body.existingCandidateId).toBe(taken.id);
    const read = await call('GET', `${BASE}/${id}`, { token });
    expect(read.body).toMatchObject({ version: 1 });
    expect(read.body.location).toBeUndefined();
  });

  it('clears optional fields with null', async () => {
    const { id } = await createCandidate(
      candidateBody({
        phone: '+1 555 0101',
        location: 'Lisbon',
        consent: { givenAt: '2026-01-01T00:00:00Z', purpose: 'x' },
      }),
    );

    const patched = await call('PATCH', `${BASE}/${id}`, {
      token: await recruiter(),
      body: { phone: null, location: null, consent: null },
    });

    expect(patched.status).toBe(200);
    expect(patched.body.phone).toBeUndefined();
    expect(patched.body.location).toBeUndefined();
    expect(patched.body.consent).toBeUndefined();
  });

  it('honours If-Match: a stale version is 412 and nothing changes', async () => {
    const { id } = await createCandidate();
    const token = await recruiter();
    await call('PATCH', `${BASE}/${id}`, { token, body: { location: 'Porto' }, headers: { 'if-match': '"1"' } });

    const stale = await call('PATCH', `${BASE}/${id}`, {
      token,
      body: { location: 'Stale' },
      headers: { 'if-match': '"1"' },
    });

    expect(stale.status).toBe(412);
    const read = await call('GET', `${BASE}/${id}`, { token });
    expect(read.body).toMatchObject({ location: 'Porto', version: 2 });
  });

  it('keeps a recruiter override across a re-extraction and flags it as stale', async () => {
    const { id } = await createCandidate();
    const token = await recruiter();
    const { tenantId } = await whoIs(HOME.recruiter);
    const override = [{ skill: 'Go', proficiency: 'advanced' }];
    const set = await call('PATCH', `${BASE}/${id}`, { token, body: { skills: override } });

    await recordExtractedSkills(tenantId, id, {
      documentId: 'doc_01JDEM0000000000000000000A',
      extractionId: 'xlog_01JDEM0000000000000000000A',
      skills: [{ skill: 'TypeScript', proficiency: 'expert', confidence: 0.9, evidence: 'Seven years of TypeScript' }],
    });

    expect(set.body.skills).toMatchObject({ override, effective: override, overrideStale: false });
    const read = await call('GET', `${BASE}/${id}`, { token });
    expect(read.body.resumeDocumentId).toBe('doc_01JDEM0000000000000000000A');
    expect(read.body.skills).toMatchObject({
      extracted: [{ skill: 'TypeScript', proficiency: 'expert' }],
      override,
      effective: override,
      overrideStale: true,
    });
    expect(read.body.skills.extractedAt).toEqual(expect.any(String));
  });

  it('falls back to the extracted skills once the override is cleared', async () => {
    const { id } = await createCandidate(candidateBody({ skills: [{ skill: 'Rust', proficiency: 'beginner' }] }));
    const { tenantId } = await whoIs(HOME.recruiter);
    await recordExtractedSkills(tenantId, id, {
      documentId: 'doc_01JDEM0000000000000000000B',
      extractionId: 'xlog_01JDEM0000000000000000000B',
      skills: [{ skill: 'Python', proficiency: 'intermediate', confidence: 0.7, evidence: 'Python scripts' }],
    });

    const cleared = await call('PATCH', `${BASE}/${id}`, { token: await recruiter(), body: { skills: null } });

    expect(cleared.status).toBe(200);
    expect(cleared.body.skills).toMatchObject({
      override: null,
      effective: [{ skill: 'Python', proficiency: 'intermediate' }],
      overrideStale: false,
    });
  });

  it("answers 404 to another tenant's recruiter and does not find the email there", async () => {
    const { id, email } = await createCandidate();
    const other = await tokenFor(OTHER.recruiter);

    const read = await call('GET', `${BASE}/${id}`, { token: other });
    const patch = await call('PATCH', `${BASE}/${id}`, { token: other, body: { location: 'Hijack' } });
    const lookup = await call('GET', `${BASE}?${new URLSearchParams({ email })}`, { token: other });
    const sameEmailThere = await call('POST', BASE, { token: other, body: candidateBody({ email }) });

    expect(read.status).toBe(404);
    expect(patch.status).toBe(404);
    expect(lookup.body.items).toEqual([]);
    expect(sameEmailThere.status).toBe(201);
  });

  it('is 403 for an interviewer and 400 with field errors for a bad body', async () => {
    const asInterviewer = await call('POST', BASE, { token: await tokenFor(HOME.interviewer), body: candidateBody() });
    const invalid = await call('POST', BASE, {
      token: await recruiter(),
      body: { fullName: '', email: 'not-an-email', links: { github: 'http://insecure.test' }, secret: 1 },
    });

    expect(asInterviewer.status).toBe(403);
    expect(invalid.status).toBe(400);
    const fields = invalid.body.errors.map((error: { field: string }) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['fullName', 'email', 'links.github']));
  });
});
