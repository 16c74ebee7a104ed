import type { StatedSkill } from '../extraction/extracted-skill.ts';
import { auditWrite } from '../platform/audit.ts';
import { isoNow } from '../shared/clock.ts';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { pageOf } from '../shared/paging.ts';
import type { Principal } from '../shared/principal.ts';
import type { Page } from '../shared/schema.ts';
import { put, transactWrite } from '../shared/transaction.ts';
import { patched, versionedPatch, writeVersioned } from '../shared/versioned-write.ts';
import { RoleEntity, type RoleItem } from './role.entity.ts';
import { type CreateRole, type ListRoles, Role, type UpdateRole } from './role.schema.ts';
import { assertTaxonomyReader, assertTaxonomyWriter } from './skills.policy.ts';
import { canonicalSkillLists } from './taxonomy.ts';

/** What the API shows: the item without tenant or key attributes, `roleId` as `id`. */
export const toRole = ({ roleId, ...item }: RoleItem): Role => Role.parse({ ...item, id: roleId });

const notFound = (id: string) => new NotFoundError(`Role ${id} was not found.`);

const load = async (tenantId: string, id: string, consistent = false): Promise<RoleItem> => {
  const { data } = await RoleEntity.get({ tenantId, roleId: id }).go({ consistent });
  if (!data) throw notFound(id);
  return data;
};

interface RoleSkills {
  requiredSkills?: StatedSkill[];
  niceToHaveSkills?: StatedSkill[];
}

const canonicalRoleSkills = (tenantId: string, input: RoleSkills): Promise<RoleSkills> =>
  canonicalSkillLists(tenantId, { requiredSkills: input.requiredSkills, niceToHaveSkills: input.niceToHaveSkills });

export const createRole = async (
  actor: Principal,
  input: CreateRole,
  roleId: string = newId('role'),
): Promise<Role> => {
  assertTaxonomyWriter(actor);
  const skills = await canonicalRoleSkills(actor.tenantId, input);
  const params = RoleEntity.create({
    ...input,
    ...skills,
    tenantId: actor.tenantId,
    roleId,
    isActive: true,
    createdBy: actor.userId,
    updatedBy: actor.userId,
  }).params<{ Item: RoleItem }>();
  const created = toRole(params.Item);
  await transactWrite([
    put(params, () => new ConflictError(`Role ${roleId} already exists.`)),
    auditWrite(actor, { action: 'role.created', entityType: 'role', entityId: roleId, after: created }),
  ]);
  return created;
};

export const getRole = async (actor: Principal, id: string): Promise<Role> => {
  assertTaxonomyReader(actor);
  return toRole(await load(actor.tenantId, id));
};

/** Newest first; `level` picks its own index. */
export const listRoles = async (actor: Principal, input: ListRoles): Promise<Page<Role>> => {
  assertTaxonomyReader(actor);
  const { tenantId } = actor;
  const { level, includeArchived, limit, cursor } = input;
  const activeOnly = includeArchived !== true;
  if (level !== undefined) {
    const query = RoleEntity.query
      .byLevel({ tenantId, level })
      .where(({ isActive }, { eq }) => (activeOnly ? eq(isActive, true) : ''));
    return pageOf(query, 'gsi2pk', { limit, cursor }, toRole);
  }
  const query = RoleEntity.query
    .byTenant({ tenantId })
    .where(({ isActive }, { eq }) => (activeOnly ? eq(isActive, true) : ''));
  return pageOf(query, 'gsi1pk', { limit, cursor }, toRole);
};

type RoleChanges = Partial<
  Pick<
    RoleItem,
    'title' | 'level' | 'department' | 'description' | 'requiredSkills' | 'niceToHaveSkills' | 'isActive' | 'archivedAt'
  >
>;
type Clearable = 'department' | 'description';

const writeRole = async (
  actor: Principal,
  id: string,
  expectedVersion: number | undefined,
  decide: (current: RoleItem) => { set: RoleChanges; remove?: Clearable[]; verb: string },
): Promise<Role> => {
  await writeVersioned(expectedVersion, {
    label: `Role ${id}`,
    load: () => load(actor.tenantId, id),
    decide: (current) => {
      const { set, remove = [], verb } = decide(current);
      return [
        versionedPatch(
          RoleEntity.patch({ tenantId: actor.tenantId, roleId: id }).set({ ...set, updatedBy: actor.userId }),
          current.version,
          remove,
        ),
        auditWrite(actor, {
          action: `role.${verb}`,
          entityType: 'role',
          entityId: id,
          before: toRole(current),
          after: toRole(patched(current, set, remove)),
        }),
      ];
    },
  });
  return toRole(await load(actor.tenantId, id, true));
};

const archivedRole = (id: string) =>
  new ConflictError(`Role ${id} is archived; create a new role instead.`, { extensions: { reason: 'archived' } });

export const updateRole = async (
  actor: Principal,
  id: string,
  changes: UpdateRole,
  expectedVersion?: number,
): Promise<Role> => {
  assertTaxonomyWriter(actor);
  const skills = await canonicalRoleSkills(actor.tenantId, changes);
  return writeRole(actor, id, expectedVersion, (current) => {
    if (!current.isActive) throw archivedRole(id);
    const set: RoleChanges = {};
    const remove: Clearable[] = [];
    for (const [field, value] of Object.entries({ ...changes, ...skills }) as [keyof UpdateRole, unknown][]) {
      if (value === null) remove.push(field as Clearable);
      else Object.assign(set, { [field]: value });
    }
    return { set, remove, verb: 'updated' };
  });
};

/** Raised inside a write that finds nothing to do, so that no empty transaction is sent. */
class AlreadyArchived extends Error {}

/** Soft delete: the role leaves lists and can no longer start a requisition. Archiving twice changes nothing. */
export const archiveRole = async (actor: Principal, id: string, expectedVersion?: number): Promise<void> => {
  assertTaxonomyWriter(actor);
  try {
    await writeRole(actor, id, expectedVersion, (current) => {
      if (!current.isActive) throw new AlreadyArchived();
      return { set: { isActive: false, archivedAt: isoNow() }, verb: 'archived' };
    });
  } catch (error) {
    if (!(error instanceof AlreadyArchived)) throw error;
  }
};

/**
 * What a requisition made from a role starts with. A role that is missing, archived or of
 * another tenant is a 400 on `roleId`: the request names it in its body, not its path.
 */
export const requisitionDefaultsFromRole = async (tenantId: string, roleId: string) => {
  const { data } = await RoleEntity.get({ tenantId, roleId }).go();
  if (!data?.isActive) {
    throw new ValidationError(`Role ${roleId} is not one of your active roles.`, {
      errors: [{ field: 'roleId', code: 'unknown_role', message: 'Use the id of an active role of your tenant' }],
    });
  }
  return {
    title: data.title,
    experienceLevel: data.level,
    ...(data.department === undefined ? {} : { department: data.department }),
    ...(data.description === undefined ? {} : { description: data.description }),
    requiredSkills: data.requiredSkills,
    niceToHaveSkills: data.niceToHaveSkills,
  };
};
