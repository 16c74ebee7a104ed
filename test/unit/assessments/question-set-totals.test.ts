import { EMPTY_TOTALS, skillsOf, totalsAfter } from '@assist-ten/core/assessments/question-set.totals';
import { describe, expect, it } from 'vitest';

const easyHttp = { points: 1, difficulty: 'easy' as const, skillTags: ['HTTP'] };
const hardTs = { points: 2.5, difficulty: 'hard' as const, skillTags: ['TypeScript', 'HTTP'] };

describe('totalsAfter', () => {
  it('counts added questions: number, points, difficulty and skills', () => {
    const totals = totalsAfter(EMPTY_TOTALS, { added: [easyHttp, hardTs] });

    expect(totals).toMatchObject({
      questionCount: 2,
      totalPoints: 3.5,
      difficultyMix: { easy: 1, medium: 0, hard: 1 },
    });
    expect(skillsOf(totals.skillTally)).toEqual(['HTTP', 'TypeScript']);
  });

  it('keeps a skill while another live question still carries it', () => {
    const both = totalsAfter(EMPTY_TOTALS, { added: [easyHttp, hardTs] });

    const afterRemoval = totalsAfter(both, { removed: [hardTs] });

    expect(afterRemoval).toMatchObject({ questionCount: 1, totalPoints: 1, difficultyMix: { easy: 1, hard: 0 } });
    expect(skillsOf(afterRemoval.skillTally)).toEqual(['HTTP']);
  });

  it('drops a skill when its last question goes', () => {
    const one = totalsAfter(EMPTY_TOTALS, { added: [easyHttp] });

    expect(skillsOf(totalsAfter(one, { removed: [easyHttp] }).skillTally)).toEqual([]);
  });

  it('replaces a question by the difference of its two versions', () => {
    const one = totalsAfter(EMPTY_TOTALS, { added: [easyHttp] });

    const replaced = totalsAfter(one, {
      added: [{ ...easyHttp, points: 4, difficulty: 'medium' }],
      removed: [easyHttp],
    });

    expect(replaced).toMatchObject({
      questionCount: 1,
      totalPoints: 4,
      difficultyMix: { easy: 0, medium: 1, hard: 0 },
    });
  });

  it('counts a tag once per question even if it is listed twice', () => {
    const totals = totalsAfter(EMPTY_TOTALS, { added: [{ ...easyHttp, skillTags: ['HTTP', 'HTTP'] }] });

    expect(totals.skillTally).toEqual([{ skill: 'HTTP', count: 1 }]);
  });

  it('leaves the totals it was given untouched', () => {
    totalsAfter(EMPTY_TOTALS, { added: [easyHttp] });

    expect(EMPTY_TOTALS).toEqual({
      questionCount: 0,
      totalPoints: 0,
      difficultyMix: { easy: 0, medium: 0, hard: 0 },
      skillTally: [],
    });
  });
});
