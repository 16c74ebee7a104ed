import { DEFAULT_SKILLS } from '@assist-ten/core/skills/default-skills';
import { MAX_ALIASES, MAX_SKILL_NAME, normaliseTerm, SKILL_CATEGORIES } from '@assist-ten/core/skills/skill.model';
import { describe, expect, it } from 'vitest';

describe('DEFAULT_SKILLS', () => {
  it('holds at least 150 skills', () => {
    expect(DEFAULT_SKILLS.length).toBeGreaterThanOrEqual(150);
  });

  it('has no term (name or alias) that two skills, or one skill twice, would claim after normalisation', () => {
    // Arrange
    const owners = new Map<string, string[]>();
    for (const skill of DEFAULT_SKILLS) {
      for (const term of [skill.name, ...skill.aliases]) {
        const key = normaliseTerm(term);
        owners.set(key, [...(owners.get(key) ?? []), skill.name]);
      }
    }

    // Act
    const clashes = [...owners].filter(([, names]) => names.length > 1).map(([term, names]) => `${term}: ${names}`);

    // Assert
    expect(clashes).toEqual([]);
  });

  it('keeps every entry within the limits the API enforces on skills', () => {
    // Act
    const offenders = DEFAULT_SKILLS.filter(
      (skill) =>
        !SKILL_CATEGORIES.includes(skill.category) ||
        skill.name.trim() !== skill.name ||
        skill.name.length > MAX_SKILL_NAME ||
        skill.aliases.length > MAX_ALIASES ||
        skill.aliases.some((alias) => alias.length === 0 || alias.length > MAX_SKILL_NAME),
    );

    // Assert
    expect(offenders).toEqual([]);
  });

  it('knows the common aliases people write', () => {
    // Arrange
    const canonical = new Map(
      DEFAULT_SKILLS.flatMap((skill) =>
        [skill.name, ...skill.aliases].map((term) => [normaliseTerm(term), skill.name]),
      ),
    );

    // Act
    const found = ['js', 'ts', 'k8s', 'golang', 'c sharp', 'cpp', 'postgres', 'aws', 'nodejs', 'reactjs'].map((term) =>
      canonical.get(term),
    );

    // Assert
    expect(found).toEqual([
      'JavaScript',
      'TypeScript',
      'Kubernetes',
      'Go',
      'C#',
      'C++',
      'PostgreSQL',
      'Amazon Web Services',
      'Node.js',
      'React',
    ]);
  });

  it('includes soft skills', () => {
    const soft = DEFAULT_SKILLS.filter((skill) => skill.category === 'soft_skills').map((skill) => skill.name);

    expect(soft).toEqual(expect.arrayContaining(['Communication', 'Leadership']));
  });
});
