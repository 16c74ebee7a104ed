import { rankKeyOf, SkillMatchEntity } from '@assist-ten/core/matching/skill-match.entity';
import { matchIdOf } from '@assist-ten/core/matching/skill-match.service';
import { newId } from '@assist-ten/core/shared/ids';
import { describe, expect, it } from 'vitest';

interface QueryParams {
  IndexName?: string;
  KeyConditionExpression: string;
  ExpressionAttributeValues: Record<string, string>;
}

const TENANT = 'tnt_demo';
const REQUISITION = newId('requisition');
const CANDIDATE = newId('candidate');

const match = (score: number) => ({
  tenantId: TENANT,
  requisitionId: REQUISITION,
  candidateId: CANDIDATE,
  matchId: matchIdOf(REQUISITION, CANDIDATE),
  score,
  rank: rankKeyOf(score),
  breakdown: [],
  explanation: 'x',
  requiredMet: 0,
  requiredTotal: 0,
  extractorVersion: 'xlog_1',
  requisitionVersion: 1,
  computedAt: '2026-01-01T00:00:00.000Z',
});

describe('rankKeyOf', () => {
  it('sorts higher scores first as text', () => {
    // Act
    const keys = [0, 7, 42, 99, 100].map(rankKeyOf);

    // Assert
    expect(keys).toEqual(['100', '093', '058', '001', '000']);
    expect([...keys].sort()).toEqual([...keys].reverse());
  });
});

describe('matchIdOf', () => {
  it('gives one id per pair, and another for another pair', () => {
    // Act
    const [first, again, other] = [
      matchIdOf(REQUISITION, CANDIDATE),
      matchIdOf(REQUISITION, CANDIDATE),
      matchIdOf(REQUISITION, newId('candidate')),
    ];

    // Assert
    expect(first).toMatch(/^match_[0-9A-Z]{26}$/);
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });
});

describe('SkillMatchEntity', () => {
  it('keeps one item per tenant, requisition and candidate', () => {
    // Act
    const { Item } = SkillMatchEntity.put(match(80)).params<{ Item: Record<string, string> }>();

    // Assert
    expect(Item.pk).toBe(`$assist-ten#tenantId_${TENANT}#requisitionId_${REQUISITION}#candidateId_${CANDIDATE}`);
    expect(Item.gsi1pk).toBe(`$assist-ten#tenantId_${TENANT}#requisitionId_${REQUISITION}`);
    expect(Item.gsi1sk).toBe(`$skill_match_1#rank_020#candidateId_${CANDIDATE}`);
    expect(Item.gsi2pk).toBe(`$assist-ten#tenantId_${TENANT}#candidateId_${CANDIDATE}`);
  });

  it("reads a requisition's ranking from one partition of gsi1, in key order", () => {
    // Act
    const params = SkillMatchEntity.query
      .byRequisitionScore({ tenantId: TENANT, requisitionId: REQUISITION })
      .params<QueryParams>();

    // Assert
    expect(params.IndexName).toBe('gsi1');
    expect(params.ExpressionAttributeValues[':pk']).toBe(`$assist-ten#tenantId_${TENANT}#requisitionId_${REQUISITION}`);
    expect(params.KeyConditionExpression).toContain('begins_with');
  });

  it('bounds a minimum score on the sort key, so every score at or above it and no other falls within', () => {
    // Arrange
    const minScore = 70;
    const params = SkillMatchEntity.query
      .byRequisitionScore({ tenantId: TENANT, requisitionId: REQUISITION })
      .between({ rank: rankKeyOf(100) }, { rank: rankKeyOf(minScore - 1) })
      .params<QueryParams>();
    const low = params.ExpressionAttributeValues[':sk1'] ?? '';
    const high = params.ExpressionAttributeValues[':sk2'] ?? '';
    const sortKeyOf = (score: number) =>
      SkillMatchEntity.put(match(score)).params<{ Item: Record<string, string> }>().Item.gsi1sk ?? '';

    // Act
    const within = [100, 85, 70, 69, 0].map((score) => {
      const key = sortKeyOf(score);
      return key >= low && key <= high;
    });

    // Assert
    expect(params.KeyConditionExpression).toContain('BETWEEN');
    expect(within).toEqual([true, true, true, false, false]);
  });

  it("reads a candidate's matches from one partition of gsi2", () => {
    // Act
    const params = SkillMatchEntity.query
      .byCandidate({ tenantId: TENANT, candidateId: CANDIDATE })
      .params<QueryParams>();

    // Assert
    expect(params.IndexName).toBe('gsi2');
    expect(params.ExpressionAttributeValues[':pk']).toBe(`$assist-ten#tenantId_${TENANT}#candidateId_${CANDIDATE}`);
  });
});
