import type { Principal } from '@assist-ten/core/shared/principal';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { principalOf } from '../../../infra/local/seed.ts';
import { findLocalUser } from '../../../infra/local/seed-data.ts';
import { unique } from '../../support/users.ts';

// Loaded after the stack environment points the SDK at DynamoDB Local.
const { createCandidate, updateCandidate, recordExtractedSkills } = await import(
  '@assist-ten/core/candidates/candidate.service'
);
const { CandidateEntity } = await import('@assist-ten/core/candidates/candidate.entity');
const { UniqueValueEntity } = await import('@assist-ten/core/shared/unique.entity');
const { AuditLogEntity } = await import('@assist-ten/core/platform/audit-log.entity');
const { documentClient } = await import('@assist-ten/core/shared/db');
const { emailBlindIndex } = await import('@assist-ten/core/shared/pii/blind-index');

const seeded = findLocalUser('recruiter@demo.test');
if (!seeded) throw new Error('seed user missing');
const recruiter: Principal = principalOf(seeded);

/** The item exactly as DynamoDB holds it, through the plain document client (no entity, no decryption). */
const rawItem = async (params: { Key: Record<string, unknown>; TableName: string }) => {
  const { Item } = await documentClient.send(new GetCommand({ TableName: params.TableName, Key: params.Key }));
  return Item;
};

const person = () => {
  const local = unique('secret.person');
  return {
    fullName: 'Secret Person',
    email: `${local}@example.test`,
    local,
    phone: '+49 151 98765432',
    phoneDigits: '98765432',
  };
};

describe('candidate personal data at rest (DynamoDB Local)', () => {
  it('stores no plaintext email or phone in the candidate item', async () => {
    const who = person();
    const { id } = await createCandidate(recruiter, { fullName: who.fullName, email: who.email, phone: who.phone });

    const item = await rawItem(
      CandidateEntity.get({ tenantId: recruiter.tenantId, candidateId: id }).params<{
        Key: Record<string, unknown>;
        TableName: string;
      }>(),
    );

    expect(item).toBeDefined();
    const stored = JSON.stringify(item);
    expect(stored).not.toContain(who.local);
    expect(stored).not.toContain('example.test');
    expect(stored).not.toContain(who.phoneDigits);
    expect(item?.emailEncrypted).toMatch(/^v1\./);
    expect(item?.phoneEncrypted).toMatch(/^v1\./);
    expect(item?.wrappedKey).toEqual(expect.any(String));
    expect(item?.emailIndex).toBe(await emailBlindIndex(recruiter.tenantId, who.email));
  });

  it('keeps the email claim free of the address: its value is the blind index', async () => {
    const who = person();
    const { id } = await createCandidate(recruiter, { fullName: who.fullName, email: who.email });
    const index = await emailBlindIndex(recruiter.tenantId, who.email);

    const claim = await rawItem(
      UniqueValueEntity.get({ scope: recruiter.tenantId, kind: 'candidate-email', value: index }).params<{
        Key: Record<string, unknown>;
        TableName: string;
      }>(),
    );

    expect(claim?.ownerId).toBe(id);
    expect(JSON.stringify(claim)).not.toContain(who.local);
  });

  it('writes audit entries with field names, never the personal values', async () => {
    const who = person();
    const { id } = await createCandidate(recruiter, {
      fullName: who.fullName,
      email: who.email,
      phone: who.phone,
      location: 'Somewhere Secret',
    });
    const moved = person();
    await updateCandidate(recruiter, id, { email: moved.email, fullName: 'Other Secret', phone: moved.phone });
    await recordExtractedSkills(recruiter.tenantId, id, {
      documentId: 'doc_01JDEM0000000000000000000C',
      extractionId: 'xlog_01JDEM0000000000000000000C',
      skills: [{ skill: 'Go', proficiency: 'advanced', confidence: 0.8, evidence: 'Secret Person wrote Go at Acme' }],
    });

    const { data } = await AuditLogEntity.query
      .byEntity({ tenantId: recruiter.tenantId, entityType: 'candidate', entityId: id })
      .go();

    expect(data.map((entry) => entry.action).sort()).toEqual([
      'candidate.created',
      'candidate.skills_extracted',
      'candidate.updated',
    ]);
    const trail = JSON.stringify(data);
    for (const secret of [who.local, moved.local, 'Secret Person', 'Other Secret', 'Somewhere Secret', '98765432']) {
      expect(trail).not.toContain(secret);
    }
    const updated = data.find((entry) => entry.action === 'candidate.updated');
    expect(updated?.changes).toEqual([{ field: 'changed', after: ['email', 'fullName', 'phone'] }]);
  });
});
