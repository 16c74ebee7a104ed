import { CreateRoleBody, ListRolesQuery, UpdateRoleBody } from '@assist-ten/core/skills/role.schema';
import { CreateSkillBody, ListSkillsQuery, SkillPath, UpdateSkillBody } from '@assist-ten/core/skills/skill.schema';
import { describe, expect, it } from 'vitest';

const pathsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  (result.error?.issues ?? []).map((issue) => issue.path.join('.'));

describe('CreateSkillBody', () => {
  it('accepts a name and category, trimming them', () => {
    const result = CreateSkillBody.safeParse({ name: '  Rust ', category: 'languages' });

    expect(result).toEqual({ success: true, data: { name: 'Rust', category: 'languages' } });
  });

  it('bounds the name at 100 characters and the aliases at 20 of 100 each', () => {
    // Act
    const longName = CreateSkillBody.safeParse({ name: 'x'.repeat(101), category: 'languages' });
    const tooMany = CreateSkillBody.safeParse({
      name: 'Rust',
      category: 'languages',
      aliases: Array.from({ length: 21 }, (_, index) => `a${index}`),
    });
    const longAlias = CreateSkillBody.safeParse({ name: 'Rust', category: 'languages', aliases: ['y'.repeat(101)] });
    const twenty = CreateSkillBody.safeParse({
      name: 'Rust',
      category: 'languages',
      aliases: Array.from({ length: 20 }, (_, index) => `a${index}`),
    });

    // Assert
    expect(pathsOf(longName)).toEqual(['name']);
    expect(pathsOf(tooMany)).toEqual(['aliases']);
    expect(pathsOf(longAlias)).toEqual(['aliases.0']);
    expect(twenty.success).toBe(true);
  });

  it('rejects an unknown category, a blank alias and unknown fields', () => {
    // Act
    const result = CreateSkillBody.safeParse({ name: 'Rust', category: 'magic', aliases: ['  '], tenantId: 'x' });

    // Assert
    expect(pathsOf(result).sort()).toEqual(['', 'aliases.0', 'category']);
  });
});

describe('UpdateSkillBody', () => {
  it('needs at least one field and lets null clear the description', () => {
    expect(UpdateSkillBody.safeParse({}).success).toBe(false);
    expect(UpdateSkillBody.safeParse({ description: null })).toEqual({ success: true, data: { description: null } });
  });

  it('does not let null clear the name', () => {
    expect(pathsOf(UpdateSkillBody.safeParse({ name: null }))).toEqual(['name']);
  });
});

describe('ListSkillsQuery', () => {
  it('reads the filters and paging from query strings', () => {
    const result = ListSkillsQuery.safeParse({ category: 'cloud', prefix: 'Am', includeArchived: 'true', limit: '10' });

    expect(result).toEqual({
      success: true,
      data: { category: 'cloud', prefix: 'Am', includeArchived: true, limit: 10 },
    });
  });
});

describe('SkillPath', () => {
  it('takes skill ids only', () => {
    expect(SkillPath.safeParse({ id: 'skl_01JABCDEFGHJKMNPQRSTVWXYZ0' }).success).toBe(true);
    expect(SkillPath.safeParse({ id: 'role_01JABCDEFGHJKMNPQRSTVWXYZ0' }).success).toBe(false);
  });
});

describe('CreateRoleBody', () => {
  const skills = (count: number) =>
    Array.from({ length: count }, (_, index) => ({ skill: `Skill ${index}`, proficiency: 'advanced' }));

  it('needs a title and a level', () => {
    expect(pathsOf(CreateRoleBody.safeParse({})).sort()).toEqual(['level', 'title']);
    expect(CreateRoleBody.safeParse({ title: 'Backend Engineer', level: 'senior' }).success).toBe(true);
  });

  it('bounds each skill list at 50 and refuses a skill listed twice', () => {
    // Act
    const fifty = CreateRoleBody.safeParse({ title: 'T', level: 'mid', requiredSkills: skills(50) });
    const fiftyOne = CreateRoleBody.safeParse({ title: 'T', level: 'mid', niceToHaveSkills: skills(51) });
    const twice = CreateRoleBody.safeParse({
      title: 'T',
      level: 'mid',
      requiredSkills: [
        { skill: 'Go', proficiency: 'expert' },
        { skill: 'go', proficiency: 'beginner' },
      ],
    });

    // Assert
    expect(fifty.success).toBe(true);
    expect(pathsOf(fiftyOne)).toEqual(['niceToHaveSkills']);
    expect(pathsOf(twice)).toEqual(['requiredSkills']);
  });

  it('rejects an unknown level or proficiency', () => {
    const result = CreateRoleBody.safeParse({
      title: 'T',
      level: 'wizard',
      requiredSkills: [{ skill: 'Go', proficiency: 'guru' }],
    });

    expect(pathsOf(result).sort()).toEqual(['level', 'requiredSkills.0.proficiency']);
  });
});

describe('UpdateRoleBody and ListRolesQuery', () => {
  it('let null clear the department and filter by level', () => {
    expect(UpdateRoleBody.safeParse({ department: null }).success).toBe(true);
    expect(UpdateRoleBody.safeParse({ level: null }).success).toBe(false);
    expect(ListRolesQuery.safeParse({ level: 'lead' })).toEqual({ success: true, data: { level: 'lead', limit: 25 } });
  });
});
