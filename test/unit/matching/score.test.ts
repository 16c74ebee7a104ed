import type { StatedSkill } from '@assist-ten/core/extraction/extracted-skill';
import { type CandidateSkill, scoreMatch } from '@assist-ten/core/matching/score';
import { SKILL_PROFICIENCIES } from '@assist-ten/core/requisitions/requisition.model';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const want = (skill: string, proficiency: StatedSkill['proficiency'] = 'advanced'): StatedSkill => ({
  skill,
  proficiency,
});

describe('scoreMatch', () => {
  it('scores 100 when every wanted skill is held at its level or above', () => {
    // Act
    const result = scoreMatch({
      candidateSkills: [want('TypeScript', 'expert'), want('Go')],
      required: [want('TypeScript')],
      niceToHave: [want('Go')],
    });

    // Assert
    expect(result).toMatchObject({ score: 100, requiredMet: 1, requiredTotal: 1 });
    expect(result.breakdown.every((line) => line.status === 'matched' && line.gap === 0)).toBe(true);
  });

  it('weighs required skills 80 and nice-to-have skills 20', () => {
    // Act
    const result = scoreMatch({
      candidateSkills: [want('TypeScript')],
      required: [want('TypeScript')],
      niceToHave: [want('Go')],
    });

    // Assert
    expect(result.score).toBe(80);
  });

  it('takes a quarter off a skill per level below the wanted one', () => {
    // Act
    const result = scoreMatch({
      candidateSkills: [want('TypeScript', 'advanced'), want('Go', 'beginner')],
      required: [want('TypeScript', 'expert'), want('Go', 'expert')],
      niceToHave: [],
    });

    // Assert: (0.75 + 0.25) / 2
    expect(result.score).toBe(50);
    expect(result.breakdown).toEqual([
      { skill: 'TypeScript', requirement: 'required', wanted: 'expert', has: 'advanced', status: 'partial', gap: 1 },
      { skill: 'Go', requirement: 'required', wanted: 'expert', has: 'beginner', status: 'partial', gap: 3 },
    ]);
  });

  it('explains what is met, missing and short, in plain words', () => {
    // Act
    const result = scoreMatch({
      candidateSkills: [want('TypeScript', 'advanced'), want('Go'), want('AWS'), want('SQL'), want('React')],
      required: [want('TypeScript', 'expert'), want('Go'), want('AWS'), want('SQL'), want('Kubernetes')],
      niceToHave: [want('React')],
    });

    // Assert
    expect(result.explanation).toBe(
      'Meets 3 of 5 required skills; missing Kubernetes; TypeScript one level below expert; has 1 of 1 nice-to-have skills.',
    );
    expect(result).toMatchObject({ requiredMet: 3, requiredTotal: 5 });
  });

  it('gives the result of the example in docs/skill-matching.md', () => {
    // Act
    const result = scoreMatch({
      candidateSkills: [want('TypeScript', 'advanced'), want('Go', 'expert'), want('React', 'beginner')],
      required: [want('TypeScript', 'expert'), want('Go', 'advanced'), want('Kubernetes', 'intermediate')],
      niceToHave: [want('React', 'intermediate')],
    });

    // Assert
    expect(result.score).toBe(62);
    expect(result.explanation).toBe(
      'Meets 1 of 3 required skills; missing Kubernetes; TypeScript one level below expert; has 0 of 1 nice-to-have skills.',
    );
  });

  it('scores from nice-to-have skills alone when nothing is required', () => {
    // Act
    const result = scoreMatch({ candidateSkills: [want('Go')], required: [], niceToHave: [want('Go'), want('Rust')] });

    // Assert
    expect(result.score).toBe(50);
    expect(result.explanation).toBe('Has 1 of 2 nice-to-have skills.');
  });

  it('scores 0 and says why when the requisition lists no skills', () => {
    // Act
    const result = scoreMatch({ candidateSkills: [want('Go')], required: [], niceToHave: [] });

    // Assert
    expect(result).toEqual({
      score: 0,
      breakdown: [],
      explanation: 'The requisition lists no skills to match against.',
      requiredMet: 0,
      requiredTotal: 0,
    });
  });

  it('compares skill names case-insensitively', () => {
    // Act
    const result = scoreMatch({
      candidateSkills: [want(' typescript ')],
      required: [want('TypeScript')],
      niceToHave: [],
    });

    // Assert
    expect(result.score).toBe(100);
  });

  it('counts an unsure extraction less, but at least half', () => {
    // Act
    const [unsure, guess] = [0.8, 0.1].map(
      (confidence) =>
        scoreMatch({ candidateSkills: [{ ...want('Go'), confidence }], required: [want('Go')], niceToHave: [] }).score,
    );

    // Assert
    expect([unsure, guess]).toEqual([80, 50]);
  });

  it('wants a skill listed twice once, as required, at the higher level', () => {
    // Act
    const result = scoreMatch({
      candidateSkills: [want('Go', 'advanced')],
      required: [want('Go', 'intermediate'), want('go', 'expert')],
      niceToHave: [want('GO', 'beginner')],
    });

    // Assert
    expect(result.breakdown).toEqual([
      { skill: 'Go', requirement: 'required', wanted: 'expert', has: 'advanced', status: 'partial', gap: 1 },
    ]);
  });

  it('lists a long list of missing skills briefly', () => {
    // Act
    const result = scoreMatch({
      candidateSkills: [],
      required: ['A', 'B', 'C', 'D', 'E'].map((name) => want(name)),
      niceToHave: [],
    });

    // Assert
    expect(result.explanation).toBe('Meets 0 of 5 required skills; missing A, B, C and 2 more.');
  });
});

describe('scoreMatch properties', () => {
  const names = ['TypeScript', 'Go', 'Rust', 'SQL', 'AWS', 'React', 'Docker', 'Kubernetes'];
  const proficiency = fc.constantFrom(...SKILL_PROFICIENCIES);
  const name = fc.constantFrom(...names, ...names.map((each) => each.toLowerCase()));
  const stated = fc.record({ skill: name, proficiency });
  const held: fc.Arbitrary<CandidateSkill> = fc.record(
    { skill: name, proficiency, confidence: fc.double({ min: 0, max: 1, noNaN: true }) },
    { requiredKeys: ['skill', 'proficiency'] },
  );
  const input = fc.record({
    candidateSkills: fc.array(held, { maxLength: 10 }),
    required: fc.array(stated, { maxLength: 6 }),
    niceToHave: fc.array(stated, { maxLength: 6 }),
  });

  it('always scores an integer from 0 to 100', () => {
    fc.assert(
      fc.property(input, (match) => {
        const { score } = scoreMatch(match);
        return Number.isInteger(score) && score >= 0 && score <= 100;
      }),
    );
  });

  it('never scores lower when the candidate gains a skill', () => {
    fc.assert(
      fc.property(input, held, (match, extra) => {
        const before = scoreMatch(match).score;
        const after = scoreMatch({ ...match, candidateSkills: [...match.candidateSkills, extra] }).score;
        return after >= before;
      }),
    );
  });

  it('never scores lower when one of the candidate skills rises a level', () => {
    fc.assert(
      fc.property(input, fc.nat(), (match, pick) => {
        fc.pre(match.candidateSkills.length > 0);
        const index = pick % match.candidateSkills.length;
        const skills = [...match.candidateSkills];
        const current = skills[index] as CandidateSkill;
        const level = SKILL_PROFICIENCIES.indexOf(current.proficiency);
        fc.pre(level < SKILL_PROFICIENCIES.length - 1);
        skills[index] = { ...current, proficiency: SKILL_PROFICIENCIES[level + 1] as CandidateSkill['proficiency'] };
        return scoreMatch({ ...match, candidateSkills: skills }).score >= scoreMatch(match).score;
      }),
    );
  });

  it('gives the same score whatever the order of the lists', () => {
    fc.assert(
      fc.property(input, fc.nat(), (match, seed) => {
        const shuffle = <T>(items: readonly T[]): T[] =>
          items
            .map((item, index) => ({ item, key: (index * 7919 + seed) % 104_729 }))
            .sort((a, b) => a.key - b.key)
            .map(({ item }) => item);
        const reordered = {
          candidateSkills: shuffle(match.candidateSkills),
          required: shuffle(match.required),
          niceToHave: shuffle(match.niceToHave),
        };
        return scoreMatch(reordered).score === scoreMatch(match).score;
      }),
    );
  });
});
