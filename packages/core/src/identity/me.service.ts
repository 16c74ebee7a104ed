import { evaluateFlagsFor } from '../platform/feature-flag.service.ts';
import type { Principal } from '../shared/principal.ts';
import type { Me, PracticeStreakView } from './me.schema.ts';
import { streakOnRead } from './practice-streak.ts';
import { TenantEntity } from './tenant.entity.ts';
import { UserEntity } from './user.entity.ts';
import type { UpdateMe } from './user.schema.ts';
import { getMyUser, updateMyUser } from './user.service.ts';

/**
 * The caller's practice streak as of today in their zone. Read consistently, so a practice
 * completed a moment ago shows; users from before practice existed have no counters yet.
 */
const practiceOf = async (actor: Principal, timeZone: string): Promise<PracticeStreakView> => {
  const { data } = await UserEntity.get({ tenantId: actor.tenantId, userId: actor.userId }).go({
    consistent: true,
    attributes: ['currentStreak', 'longestStreak', 'lastPracticeDate'],
  });
  return streakOnRead(
    {
      currentStreak: data?.currentStreak ?? 0,
      longestStreak: data?.longestStreak ?? 0,
      lastPracticeDate: data?.lastPracticeDate,
    },
    new Date(),
    timeZone,
  );
};

const withTenantAndFlags = async (actor: Principal, user: Awaited<ReturnType<typeof getMyUser>>): Promise<Me> => {
  const [{ data: tenant }, featureFlags, practice] = await Promise.all([
    TenantEntity.get({ tenantId: actor.tenantId }).go({ attributes: ['tenantId', 'name', 'slug', 'plan'] }),
    evaluateFlagsFor(actor),
    practiceOf(actor, user.timezone),
  ]);
  // The access gate read this tenant a moment ago; only a concurrent hard delete could lose it.
  if (!tenant) throw new Error(`Tenant ${actor.tenantId} of user ${actor.userId} is missing`);
  return {
    ...user,
    tenant: { id: tenant.tenantId, name: tenant.name, slug: tenant.slug, plan: tenant.plan },
    featureFlags,
    practice,
  };
};

export const getMe = async (actor: Principal): Promise<Me> => withTenantAndFlags(actor, await getMyUser(actor));

export const updateMe = async (actor: Principal, changes: UpdateMe, expectedVersion?: number): Promise<Me> =>
  withTenantAndFlags(actor, await updateMyUser(actor, changes, expectedVersion));
