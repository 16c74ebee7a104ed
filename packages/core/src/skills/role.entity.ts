import { Entity, type EntityItem } from 'electrodb';
import { statedSkillListAttribute } from '../extraction/skill.attributes.ts';
import { EXPERIENCE_LEVELS } from '../requisitions/requisition.model.ts';
import { trackedAttributes } from '../shared/attributes.ts';
import { documentClient, tableName } from '../shared/db.ts';

/**
 * Role: a job-role template ("Senior Backend Engineer") a requisition can start from. Its
 * skills are canonical names of the tenant's taxonomy, checked when the role is written.
 *
 * Access patterns (the tenant is always the first composite):
 * - byId      table  pk: tenant + role id                   -> one role
 * - byTenant  gsi1   pk: tenant           sk: id  -> all, newest first
 * - byLevel   gsi2   pk: tenant + level   sk: id  -> one experience level, newest first
 * Archived roles stay in both indexes; lists leave them out with a filter on isActive.
 */
export const RoleEntity = new Entity(
  {
    model: { entity: 'role', version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      roleId: { type: 'string', required: true, readOnly: true },
      title: { type: 'string', required: true },
      level: { type: EXPERIENCE_LEVELS, required: true },
      department: { type: 'string' },
      description: { type: 'string' },
      requiredSkills: statedSkillListAttribute,
      niceToHaveSkills: statedSkillListAttribute,
      isActive: { type: 'boolean', required: true, default: true },
      archivedAt: { type: 'string' },
      ...trackedAttributes,
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['tenantId', 'roleId'], casing: 'none' },
        sk: { field: 'sk', composite: [], casing: 'none' },
      },
      byTenant: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['tenantId'], casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['roleId'], casing: 'none' },
      },
      byLevel: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: ['tenantId', 'level'], casing: 'none' },
        sk: { field: 'gsi2sk', composite: ['roleId'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type RoleItem = EntityItem<typeof RoleEntity>;
