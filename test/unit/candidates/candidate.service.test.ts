import { randomBytes } from 'node:crypto';
import { ConflictError, ForbiddenError, NotFoundError } from '@assist-ten/core/shared/errors';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { aPrincipal } from '../support/factories.ts';

// The process's key provider is chosen at first use: give it local material before any service call.
vi.stubEnv('LOCAL_KEY_MATERIAL', randomBytes(32).toString('base64'));
afterAll(() => vi.unstubAllEnvs());
const { createCandidate, getCandidate, listCandidates, recordExtractedSkills, updateCandidate } = await import(
  '@assist-ten/core/candidates/candidate.service'
);

const dynamo = mockClient(DynamoDBDocumentClient);
afterEach(() => dynamo.reset());

const recruiter = aPrincipal({ roles: ['recruiter'] });
const EMAIL = 'jane.secret@example.test';
const PHONE = '+1 555 0199';

type TransactItem = { Put?: { Item: Record<string, unknown> }; Update?: object; Delete?: object };

/** The items of the last transaction the service sent. */
const lastTransaction = (): TransactItem[] => {
  const calls = dynamo.commandCalls(TransactWriteCommand);
  return (calls.at(-1)?.args[0].input.TransactItems ?? []) as TransactItem[];
};

/** A stored candidate made the way the service makes one (real key, real ciphertexts). */
let stored: Record<string, unknown>;
beforeAll(async () => {
  dynamo.on(TransactWriteCommand).resolves({});
  const created = await createCandidate(recruiter, { fullName: 'Jane Secret', email: EMAIL, phone: PHONE });
  const put = lastTransaction().find((item) => item.Put?.Item.candidateId === created.id);
  if (!put?.Put) throw new Error('no candidate put');
  stored = put.Put.Item;
  dynamo.reset();
});

describe('candidate service', () => {
  it('sends no plaintext email or phone to DynamoDB, and audits field names only', async () => {
    dynamo.on(TransactWriteCommand).resolves({});

    const created = await createCandidate(recruiter, { fullName: 'Jane Secret', email: EMAIL, phone: PHONE });

    const sent = JSON.stringify(lastTransaction());
    expect(sent).not.toContain('jane.secret');
    expect(sent).not.toContain('0199');
    expect(created).toMatchObject({ email: EMAIL, phone: PHONE, status: 'active', version: 1 });
    const audit = lastTransaction().find((item) => item.Put?.Item.action === 'candidate.created');
    expect(audit?.Put?.Item.changes).toEqual([{ field: 'changed', after: ['email', 'fullName', 'phone'] }]);
  });

  it('turns a taken email claim into a 409 naming the candidate that holds it', async () => {
    dynamo.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [
          { Code: 'None' },
          { Code: 'ConditionalCheckFailed', Item: { ownerId: { S: 'cand_01JEXISTING000000000000000' } } },
          { Code: 'None' },
        ],
      }),
    );

    const error = await createCandidate(recruiter, { fullName: 'Jane', email: EMAIL }).catch((thrown) => thrown);

    expect(error).toBeInstanceOf(ConflictError);
    expect(error.extensions).toEqual({ existingCandidateId: 'cand_01JEXISTING000000000000000' });
    expect(error.errors).toEqual([expect.objectContaining({ field: 'email', code: 'taken' })]);
  });

  it('refuses interviewers before touching anything', async () => {
    const interviewer = aPrincipal({ roles: ['interviewer'] });

    await expect(createCandidate(interviewer, { fullName: 'J', email: EMAIL })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getCandidate(interviewer, 'cand_x')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listCandidates(interviewer, { limit: 25 })).rejects.toBeInstanceOf(ForbiddenError);
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('decrypts a stored candidate for the view and hides the key material', async () => {
    dynamo.on(GetCommand).resolves({ Item: stored });

    const candidate = await getCandidate(recruiter, String(stored.candidateId));

    expect(candidate).toMatchObject({ email: EMAIL, phone: PHONE });
    expect(
      Object.keys(candidate).filter((key) => /wrappedKey|emailIndex|Encrypted|tenantId|^(pk|sk)$/.test(key)),
    ).toEqual([]);
  });

  it('treats an erased candidate as absent', async () => {
    dynamo.on(GetCommand).resolves({ Item: { ...stored, status: 'erased' } });

    await expect(getCandidate(recruiter, String(stored.candidateId))).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses to decrypt a ciphertext copied from another candidate', async () => {
    dynamo.on(GetCommand).resolves({ Item: { ...stored, candidateId: 'cand_01JOTHER00000000000000000' } });

    await expect(getCandidate(recruiter, 'cand_01JOTHER00000000000000000')).rejects.toThrow();
  });

  it('moves the email claim in the same transaction as the change', async () => {
    dynamo.on(GetCommand).resolves({ Item: stored });
    dynamo.on(TransactWriteCommand).resolves({});

    await updateCandidate(recruiter, String(stored.candidateId), { email: 'new.secret@example.test' }, 1);

    const writes = lastTransaction();
    const claim = writes.find((item) => item.Put?.Item.kind === 'candidate-email');
    const release = writes.find((item) => item.Delete);
    expect(claim?.Put?.Item.ownerId).toBe(stored.candidateId);
    expect(claim?.Put?.Item.value).not.toBe(stored.emailIndex);
    expect(JSON.stringify(release)).toContain(String(stored.emailIndex));
    expect(JSON.stringify(writes)).not.toContain('new.secret');
  });

  it('records extracted skills as the system, leaving the override alone', async () => {
    dynamo.on(GetCommand).resolves({
      Item: { ...stored, skillOverride: [{ skill: 'Go', proficiency: 'advanced' }], skillOverrideAt: stored.createdAt },
    });
    dynamo.on(TransactWriteCommand).resolves({});

    await recordExtractedSkills(String(stored.tenantId), String(stored.candidateId), {
      documentId: 'doc_1',
      extractionId: 'xlog_1',
      skills: [{ skill: 'TypeScript', proficiency: 'expert', confidence: 0.9, evidence: 'TS' }],
    });

    const writes = lastTransaction();
    const update = JSON.stringify(writes.find((item) => item.Update));
    expect(update).toContain('extractedSkills');
    expect(update).toContain('resumeDocumentId');
    expect(update).not.toContain('skillOverride');
    const audit = writes.find((item) => item.Put?.Item.action === 'candidate.skills_extracted');
    expect(audit?.Put?.Item).toMatchObject({ actorId: 'system', requestId: 'document:doc_1' });
  });
});
