/** The vocabulary of a feature flag, shared by its entity, schemas, evaluation and service. */

/** `new-dashboard`, `interviews.ai-notes`: lowercase letters, digits, dashes and dots, 3 to 64, starting and ending alphanumeric. */
export const FLAG_KEY_PATTERN = /^[a-z0-9][a-z0-9.-]{1,62}[a-z0-9]$/;

/**
 * Tenant ids a flag may name. Minted ids are `tnt_<ULID>`, but seeded tenants have fixed,
 * shorter ids (`tnt_platform`), so the shape is checked, not the ULID.
 */
export const OVERRIDE_TENANT_PATTERN = /^tnt_[A-Za-z0-9]{1,40}$/;

/** Keeps one flag item (and its audit entry) far below DynamoDB's 400 KB item limit. */
export const MAX_TENANT_OVERRIDES = 500;

/** Rollout buckets have two decimals: 10_000 buckets of 0.01 percentage points each. */
export const ROLLOUT_BUCKETS = 10_000;
