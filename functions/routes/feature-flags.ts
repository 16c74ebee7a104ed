import {
  CreateFeatureFlagBody,
  EvaluatedFeatureFlags,
  FeatureFlag,
  FeatureFlagPage,
  FeatureFlagPath,
  ListFeatureFlagsQuery,
  UpdateFeatureFlagBody,
} from '@assist-ten/core/platform/feature-flag.schema';
import { STAFF_ROLES } from '@assist-ten/core/shared/principal';
import { route } from './define.ts';

const FLAGS = '/api/v1/superadmin/feature-flags';
const superadmin = { type: 'staff', roles: ['superadmin'] } as const;
const everyone = { type: 'staff', roles: STAFF_ROLES } as const;

/** `{id}` of these paths is the flag's key, e.g. `new-dashboard`. */
export const featureFlagRoutes = [
  route({
    method: 'POST',
    path: FLAGS,
    context: 'platform',
    auth: superadmin,
    summary: 'Define a feature flag; its key is unique platform-wide (409 naming `key` when taken)',
    request: { body: CreateFeatureFlagBody },
    response: { status: 201, body: FeatureFlag, description: 'The new flag' },
    idempotent: true,
    versioned: true,
  }),
  route({
    method: 'GET',
    path: FLAGS,
    context: 'platform',
    auth: superadmin,
    summary: 'List feature flags, newest first; archived ones only with includeArchived=true',
    request: { query: ListFeatureFlagsQuery },
    response: { status: 200, body: FeatureFlagPage, description: 'One page of flags' },
  }),
  route({
    method: 'GET',
    path: `${FLAGS}/{id}`,
    context: 'platform',
    auth: superadmin,
    summary: 'Get a feature flag by key, archived or not',
    request: { path: FeatureFlagPath },
    response: { status: 200, body: FeatureFlag, description: 'The flag' },
    versioned: true,
    resource: 'feature-flag',
  }),
  route({
    method: 'PATCH',
    path: `${FLAGS}/{id}`,
    context: 'platform',
    auth: superadmin,
    summary:
      "Change a flag's description, default, tenant overrides (merged), rollout or target roles (If-Match honoured)",
    request: { path: FeatureFlagPath, body: UpdateFeatureFlagBody },
    response: { status: 200, body: FeatureFlag, description: 'The updated flag' },
    versioned: true,
    resource: 'feature-flag',
  }),
  route({
    method: 'DELETE',
    path: `${FLAGS}/{id}`,
    context: 'platform',
    auth: superadmin,
    summary: 'Archive a feature flag: it leaves lists and evaluation; its key stays taken (If-Match honoured)',
    request: { path: FeatureFlagPath },
    response: { status: 200, body: FeatureFlag, description: 'The archived flag, with archivedAt' },
    versioned: true,
    resource: 'feature-flag',
  }),
  route({
    method: 'GET',
    path: '/api/v1/feature-flags',
    context: 'platform',
    auth: everyone,
    summary: 'Every live feature flag, on or off for the caller (may lag a change by up to 30 s)',
    response: { status: 200, body: EvaluatedFeatureFlags, description: 'Flag key -> on/off' },
  }),
] as const;
