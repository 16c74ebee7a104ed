import type { TaxonomyEntry } from '@assist-ten/core/extraction/extracted-skill';
import { canonicalSkillName, canonicalStatedSkills, findSkill } from '@assist-ten/core/skills/taxonomy';
import { describe, expect, it } from 'vitest';

const TAXONOMY: readonly TaxonomyEntry[] = [
  { skillId: 'skl_js', name: 'JavaScript', category: 'languages', aliases: ['js', 'ECMAScript'] },
  { skillId: 'skl_k8s', name: 'Kubernetes', category: 'devops', aliases: ['k8s'] },
  { skillId: 'skl_cs', name: 'C#', category: 'languages', aliases: ['csharp', 'c sharp'] },
];

describe('canonicalSkillName', () => {
  it('maps a name or an alias, in any case and spacing, to the canonical name', () => {
    expect(canonicalSkillName(TAXONOMY, 'JS')).toBe('JavaScript');
    expect(canonicalSkillName(TAXONOMY, ' ecmascript ')).toBe('JavaScript');
    expect(canonicalSkillName(TAXONOMY, 'kubernetes')).toBe('Kubernetes');
    expect(canonicalSkillName(TAXONOMY, 'C   Sharp')).toBe('C#');
  });

  it('answers undefined for a term the taxonomy does not know', () => {
    expect(canonicalSkillName(TAXONOMY, 'Cobol')).toBeUndefined();
    expect(canonicalSkillName([], 'JavaScript')).toBeUndefined();
  });

  it('finds the whole entry, id and category included', () => {
    expect(findSkill(TAXONOMY, 'k8s')).toEqual(TAXONOMY[1]);
  });
});

describe('canonicalStatedSkills', () => {
  it('rewrites each skill to its canonical name and keeps its proficiency', () => {
    // Act
    const result = canonicalStatedSkills(
      TAXONOMY,
      [
        { skill: 'js', proficiency: 'expert' },
        { skill: 'K8S', proficiency: 'beginner' },
      ],
      'requiredSkills',
    );

    // Assert
    expect(result).toEqual({
      skills: [
        { skill: 'JavaScript', proficiency: 'expert' },
        { skill: 'Kubernetes', proficiency: 'beginner' },
      ],
      errors: [],
    });
  });

  it('names every unknown skill by its field path', () => {
    // Act
    const { errors } = canonicalStatedSkills(
      TAXONOMY,
      [
        { skill: 'Cobol', proficiency: 'expert' },
        { skill: 'js', proficiency: 'expert' },
        { skill: 'Fortran', proficiency: 'expert' },
      ],
      'niceToHaveSkills',
    );

    // Assert
    expect(errors.map((error) => [error.field, error.code])).toEqual([
      ['niceToHaveSkills.0.skill', 'unknown_skill'],
      ['niceToHaveSkills.2.skill', 'unknown_skill'],
    ]);
  });

  it('refuses two terms for one skill, which the schema cannot see', () => {
    // Act
    const { skills, errors } = canonicalStatedSkills(
      TAXONOMY,
      [
        { skill: 'JavaScript', proficiency: 'expert' },
        { skill: 'JS', proficiency: 'beginner' },
      ],
      'requiredSkills',
    );

    // Assert
    expect(skills).toEqual([{ skill: 'JavaScript', proficiency: 'expert' }]);
    expect(errors).toEqual([expect.objectContaining({ field: 'requiredSkills.1.skill', code: 'duplicate' })]);
  });
});
