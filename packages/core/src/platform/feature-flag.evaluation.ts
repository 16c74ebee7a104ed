import { createHash } from 'node:crypto';
import type { StaffRole } from '../shared/principal.ts';
import { ROLLOUT_BUCKETS } from './feature-flag.model.ts';

/** What evaluation needs of a flag; no I/O, so every rule is unit-tested offline. */
export interface FlagRule {
  key: string;
  enabled: boolean;
  tenantOverrides: Readonly<Record<string, boolean>>;
  rolloutPercentage: number;
  /** Absent: every role. */
  targetRoles?: readonly StaffRole[] | undefined;
  archived: boolean;
}

/** Who a flag is evaluated for. */
export interface FlagAudience {
  tenantId: string;
  roles: readonly StaffRole[];
}

/**
 * A tenant's bucket for one flag, 0 to ROLLOUT_BUCKETS - 1, from a hash of flag key and
 * tenant id: the same tenant always lands in the same bucket, so raising a percentage only
 * ever adds tenants. The key is part of the hash so that each flag's first 10% are
 * different tenants, not the same unlucky ones every time.
 */
export const rolloutBucket = (flagKey: string, tenantId: string): number => {
  // Neither a key nor a tenant id can contain ':', so no two pairs hash the same input.
  const digest = createHash('sha256').update(`${flagKey}:${tenantId}`).digest();
  // 48 bits, so the modulo's bias is below one in 10^10.
  return digest.readUIntBE(0, 6) % ROLLOUT_BUCKETS;
};

/** Whether the tenant's bucket is among the first `percentage` percent: 0 is nobody, 100 everybody. */
export const inRollout = (flagKey: string, tenantId: string, percentage: number): boolean =>
  rolloutBucket(flagKey, tenantId) < Math.round((percentage * ROLLOUT_BUCKETS) / 100);

/**
 * One flag for one caller; the first rule that applies decides:
 * 1. archived -> off;
 * 2. targetRoles set and the caller has none of them -> off;
 * 3. an override for the caller's tenant -> its value;
 * 4. a rollout percentage above 0 that takes in the tenant's bucket -> on;
 * 5. otherwise `enabled`.
 */
export const evaluateFlag = (flag: FlagRule, audience: FlagAudience): boolean => {
  if (flag.archived) return false;
  if (flag.targetRoles && !flag.targetRoles.some((role) => audience.roles.includes(role))) return false;
  // Own properties only: a tenant id can never reach Object.prototype's members.
  if (Object.hasOwn(flag.tenantOverrides, audience.tenantId)) return flag.tenantOverrides[audience.tenantId] === true;
  if (flag.rolloutPercentage > 0 && inRollout(flag.key, audience.tenantId, flag.rolloutPercentage)) return true;
  return flag.enabled;
};

/** Every live flag for one caller, by key; archived flags are left out, as if they did not exist. */
export const evaluateFlags = (flags: readonly FlagRule[], audience: FlagAudience): Record<string, boolean> =>
  Object.fromEntries(flags.filter((flag) => !flag.archived).map((flag) => [flag.key, evaluateFlag(flag, audience)]));
