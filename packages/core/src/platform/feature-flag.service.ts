import { isoNow, systemClock } from '../shared/clock.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.ts';
import { pageOf } from '../shared/paging.ts';
import { hasAnyRole, type Principal, STAFF_ROLES, type StaffRole } from '../shared/principal.ts';
import type { Page } from '../shared/schema.ts';
import { put, transactWrite } from '../shared/transaction.ts';
import { patched, versionedPatch, writeVersioned } from '../shared/versioned-write.ts';
import { auditWrite } from './audit.ts';
import { FeatureFlagEntity, type FeatureFlagItem } from './feature-flag.entity.ts';
import { evaluateFlags, type FlagRule } from './feature-flag.evaluation.ts';
import { MAX_TENANT_OVERRIDES } from './feature-flag.model.ts';
import {
  type CreateFeatureFlag,
  FeatureFlag,
  type ListFeatureFlags,
  type UpdateFeatureFlag,
} from './feature-flag.schema.ts';

/**
 * How long an execution environment answers evaluations from the flags it read last.
 * A change reaches every warm Lambda within this time; the Lambda that made it, at once.
 */
export const FLAG_CACHE_TTL_MS = 30_000;

type StoredOverrides = FeatureFlagItem['tenantOverrides'];

const overridesOf = (stored: StoredOverrides): Record<string, boolean> =>
  Object.fromEntries(stored.map(({ tenantId, enabled }) => [tenantId, enabled]));

/** Sorted, so the same overrides are stored the same way and audit entries show real changes only. */
const storedOverrides = (overrides: Record<string, boolean>): StoredOverrides =>
  Object.entries(overrides)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([tenantId, enabled]) => ({ tenantId, enabled }));

/** A set has no order; the API lists roles in the order STAFF_ROLES does. */
const inRoleOrder = (roles: readonly StaffRole[] | undefined): StaffRole[] | undefined =>
  roles && STAFF_ROLES.filter((role) => roles.includes(role));

/** What the API shows: `flagKey` as `key`, overrides as a map of tenant id to answer. */
export const toFeatureFlag = ({ flagKey, tenantOverrides, targetRoles, ...item }: FeatureFlagItem): FeatureFlag =>
  FeatureFlag.parse({
    ...item,
    key: flagKey,
    tenantOverrides: overridesOf(tenantOverrides),
    targetRoles: inRoleOrder(targetRoles),
  });

const assertFlagManager = (actor: Principal): void => {
  if (!hasAnyRole(actor, ['superadmin']))
    throw new ForbiddenError('Only the platform superadmin manages feature flags.');
};

const notFound = (key: string) => new NotFoundError(`Feature flag ${key} was not found.`);

const load = async (key: string, consistent = false): Promise<FeatureFlagItem> => {
  const { data } = await FeatureFlagEntity.get({ flagKey: key }).go({ consistent });
  if (!data) throw notFound(key);
  return data;
};

const keyTaken = (key: string) =>
  new ConflictError(`A feature flag with the key ${key} exists already (archived flags keep their key).`, {
    errors: [{ field: 'key', code: 'taken', message: 'Choose another key' }],
  });

// Evaluation reads every live flag once per FLAG_CACHE_TTL_MS and execution environment.
interface CachedRules {
  loadedAt: number;
  rules: Promise<FlagRule[]>;
}
let cached: CachedRules | undefined;

/** A write in this environment drops the cache, so whoever made a change sees it at once. */
const forgetCachedFlags = (): void => {
  cached = undefined;
};

const toRule = (item: FeatureFlagItem): FlagRule => ({
  key: item.flagKey,
  enabled: item.enabled,
  tenantOverrides: overridesOf(item.tenantOverrides),
  rolloutPercentage: item.rolloutPercentage,
  targetRoles: item.targetRoles,
  archived: item.archivedAt !== undefined,
});

/** One Query of the flags' partition, strongly consistent, every page. */
const readLiveRules = async (): Promise<FlagRule[]> => {
  const { data } = await FeatureFlagEntity.query
    .byKey({})
    .where(({ archivedAt }, { notExists }) => notExists(archivedAt))
    .go({ pages: 'all', consistent: true });
  return data.map(toRule);
};

/** Concurrent callers of a cold or expired cache share one read; a failed read is not kept. */
const liveRules = (): Promise<FlagRule[]> => {
  const now = systemClock.now().getTime();
  if (cached && now - cached.loadedAt < FLAG_CACHE_TTL_MS) return cached.rules;
  const entry: CachedRules = { loadedAt: now, rules: readLiveRules() };
  cached = entry;
  entry.rules.catch(() => {
    if (cached === entry) forgetCachedFlags();
  });
  return entry.rules;
};

/** Every live flag, on or off for this caller (see feature-flag.evaluation.ts for the rules). */
export const evaluateFlagsFor = async (principal: Principal): Promise<Record<string, boolean>> =>
  evaluateFlags(await liveRules(), principal);

/** Flag keys are unique platform-wide: the create is a put on the key's item that must not exist yet. */
export const createFeatureFlag = async (actor: Principal, input: CreateFeatureFlag): Promise<FeatureFlag> => {
  assertFlagManager(actor);
  const create = FeatureFlagEntity.create({
    flagKey: input.key,
    description: input.description,
    enabled: input.enabled ?? false,
    tenantOverrides: storedOverrides(input.tenantOverrides ?? {}),
    rolloutPercentage: input.rolloutPercentage ?? 0,
    ...(input.targetRoles ? { targetRoles: input.targetRoles } : {}),
    createdBy: actor.userId,
    updatedBy: actor.userId,
  });
  await transactWrite([
    put(create.params(), () => keyTaken(input.key)),
    auditWrite(actor, {
      action: 'feature_flag.created',
      entityType: 'feature_flag',
      entityId: input.key,
      after: input,
    }),
  ]);
  forgetCachedFlags();
  return toFeatureFlag(await load(input.key, true));
};

export const getFeatureFlag = async (actor: Principal, key: string): Promise<FeatureFlag> => {
  assertFlagManager(actor);
  return toFeatureFlag(await load(key));
};

/** Newest first; archived flags only when asked for, so a page may hold fewer than `limit`. */
export const listFeatureFlags = async (actor: Principal, input: ListFeatureFlags): Promise<Page<FeatureFlag>> => {
  assertFlagManager(actor);
  const { includeArchived = false, limit, cursor } = input;
  const all = FeatureFlagEntity.query.all({});
  const query = includeArchived ? all : all.where(({ archivedAt }, { notExists }) => notExists(archivedAt));
  return pageOf(query, 'gsi1pk', { limit, cursor }, toFeatureFlag);
};

type FlagChanges = Partial<
  Pick<
    FeatureFlagItem,
    'description' | 'enabled' | 'tenantOverrides' | 'rolloutPercentage' | 'targetRoles' | 'archivedAt'
  >
>;

interface Decision {
  set: FlagChanges;
  remove?: 'targetRoles'[];
  /** `feature_flag.<verb>` in the audit trail. */
  verb: string;
}

/** An archived flag is kept for its history only; it cannot change or come back. */
const assertLive = (current: FeatureFlagItem): void => {
  if (current.archivedAt === undefined) return;
  throw new ConflictError(`Feature flag ${current.flagKey} is archived; it cannot change.`, {
    extensions: { archivedAt: current.archivedAt },
  });
};

const writeFlag = async (
  actor: Principal,
  key: string,
  expectedVersion: number | undefined,
  decide: (current: FeatureFlagItem) => Decision,
): Promise<FeatureFlag> => {
  assertFlagManager(actor);
  await writeVersioned(expectedVersion, {
    label: `Feature flag ${key}`,
    load: () => load(key),
    decide: (current) => {
      assertLive(current);
      const { set, remove = [], verb } = decide(current);
      return [
        versionedPatch(
          FeatureFlagEntity.patch({ flagKey: key }).set({ ...set, updatedBy: actor.userId }),
          current.version,
          remove,
        ),
        auditWrite(actor, {
          action: `feature_flag.${verb}`,
          entityType: 'feature_flag',
          entityId: key,
          before: toFeatureFlag(current),
          after: toFeatureFlag(patched(current, set, remove)),
        }),
      ];
    },
  });
  forgetCachedFlags();
  return toFeatureFlag(await load(key, true));
};

/** RFC 7396 on the overrides: `null` removes a tenant's override, tenants not named keep theirs. */
const mergedOverrides = (stored: StoredOverrides, changes: Record<string, boolean | null>): StoredOverrides => {
  const merged = overridesOf(stored);
  for (const [tenantId, enabled] of Object.entries(changes)) {
    if (enabled === null) delete merged[tenantId];
    else merged[tenantId] = enabled;
  }
  const count = Object.keys(merged).length;
  if (count > MAX_TENANT_OVERRIDES) {
    throw new ValidationError(`The flag would have ${count} tenant overrides; the limit is ${MAX_TENANT_OVERRIDES}.`, {
      errors: [
        {
          field: 'tenantOverrides',
          code: 'too_many',
          message: `At most ${MAX_TENANT_OVERRIDES} tenant overrides; remove some with null`,
        },
      ],
    });
  }
  return storedOverrides(merged);
};

export const updateFeatureFlag = (
  actor: Principal,
  key: string,
  changes: UpdateFeatureFlag,
  expectedVersion?: number,
) =>
  writeFlag(actor, key, expectedVersion, (current) => {
    const { tenantOverrides, targetRoles, ...rest } = changes;
    const set: FlagChanges = { ...rest };
    if (tenantOverrides !== undefined) set.tenantOverrides = mergedOverrides(current.tenantOverrides, tenantOverrides);
    if (targetRoles) set.targetRoles = targetRoles;
    return { set, remove: targetRoles === null ? ['targetRoles'] : [], verb: 'updated' };
  });

/** Soft delete: the flag leaves lists and evaluation, its item and history stay, its key stays taken. */
export const archiveFeatureFlag = (actor: Principal, key: string, expectedVersion?: number) =>
  writeFlag(actor, key, expectedVersion, () => ({ set: { archivedAt: isoNow() }, verb: 'archived' }));
