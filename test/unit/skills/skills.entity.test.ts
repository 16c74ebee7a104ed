import { RoleEntity } from '@assist-ten/core/skills/role.entity';
import { SkillEntity } from '@assist-ten/core/skills/skill.entity';
import { describe, expect, it } from 'vitest';

const TENANT = 'tnt_demo';
const SKILL_ID = 'skl_01JABCDEFGHJKMNPQRSTVWXYZ0';

interface QueryParams {
  KeyConditionExpression: string;
  IndexName?: string;
  ExpressionAttributeValues: Record<string, unknown>;
}

interface UpdateParams {
  UpdateExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
}

const namesIn = (params: UpdateParams) => Object.values(params.ExpressionAttributeNames);

describe('SkillEntity', () => {
  it('lists a tenant by name key on gsi1, and a name prefix is a begins_with on it', () => {
    // Act
    const params = SkillEntity.query.byTenant({ tenantId: TENANT }).begins({ nameKey: 'jav' }).params<QueryParams>();

    // Assert
    expect(params.IndexName).toBe('gsi1');
    expect(params.KeyConditionExpression).toContain('begins_with');
    expect(params.ExpressionAttributeValues[':pk']).toContain(TENANT);
    expect(params.ExpressionAttributeValues[':sk1']).toBe('$skill_1#nameKey_jav');
  });

  it('lists one category of a tenant on gsi2', () => {
    const params = SkillEntity.query.byCategory({ tenantId: TENANT, category: 'cloud' }).params<QueryParams>();

    expect(params.IndexName).toBe('gsi2');
    expect(String(params.ExpressionAttributeValues[':pk'])).toMatch(/tnt_demo.*cloud/);
  });

  it('rebuilds both name-ordered index keys when the name key changes', () => {
    // Act
    const params = SkillEntity.patch({ tenantId: TENANT, skillId: SKILL_ID })
      .set({ name: 'ECMAScript', nameKey: 'ecmascript', updatedBy: 'usr_1' })
      .params<UpdateParams>();

    // Assert
    expect(namesIn(params)).toEqual(expect.arrayContaining(['gsi1sk', 'gsi2sk']));
    expect(Object.values(params.ExpressionAttributeValues)).toContain('$skill_1#nameKey_ecmascript');
  });

  it('moves the skill to its new category partition when the category changes', () => {
    const params = SkillEntity.patch({ tenantId: TENANT, skillId: SKILL_ID })
      .set({ category: 'data', updatedBy: 'usr_1' })
      .params<UpdateParams>();

    expect(namesIn(params)).toContain('gsi2pk');
    expect(namesIn(params)).not.toContain('gsi1sk');
  });

  it('leaves the index keys alone when only the description changes', () => {
    const params = SkillEntity.patch({ tenantId: TENANT, skillId: SKILL_ID })
      .set({ description: 'Scripting for the web', updatedBy: 'usr_1' })
      .params<UpdateParams>();

    expect(namesIn(params).filter((name) => /^gsi\d(pk|sk)$/.test(name))).toEqual([]);
  });
});

describe('RoleEntity', () => {
  it('lists a tenant newest first on gsi1 and one level on gsi2', () => {
    // Act
    const all = RoleEntity.query.byTenant({ tenantId: TENANT }).params<QueryParams>();
    const senior = RoleEntity.query.byLevel({ tenantId: TENANT, level: 'senior' }).params<QueryParams>();

    // Assert
    expect([all.IndexName, senior.IndexName]).toEqual(['gsi1', 'gsi2']);
    expect(String(senior.ExpressionAttributeValues[':pk'])).toMatch(/tnt_demo.*senior/);
  });

  it('moves a role to its new level partition when the level changes', () => {
    const params = RoleEntity.patch({ tenantId: TENANT, roleId: 'role_01JABCDEFGHJKMNPQRSTVWXYZ0' })
      .set({ level: 'lead', updatedBy: 'usr_1' })
      .params<UpdateParams>();

    expect(namesIn(params)).toContain('gsi2pk');
  });
});
