import * as z from 'zod/mini';
import { boundedList, idPath, listQuery, notEmpty, page, queryBoolean, text, trackedView } from '../shared/schema.ts';
import { MAX_ALIASES, MAX_SKILL_NAME, SKILL_CATEGORIES } from './skill.model.ts';

const editable = {
  name: text(MAX_SKILL_NAME),
  category: z.enum(SKILL_CATEGORIES),
  /** Other words for the skill; each is claimed like the name (see skill-terms.ts). */
  aliases: boundedList(text(MAX_SKILL_NAME), MAX_ALIASES),
  description: text(2000),
};

export const CreateSkillBody = z.strictObject({
  name: editable.name,
  category: editable.category,
  aliases: z.optional(editable.aliases),
  description: z.optional(editable.description),
});
export type CreateSkill = z.output<typeof CreateSkillBody>;

/** `null` clears the description; `aliases` replaces the whole list. */
export const UpdateSkillBody = z
  .strictObject({
    name: z.optional(editable.name),
    category: z.optional(editable.category),
    aliases: z.optional(editable.aliases),
    description: z.optional(z.nullable(editable.description)),
  })
  .check(notEmpty);
export type UpdateSkill = z.output<typeof UpdateSkillBody>;

export const SkillPath = idPath('skill');

export const ListSkillsQuery = z.strictObject({
  category: z.optional(z.enum(SKILL_CATEGORIES)),
  /** Names that start with this, whatever the case. */
  prefix: z.optional(text(MAX_SKILL_NAME)),
  includeArchived: z.optional(queryBoolean),
  ...listQuery,
});
export type ListSkills = z.output<typeof ListSkillsQuery>;

export const Skill = z.object({
  id: z.string(),
  name: z.string(),
  category: z.enum(SKILL_CATEGORIES),
  aliases: z.array(z.string()),
  description: z.optional(z.string()),
  isActive: z.boolean(),
  archivedAt: z.optional(z.string()),
  ...trackedView,
});
export type Skill = z.output<typeof Skill>;

export const SkillPage = page(Skill);
