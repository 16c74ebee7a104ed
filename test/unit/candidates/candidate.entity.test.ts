import { CandidateEntity } from '@assist-ten/core/candidates/candidate.entity';
import { describe, expect, it } from 'vitest';

const KEY = { tenantId: 'tnt_demo', candidateId: 'cand_01JABCDEFGHJKMNPQRSTVWXYZ0' };

interface UpdateParams {
  UpdateExpression: string;
  ExpressionAttributeValues: Record<string, unknown>;
}

describe('CandidateEntity', () => {
  it('keys one candidate by tenant and id, case preserved', () => {
    const params = CandidateEntity.get(KEY).params<{ Key: { pk: string } }>();

    expect(params.Key.pk).toContain('tnt_demo');
    expect(params.Key.pk).toContain(KEY.candidateId);
  });

  it("lists a tenant's candidates from gsi1, partitioned by the tenant", () => {
    const params = CandidateEntity.query.byTenant({ tenantId: 'tnt_demo' }).params<{
      IndexName: string;
      ExpressionAttributeValues: Record<string, string>;
    }>();

    expect(params.IndexName).toBe('gsi1');
    expect(params.ExpressionAttributeValues[':pk']).toContain('tnt_demo');
    expect(
      CandidateEntity.query.byTenant({ tenantId: 'tnt_acme' }).params<typeof params>().ExpressionAttributeValues[':pk'],
    ).not.toBe(params.ExpressionAttributeValues[':pk']);
  });

  it('takes an erased candidate out of the list index', () => {
    const params = CandidateEntity.patch(KEY).set({ status: 'erased' }).params<UpdateParams>();

    expect(params.UpdateExpression).toMatch(/REMOVE .*#gsi1pk/);
  });

  it('keeps an active candidate in the list index on other changes', () => {
    const params = CandidateEntity.patch(KEY).set({ fullName: 'Renamed' }).params<UpdateParams>();

    expect(params.UpdateExpression).not.toContain('REMOVE');
    expect(params.UpdateExpression).toMatch(/SET .*#gsi1pk = /);
  });

  it('defaults the lists, links, source and status of a new candidate', () => {
    const { Item } = CandidateEntity.create({
      ...KEY,
      fullName: 'A',
      emailEncrypted: 'v1.a.b.c',
      emailIndex: 'ab',
      wrappedKey: 'w',
      createdBy: 'usr_1',
      updatedBy: 'usr_1',
    }).params<{ Item: Record<string, unknown> }>();

    expect(Item).toMatchObject({
      links: {},
      tags: [],
      extractedSkills: [],
      source: 'other',
      status: 'active',
      isActive: true,
      version: 1,
    });
  });
});
