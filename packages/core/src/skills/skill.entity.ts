import { Entity, type EntityItem } from 'electrodb';
import { trackedAttributes } from '../shared/attributes.ts';
import { documentClient, tableName } from '../shared/db.ts';
import { SKILL_CATEGORIES } from './skill.model.ts';

/**
 * Skill: one entry of a tenant's taxonomy, a canonical name with the other words for it.
 * Its name and each alias are claimed as UniqueValue 'skill-term's in the same transaction
 * (see skill-terms.ts), so a term means one skill only.
 *
 * Access patterns (the tenant is always the first composite):
 * - byId        table  pk: tenant + skill id                          -> one skill
 * - byTenant    gsi1   pk: tenant             sk: name key  -> all, A to Z (?prefix= is begins_with)
 * - byCategory  gsi2   pk: tenant + category  sk: name key  -> one category, A to Z
 * The name key is the normalised name, so the admin UI lists alphabetically whatever the
 * casing. It is the whole sort key (no id after it, which would sort "c#" before "c"); an
 * index sort key need not be unique, so an archived skill and its successor of the same
 * name both fit. Archived skills stay in both indexes; lists leave them out with a filter
 * on isActive.
 */
export const SkillEntity = new Entity(
  {
    model: { entity: 'skill', version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      skillId: { type: 'string', required: true, readOnly: true },
      name: { type: 'string', required: true },
      nameKey: { type: 'string', required: true },
      category: { type: SKILL_CATEGORIES, required: true },
      aliases: { type: 'list', items: { type: 'string' }, required: true, default: () => [] },
      description: { type: 'string' },
      isActive: { type: 'boolean', required: true, default: true },
      archivedAt: { type: 'string' },
      ...trackedAttributes,
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['tenantId', 'skillId'], casing: 'none' },
        sk: { field: 'sk', composite: [], casing: 'none' },
      },
      byTenant: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['tenantId'], casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['nameKey'], casing: 'none' },
      },
      byCategory: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: ['tenantId', 'category'], casing: 'none' },
        sk: { field: 'gsi2sk', composite: ['nameKey'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type SkillItem = EntityItem<typeof SkillEntity>;
