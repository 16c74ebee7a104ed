import * as z from 'zod/mini';
import { statedSkillList } from '../extraction/extracted-skill.ts';
import { EXPERIENCE_LEVELS, SKILL_PROFICIENCIES } from '../requisitions/requisition.model.ts';
import { idPath, listQuery, notEmpty, page, queryBoolean, text, trackedView } from '../shared/schema.ts';

export const MAX_ROLE_SKILLS = 50;

/** Each a name or alias of the tenant's taxonomy; stored as its canonical name. */
const skills = statedSkillList(MAX_ROLE_SKILLS);

const editable = {
  title: text(200),
  level: z.enum(EXPERIENCE_LEVELS),
  department: text(100),
  description: text(20_000),
  requiredSkills: skills,
  niceToHaveSkills: skills,
};

export const CreateRoleBody = z.strictObject({
  title: editable.title,
  level: editable.level,
  department: z.optional(editable.department),
  description: z.optional(editable.description),
  requiredSkills: z.optional(editable.requiredSkills),
  niceToHaveSkills: z.optional(editable.niceToHaveSkills),
});
export type CreateRole = z.output<typeof CreateRoleBody>;

/** `null` clears an optional field; a skill list replaces the whole list. */
export const UpdateRoleBody = z
  .strictObject({
    title: z.optional(editable.title),
    level: z.optional(editable.level),
    department: z.optional(z.nullable(editable.department)),
    description: z.optional(z.nullable(editable.description)),
    requiredSkills: z.optional(editable.requiredSkills),
    niceToHaveSkills: z.optional(editable.niceToHaveSkills),
  })
  .check(notEmpty);
export type UpdateRole = z.output<typeof UpdateRoleBody>;

export const RolePath = idPath('role');

export const ListRolesQuery = z.strictObject({
  level: z.optional(z.enum(EXPERIENCE_LEVELS)),
  includeArchived: z.optional(queryBoolean),
  ...listQuery,
});
export type ListRoles = z.output<typeof ListRolesQuery>;

const roleSkill = z.object({ skill: z.string(), proficiency: z.enum(SKILL_PROFICIENCIES) });

export const Role = z.object({
  id: z.string(),
  title: z.string(),
  level: z.enum(EXPERIENCE_LEVELS),
  department: z.optional(z.string()),
  description: z.optional(z.string()),
  requiredSkills: z.array(roleSkill),
  niceToHaveSkills: z.array(roleSkill),
  isActive: z.boolean(),
  archivedAt: z.optional(z.string()),
  ...trackedView,
});
export type Role = z.output<typeof Role>;

export const RolePage = page(Role);
