import type { MatchResult } from '@assist-ten/core/matching/score';
import type { SkillMatch } from '@assist-ten/core/matching/skill-match.schema';
import { newId } from '@assist-ten/core/shared/ids';
import { describe, expect, it } from 'vitest';

// Loaded after the stack environment points the SDK at DynamoDB Local.
const { upsertMatch, listMatchesForRequisition, deleteMatchesOfCandidate, getMatch } = await import(
  '@assist-ten/core/matching/skill-match.service'
);

const resultWith = (score: number): MatchResult => ({
  score,
  breakdown: [{ skill: 'Go', requirement: 'required', wanted: 'advanced', has: 'advanced', status: 'matched', gap: 0 }],
  explanation: 'Meets 1 of 1 required skills.',
  requiredMet: 1,
  requiredTotal: 1,
});

const store = (tenantId: string, requisitionId: string, candidateId: string, score: number, requisitionVersion = 1) =>
  upsertMatch({
    tenantId,
    requisitionId,
    candidateId,
    result: resultWith(score),
    extractorVersion: newId('extraction'),
    requisitionVersion,
  });

const allPages = async (tenantId: string, requisitionId: string, options: { limit: number; minScore?: number }) => {
  const items: SkillMatch[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await listMatchesForRequisition(tenantId, requisitionId, { ...options, cursor });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    pages++;
  } while (cursor && pages < 50);
  return { items, pages };
};

describe('skill matches (DynamoDB Local)', () => {
  it('lists every match of a requisition best first, across pages', async () => {
    // Arrange
    const tenantId = newId('tenant');
    const requisitionId = newId('requisition');
    const scores = Array.from({ length: 30 }, () => Math.floor(Math.random() * 101));
    const stored = await Promise.all(scores.map((score) => store(tenantId, requisitionId, newId('candidate'), score)));
    await store(tenantId, newId('requisition'), newId('candidate'), 100);

    // Act
    const { items, pages } = await allPages(tenantId, requisitionId, { limit: 7 });

    // Assert
    expect(pages).toBeGreaterThanOrEqual(5);
    expect(items.map((item) => item.id).sort()).toEqual(stored.map((item) => item.id).sort());
    const listed = items.map((item) => item.score);
    expect(listed).toEqual([...scores].sort((a, b) => b - a));
  });

  it('lists only the matches at or above a minimum score', async () => {
    // Arrange
    const tenantId = newId('tenant');
    const requisitionId = newId('requisition');
    for (const score of [100, 71, 70, 69, 10, 0]) await store(tenantId, requisitionId, newId('candidate'), score);

    // Act
    const { items } = await allPages(tenantId, requisitionId, { limit: 2, minScore: 70 });

    // Assert
    expect(items.map((item) => item.score)).toEqual([100, 71, 70]);
  });

  it('replaces a pair on recomputation, moving it in the ranking and keeping its first createdAt', async () => {
    // Arrange
    const tenantId = newId('tenant');
    const requisitionId = newId('requisition');
    const candidateId = newId('candidate');
    const first = await store(tenantId, requisitionId, candidateId, 20, 1);
    await store(tenantId, requisitionId, newId('candidate'), 50, 1);

    // Act
    const second = await store(tenantId, requisitionId, candidateId, 90, 2);

    // Assert
    expect(second).toMatchObject({ id: first.id, score: 90, requisitionVersion: 2, createdAt: first.createdAt });
    const { items } = await listMatchesForRequisition(tenantId, requisitionId, { limit: 10 });
    expect(items.map((item) => [item.candidateId === candidateId, item.score])).toEqual([
      [true, 90],
      [false, 50],
    ]);
  });

  it('keeps the newer result when a computation against an older requisition version arrives late', async () => {
    // Arrange
    const tenantId = newId('tenant');
    const requisitionId = newId('requisition');
    const candidateId = newId('candidate');
    await store(tenantId, requisitionId, candidateId, 80, 3);

    // Act
    const returned = await store(tenantId, requisitionId, candidateId, 10, 2);

    // Assert
    expect(returned).toMatchObject({ score: 80, requisitionVersion: 3 });
    expect((await getMatch(tenantId, requisitionId, candidateId)).score).toBe(80);
  });

  it("deletes every match of a candidate and no one else's", async () => {
    // Arrange
    const tenantId = newId('tenant');
    const candidateId = newId('candidate');
    const requisitions = [newId('requisition'), newId('requisition'), newId('requisition')];
    for (const requisitionId of requisitions) await store(tenantId, requisitionId, candidateId, 60);
    const bystander = newId('candidate');
    await store(tenantId, requisitions[0] as string, bystander, 40);

    // Act
    const deleted = await deleteMatchesOfCandidate(tenantId, candidateId);

    // Assert
    expect(deleted).toBe(3);
    const { items } = await listMatchesForRequisition(tenantId, requisitions[0] as string, { limit: 10 });
    expect(items.map((item) => item.candidateId)).toEqual([bystander]);
  });

  it("refuses a cursor taken from another requisition's list", async () => {
    // Arrange
    const tenantId = newId('tenant');
    const requisitionId = newId('requisition');
    for (const score of [90, 80]) await store(tenantId, requisitionId, newId('candidate'), score);
    const { nextCursor } = await listMatchesForRequisition(tenantId, requisitionId, { limit: 1 });

    // Act
    const error = await listMatchesForRequisition(tenantId, newId('requisition'), {
      limit: 1,
      cursor: nextCursor ?? '',
    }).catch((caught: unknown) => caught);

    // Assert
    expect(nextCursor).not.toBeNull();
    expect((error as { statusCode?: number }).statusCode).toBe(400);
  });
});
