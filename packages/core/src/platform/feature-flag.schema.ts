import * as z from 'zod/mini';
import { STAFF_ROLES } from '../shared/principal.ts';
import { listQuery, notEmpty, page, queryBoolean, text, trackedView } from '../shared/schema.ts';
import { FLAG_KEY_PATTERN, MAX_TENANT_OVERRIDES, OVERRIDE_TENANT_PATTERN } from './feature-flag.model.ts';

const KEY_RULE = '3 to 64 lowercase letters, digits, dashes or dots, starting and ending with a letter or digit';

export const flagKey = z.string().check(z.trim(), z.toLowerCase(), z.regex(FLAG_KEY_PATTERN, KEY_RULE));

const overrideTenant = z.string().check(z.regex(OVERRIDE_TENANT_PATTERN, 'A tenant id such as tnt_01J...'));

const atMostOverrides = z.refine<Record<string, unknown>>(
  (overrides) => Object.keys(overrides).length <= MAX_TENANT_OVERRIDES,
  `At most ${MAX_TENANT_OVERRIDES} tenant overrides`,
);

/**
 * Percent of tenants, in steps of 0.01. zod's multipleOf forgives any ratio within a few
 * EPSILON of an integer, so 1e-200 would pass it (and DynamoDB refuses numbers below 1e-130).
 */
const rolloutPercentage = z.number().check(
  z.minimum(0),
  z.maximum(100),
  z.multipleOf(0.01),
  z.refine((value) => value === 0 || value >= 0.01, 'Percent in steps of 0.01'),
);

const targetRoles = z.array(z.enum(STAFF_ROLES)).check(
  z.minLength(1, 'Name at least one role, or leave targetRoles out for every role'),
  z.maxLength(STAFF_ROLES.length),
  z.refine((list) => new Set(list).size === list.length, 'Each role may be listed once'),
);

export const CreateFeatureFlagBody = z.strictObject({
  key: flagKey,
  description: text(500),
  enabled: z.optional(z.boolean()),
  tenantOverrides: z.optional(z.record(overrideTenant, z.boolean()).check(atMostOverrides)),
  rolloutPercentage: z.optional(rolloutPercentage),
  targetRoles: z.optional(targetRoles),
});
export type CreateFeatureFlag = z.output<typeof CreateFeatureFlagBody>;

/**
 * `tenantOverrides` is merged into the stored map (RFC 7396): a tenant set to `null` loses
 * its override, tenants not named keep theirs. `targetRoles: null` targets every role again.
 */
export const UpdateFeatureFlagBody = z
  .strictObject({
    description: z.optional(text(500)),
    enabled: z.optional(z.boolean()),
    tenantOverrides: z.optional(z.record(overrideTenant, z.nullable(z.boolean())).check(atMostOverrides)),
    rolloutPercentage: z.optional(rolloutPercentage),
    targetRoles: z.optional(z.nullable(targetRoles)),
  })
  .check(notEmpty);
export type UpdateFeatureFlag = z.output<typeof UpdateFeatureFlagBody>;

/** `{id}` of a flag's path is its key. Not lowercased: a URL names one flag exactly. */
export const FeatureFlagPath = z.strictObject({ id: z.string().check(z.regex(FLAG_KEY_PATTERN, KEY_RULE)) });

export const ListFeatureFlagsQuery = z.strictObject({
  includeArchived: z.optional(queryBoolean),
  ...listQuery,
});
export type ListFeatureFlags = z.output<typeof ListFeatureFlagsQuery>;

export const FeatureFlag = z.object({
  key: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  tenantOverrides: z.record(z.string(), z.boolean()),
  rolloutPercentage: z.number(),
  targetRoles: z.optional(z.array(z.enum(STAFF_ROLES))),
  archivedAt: z.optional(z.string()),
  ...trackedView,
});
export type FeatureFlag = z.output<typeof FeatureFlag>;

export const FeatureFlagPage = page(FeatureFlag);

/** Every live flag, evaluated for the caller. */
export const EvaluatedFeatureFlags = z.object({ flags: z.record(z.string(), z.boolean()) });
export type EvaluatedFeatureFlags = z.output<typeof EvaluatedFeatureFlags>;
