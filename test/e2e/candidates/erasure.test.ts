import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { aPdf, uploadTo, waitForDocument } from '../../support/files.ts';
import { createApplication, createNote, openRequisition } from '../../support/fixtures/applications.ts';
import { createCandidate } from '../../support/fixtures/candidates.ts';
import { requestUpload, uploadBody } from '../../support/fixtures/documents.ts';
import { HOME, OTHER } from '../../support/fixtures.ts';
import { unique } from '../../support/users.ts';
import { whoIs } from '../../support/whoami.ts';

// Loaded after the stack environment points the SDK at the local cloud.
const { documentClient, tableName } = await import('@assist-ten/core/shared/db');
const { bucketName } = await import('@assist-ten/core/shared/files');

const CANDIDATES = '/api/v1/recruiter/candidates';
const s3 = new S3Client({ forcePathStyle: true });

/** Every item of the table, as DynamoDB holds it (a Scan is fine in a test, never in the product). */
const everyItem = async (): Promise<Record<string, unknown>[]> => {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(new ScanCommand({ TableName: tableName(), ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
};

/** Every object of a tenant in the bucket, key and content. */
const everyObject = async (tenantId: string): Promise<{ key: string; content: string }[]> => {
  const Bucket = bucketName();
  const objects: { key: string; content: string }[] = [];
  let ContinuationToken: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: `tenant/${tenantId}/`, ContinuationToken }));
    for (const { Key } of page.Contents ?? []) {
      if (!Key) continue;
      const { Body } = await s3.send(new GetObjectCommand({ Bucket, Key }));
      objects.push({ key: Key, content: Buffer.from((await Body?.transformToByteArray()) ?? []).toString('latin1') });
    }
    ContinuationToken = page.NextContinuationToken;
  } while (ContinuationToken);
  return objects;
};

/** A person with details no other test uses, so finding any of them anywhere is a leak. */
const aPerson = () => {
  const tag = unique('q').replace(/[^a-z0-9]/gi, '');
  return {
    fullName: `Quentin Erasable${tag}`,
    email: `quentin.${tag}@example.test`,
    phoneDigits: String(Date.now()).slice(-8),
    github: `https://github.com/quentin${tag}`,
    resumeWord: `Zyxquirkology${tag}`,
    fileName: `Quentin ${tag} CV.pdf`,
    note: `Quentin mentioned a secret ${tag}`,
  };
};

describe('candidate erasure over HTTP', () => {
  let tenantId: string;
  let admin: string;

  beforeAll(async () => {
    tenantId = (await whoIs(HOME.admin)).tenantId;
    admin = await tokenFor(HOME.admin);
  });

  it('leaves nothing of the person in any item of the table or any file of the tenant', async () => {
    // Arrange: a candidate with contact details, a processed resume, an application and a note
    const person = aPerson();
    const candidate = await createCandidate({
      fullName: person.fullName,
      email: person.email,
      phone: `+49 151 ${person.phoneDigits}`,
      links: { github: person.github },
    });
    const pdf = await aPdf([person.fullName, `Expert in ${person.resumeWord}`, person.email]);
    const ticket = await requestUpload(
      uploadBody({ kind: 'resume', ownerId: candidate.id, fileName: person.fileName, contentLength: pdf.length }),
    );
    const posted = await uploadTo(ticket.upload, pdf, 'application/pdf', person.fileName);
    expect(posted.status, posted.body).toBeLessThan(300);
    await waitForDocument(ticket.document.id, ['processed']);
    const application = await createApplication({ candidateId: candidate.id, requisitionId: await openRequisition() });
    await createNote(application.id, { type: 'general', body: person.note });
    await createNote(application.id, { type: 'general', body: `${person.note} (private)`, isPrivate: true });
    const secrets = [
      person.fullName,
      person.email,
      person.phoneDigits,
      person.github,
      person.resumeWord,
      person.fileName,
      person.note,
    ];
    const leaksIn = (texts: string[]) => secrets.filter((secret) => texts.some((text) => text.includes(secret)));
    // The scans see what is stored in clear: before erasure they find it (the item's email and phone are encrypted).
    const before = leaksIn([
      ...(await everyItem()).map((item) => JSON.stringify(item)),
      ...(await everyObject(tenantId)).map(({ key, content }) => `${key}\n${content}`),
    ]);
    expect(before).toEqual(
      expect.arrayContaining([person.fullName, person.github, person.resumeWord, person.fileName, person.note]),
    );

    // Act
    const erased = await call('POST', `${CANDIDATES}/${candidate.id}/erase`, {
      token: admin,
      body: { reason: 'Art. 17 request, ticket 4711' },
    });

    // Assert: the receipt counts what went
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body).toMatchObject({
      candidateId: candidate.id,
      removed: { documents: 1, notes: 2, applicationsAnonymised: 1 },
    });
    expect(erased.body.removed.files).toBeGreaterThanOrEqual(2);
    // ...no item holds any detail of the person
    const items = await everyItem();
    const leaks = items.flatMap((item) => {
      const text = JSON.stringify(item);
      return secrets.filter((secret) => text.includes(secret)).map((secret) => `${secret} in ${item.pk}`);
    });
    expect(leaks).toEqual([]);
    // ...no file does, and the candidate's own prefixes are empty
    const objects = await everyObject(tenantId);
    const fileLeaks = objects.flatMap(({ key, content }) =>
      secrets
        .filter((secret) => content.includes(secret) || key.includes(secret))
        .map((secret) => `${secret} in ${key}`),
    );
    expect(fileLeaks).toEqual([]);
    const ofCandidate = objects.filter(({ key }) =>
      [`tenant/${tenantId}/documents/${candidate.id}/`, `tenant/${tenantId}/document-text/${candidate.id}/`].some(
        (prefix) => key.startsWith(prefix),
      ),
    );
    expect(ofCandidate).toEqual([]);
    // ...the application stays for the funnel
    const kept = await call('GET', `/api/v1/recruiter/applications/${application.id}`, { token: admin });
    expect(kept.status).toBe(200);
  });

  it('treats an erased candidate as absent, frees its email and answers a second erasure with 404', async () => {
    // Arrange
    const email = `${unique('gone')}@example.test`;
    const candidate = await createCandidate({ fullName: 'Gone Person', email });
    await call('POST', `${CANDIDATES}/${candidate.id}/erase`, { token: admin });
    const recruiter = await tokenFor(HOME.recruiter);

    // Act
    const read = await call('GET', `${CANDIDATES}/${candidate.id}`, { token: recruiter });
    const patched = await call('PATCH', `${CANDIDATES}/${candidate.id}`, { token: recruiter, body: { tags: ['x'] } });
    const found = await call('GET', `${CANDIDATES}?email=${encodeURIComponent(email)}`, { token: recruiter });
    const listed = await call('GET', `${CANDIDATES}?limit=100`, { token: recruiter });
    const again = await call('POST', `${CANDIDATES}/${candidate.id}/erase`, { token: admin });
    const recreated = await call('POST', CANDIDATES, { token: recruiter, body: { fullName: 'Gone Person', email } });

    // Assert
    expect(read.status).toBe(404);
    expect(patched.status).toBe(404);
    expect(found.body.items).toEqual([]);
    expect(listed.body.items.map((item: { id: string }) => item.id)).not.toContain(candidate.id);
    expect(again.status).toBe(404);
    expect(recreated.status).toBe(201);
    expect(recreated.body.id).not.toBe(candidate.id);
  });

  it("is refused to a recruiter and to another tenant's admin", async () => {
    // Arrange
    const candidate = await createCandidate();

    // Act
    const byRecruiter = await call('POST', `${CANDIDATES}/${candidate.id}/erase`, {
      token: await tokenFor(HOME.recruiter),
    });
    const byStranger = await call('POST', `${CANDIDATES}/${candidate.id}/erase`, {
      token: await tokenFor(OTHER.admin),
    });
    const still = await call('GET', `${CANDIDATES}/${candidate.id}`, { token: admin });

    // Assert
    expect(byRecruiter.status).toBe(403);
    expect(byStranger.status).toBe(404);
    expect(still.status).toBe(200);
  });

  it('refuses a reason that is not bounded text', async () => {
    // Arrange
    const candidate = await createCandidate();

    // Act
    const response = await call('POST', `${CANDIDATES}/${candidate.id}/erase`, {
      token: admin,
      body: { reason: 'x'.repeat(501) },
    });

    // Assert
    expect(response.status).toBe(400);
  });
});
