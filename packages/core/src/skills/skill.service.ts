import { auditWrite } from '../platform/audit.ts';
import { isoNow } from '../shared/clock.ts';
import { ConflictError, NotFoundError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { pageOf } from '../shared/paging.ts';
import type { Principal } from '../shared/principal.ts';
import type { Page } from '../shared/schema.ts';
import { put, type TransactionWrite, transactWrite } from '../shared/transaction.ts';
import { patched, versionedPatch, writeVersioned } from '../shared/versioned-write.ts';
import { SkillEntity, type SkillItem } from './skill.entity.ts';
import { normaliseTerm } from './skill.model.ts';
import { type CreateSkill, type ListSkills, Skill, type UpdateSkill } from './skill.schema.ts';
import { claimTerm, releaseTerm, termChanges, termsOf } from './skill-terms.ts';
import { assertTaxonomyReader, assertTaxonomyWriter } from './skills.policy.ts';

/** What the API shows: the item without tenant, key attributes or name key, `skillId` as `id`. */
export const toSkill = ({ skillId, ...item }: SkillItem): Skill => Skill.parse({ ...item, id: skillId });

const notFound = (id: string) => new NotFoundError(`Skill ${id} was not found.`);

const load = async (tenantId: string, id: string, consistent = false): Promise<SkillItem> => {
  const { data } = await SkillEntity.get({ tenantId, skillId: id }).go({ consistent });
  if (!data) throw notFound(id);
  return data;
};

const storedTerms = (item: Pick<SkillItem, 'name' | 'aliases'>) => termsOf(item.name, item.aliases);

/** Creates a skill with the claims on its name and aliases, all or nothing: a taken term is a 409 naming it. */
export const createSkill = async (
  actor: Principal,
  input: CreateSkill,
  skillId: string = newId('skill'),
): Promise<Skill> => {
  assertTaxonomyWriter(actor);
  const { tenantId } = actor;
  const aliases = input.aliases ?? [];
  const terms = termsOf(input.name, aliases);
  // The item as written, defaults and timestamps included: no read after the write.
  const params = SkillEntity.create({
    tenantId,
    skillId,
    name: input.name,
    nameKey: normaliseTerm(input.name),
    category: input.category,
    aliases,
    ...(input.description === undefined ? {} : { description: input.description }),
    isActive: true,
    createdBy: actor.userId,
    updatedBy: actor.userId,
  }).params<{ Item: SkillItem }>();
  const created = toSkill(params.Item);
  await transactWrite([
    put(params, () => new ConflictError(`Skill ${skillId} already exists.`)),
    ...terms.map((term) => claimTerm(tenantId, skillId, term)),
    auditWrite(actor, { action: 'skill.created', entityType: 'skill', entityId: skillId, after: created }),
  ]);
  return created;
};

export const getSkill = async (actor: Principal, id: string): Promise<Skill> => {
  assertTaxonomyReader(actor);
  return toSkill(await load(actor.tenantId, id));
};

/** A to Z by name; `category` picks its index, `prefix` is a begins_with on the name key of either. */
export const listSkills = async (actor: Principal, input: ListSkills): Promise<Page<Skill>> => {
  assertTaxonomyReader(actor);
  const { tenantId } = actor;
  const { category, prefix, includeArchived, limit, cursor } = input;
  const range = prefix === undefined ? undefined : { nameKey: normaliseTerm(prefix) };
  const activeOnly = includeArchived !== true;
  if (category !== undefined) {
    const index = SkillEntity.query.byCategory({ tenantId, category });
    const query = (range ? index.begins(range) : index).where(({ isActive }, { eq }) =>
      activeOnly ? eq(isActive, true) : '',
    );
    return pageOf(query, 'gsi2pk', { limit, cursor, order: 'asc' }, toSkill);
  }
  const index = SkillEntity.query.byTenant({ tenantId });
  const query = (range ? index.begins(range) : index).where(({ isActive }, { eq }) =>
    activeOnly ? eq(isActive, true) : '',
  );
  return pageOf(query, 'gsi1pk', { limit, cursor, order: 'asc' }, toSkill);
};

const archivedSkill = (id: string) =>
  new ConflictError(`Skill ${id} is archived; create a new skill instead.`, {
    extensions: { reason: 'archived' },
  });

type SkillChanges = Partial<Pick<SkillItem, 'name' | 'nameKey' | 'category' | 'aliases' | 'description'>> &
  Partial<Pick<SkillItem, 'isActive' | 'archivedAt'>>;

interface SkillDecision {
  set: SkillChanges;
  remove?: 'description'[];
  verb: string;
  /** The term claims and releases that go with the change. */
  terms: TransactionWrite[];
}

const writeSkill = async (
  actor: Principal,
  id: string,
  expectedVersion: number | undefined,
  decide: (current: SkillItem) => SkillDecision,
): Promise<Skill> => {
  assertTaxonomyWriter(actor);
  await writeVersioned(expectedVersion, {
    label: `Skill ${id}`,
    load: () => load(actor.tenantId, id),
    decide: (current) => {
      const { set, remove = [], verb, terms } = decide(current);
      return [
        versionedPatch(
          SkillEntity.patch({ tenantId: actor.tenantId, skillId: id }).set({ ...set, updatedBy: actor.userId }),
          current.version,
          remove,
        ),
        ...terms,
        auditWrite(actor, {
          action: `skill.${verb}`,
          entityType: 'skill',
          entityId: id,
          before: toSkill(current),
          after: toSkill(patched(current, set, remove)),
        }),
      ];
    },
  });
  return toSkill(await load(actor.tenantId, id, true));
};

/** Releases the terms the change drops and claims the ones it adds, in the change's transaction. */
export const updateSkill = (actor: Principal, id: string, changes: UpdateSkill, expectedVersion?: number) =>
  writeSkill(actor, id, expectedVersion, (current) => {
    if (!current.isActive) throw archivedSkill(id);
    const { description, ...rest } = changes;
    const set: SkillChanges = { ...rest };
    if (changes.name !== undefined) set.nameKey = normaliseTerm(changes.name);
    if (description !== undefined && description !== null) set.description = description;
    const after = termsOf(changes.name ?? current.name, changes.aliases ?? current.aliases);
    return {
      set,
      remove: description === null ? ['description'] : [],
      verb: 'updated',
      terms: termChanges(actor.tenantId, id, storedTerms(current), after),
    };
  });

/** Raised inside a write that finds nothing to do, so that no empty transaction is sent. */
class AlreadyArchived extends Error {}

/**
 * Soft delete: the skill leaves lists and the taxonomy extractors read, and gives up its
 * terms, so its name can name a new skill. Archiving an archived skill changes nothing.
 */
export const archiveSkill = async (actor: Principal, id: string, expectedVersion?: number): Promise<void> => {
  try {
    await writeSkill(actor, id, expectedVersion, (current) => {
      if (!current.isActive) throw new AlreadyArchived();
      return {
        set: { isActive: false, archivedAt: isoNow() },
        verb: 'archived',
        terms: storedTerms(current).map((term) => releaseTerm(actor.tenantId, id, term.value)),
      };
    });
  } catch (error) {
    if (!(error instanceof AlreadyArchived)) throw error;
  }
};
