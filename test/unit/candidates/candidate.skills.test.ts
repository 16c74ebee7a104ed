import { effectiveSkills, isOverrideStale, skillsView } from '@assist-ten/core/candidates/candidate.skills';
import type { ExtractedSkill } from '@assist-ten/core/extraction/extracted-skill';
import { describe, expect, it } from 'vitest';

const extracted: ExtractedSkill[] = [
  { skill: 'TypeScript', proficiency: 'expert', confidence: 0.9, evidence: 'TS since 2015', skillId: 'skl_1' },
  { skill: 'SQL', proficiency: 'intermediate', confidence: 0.6, evidence: 'Postgres' },
];
const override = [{ skill: 'Go', proficiency: 'advanced' as const }];
const extractedFrom = (at: string) => ({ documentId: 'doc_1', extractionId: 'xlog_1', at });

describe('candidate skills', () => {
  it('takes the extracted skills, as name and level, when there is no override', () => {
    expect(effectiveSkills({ extractedSkills: extracted })).toEqual([
      { skill: 'TypeScript', proficiency: 'expert' },
      { skill: 'SQL', proficiency: 'intermediate' },
    ]);
  });

  it('takes the override when there is one, even an empty one', () => {
    expect(effectiveSkills({ extractedSkills: extracted, skillOverride: override })).toEqual(override);
    expect(effectiveSkills({ extractedSkills: extracted, skillOverride: [] })).toEqual([]);
  });

  it('flags the override as stale only when an extraction came after it', () => {
    const before = { extractedSkills: extracted, skillOverride: override, skillOverrideAt: '2026-01-02T00:00:00.000Z' };

    expect(isOverrideStale({ ...before, extractedFrom: extractedFrom('2026-01-03T00:00:00.000Z') })).toBe(true);
    expect(isOverrideStale({ ...before, extractedFrom: extractedFrom('2026-01-01T00:00:00.000Z') })).toBe(false);
    expect(isOverrideStale({ ...before })).toBe(false);
    expect(
      isOverrideStale({ extractedSkills: extracted, extractedFrom: extractedFrom('2026-01-03T00:00:00.000Z') }),
    ).toBe(false);
  });

  it('shows extracted, override, effective and when it was extracted', () => {
    const view = skillsView({ extractedSkills: extracted, extractedFrom: extractedFrom('2026-01-03T00:00:00.000Z') });

    expect(view).toEqual({
      extracted,
      override: null,
      effective: [
        { skill: 'TypeScript', proficiency: 'expert' },
        { skill: 'SQL', proficiency: 'intermediate' },
      ],
      extractedAt: '2026-01-03T00:00:00.000Z',
      overrideStale: false,
    });
  });
});
