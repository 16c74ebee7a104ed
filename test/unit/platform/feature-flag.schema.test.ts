import { MAX_TENANT_OVERRIDES } from '@assist-ten/core/platform/feature-flag.model';
import {
  CreateFeatureFlagBody,
  FeatureFlagPath,
  ListFeatureFlagsQuery,
  UpdateFeatureFlagBody,
} from '@assist-ten/core/platform/feature-flag.schema';
import { describe, expect, it } from 'vitest';

const issuesOf = (result: { success: boolean; error?: { issues: readonly unknown[] } }) => {
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []) as { code: string; path: PropertyKey[]; keys?: string[] }[];
};

const manyOverrides = (count: number): Record<string, boolean> =>
  Object.fromEntries(Array.from({ length: count }, (_, n) => [`tnt_${n}`, n % 2 === 0]));

describe('CreateFeatureFlagBody', () => {
  it('accepts a complete body and a body with only key and description', () => {
    // Act
    const complete = CreateFeatureFlagBody.safeParse({
      key: 'new-dashboard',
      description: 'The redesigned dashboard',
      enabled: false,
      tenantOverrides: { tnt_01JABCDEFGHJKMNPQRSTVWXYZ0: true, tnt_platform: false },
      rolloutPercentage: 12.5,
      targetRoles: ['recruiter', 'admin'],
    });
    const minimal = CreateFeatureFlagBody.safeParse({ key: 'ai.notes', description: 'AI interview notes' });

    // Assert
    expect(complete.success).toBe(true);
    expect(minimal).toEqual({ success: true, data: { key: 'ai.notes', description: 'AI interview notes' } });
  });

  it('trims and lowercases the key', () => {
    // Act
    const result = CreateFeatureFlagBody.safeParse({ key: '  New-Dashboard ', description: 'x' });

    // Assert
    expect(result.data?.key).toBe('new-dashboard');
  });

  it.each(['ab', 'a'.repeat(65), '-leading', 'trailing.', 'under_score', 'sp ace', 'émoji', 'slash/y'])(
    'rejects the key %s, naming key',
    (key) => {
      // Act
      const issues = issuesOf(CreateFeatureFlagBody.safeParse({ key, description: 'x' }));

      // Assert
      expect(issues.map((issue) => issue.path.join('.'))).toEqual(['key']);
    },
  );

  it.each(['abc', 'a'.repeat(64), 'v2.checkout-flow', '3d-preview'])('accepts the key %s', (key) => {
    // Act
    const result = CreateFeatureFlagBody.safeParse({ key, description: 'x' });

    // Assert
    expect(result.success).toBe(true);
  });

  it.each([-1, 100.01, 12.345, Number.NaN, 1e-129, 5e-324])(
    'rejects the rollout percentage %s',
    (rolloutPercentage) => {
      // Act
      const issues = issuesOf(CreateFeatureFlagBody.safeParse({ key: 'abc', description: 'x', rolloutPercentage }));

      // Assert
      expect(issues[0]?.path).toEqual(['rolloutPercentage']);
    },
  );

  it.each([0, 0.01, 33.33, 99.99, 100])('accepts the rollout percentage %s', (rolloutPercentage) => {
    // Act
    const result = CreateFeatureFlagBody.safeParse({ key: 'abc', description: 'x', rolloutPercentage });

    // Assert
    expect(result.success).toBe(true);
  });

  it('names the override whose tenant id is not shaped like one', () => {
    // Act
    const issues = issuesOf(
      CreateFeatureFlagBody.safeParse({ key: 'abc', description: 'x', tenantOverrides: { usr_1: true } }),
    );

    // Assert
    expect(issues[0]?.path).toEqual(['tenantOverrides', 'usr_1']);
  });

  it('rejects an override that is not a boolean', () => {
    // Act
    const issues = issuesOf(
      CreateFeatureFlagBody.safeParse({ key: 'abc', description: 'x', tenantOverrides: { tnt_demo: 'yes' } }),
    );

    // Assert
    expect(issues[0]?.path).toEqual(['tenantOverrides', 'tnt_demo']);
  });

  it(`accepts ${MAX_TENANT_OVERRIDES} overrides and refuses one more`, () => {
    // Act
    const atLimit = CreateFeatureFlagBody.safeParse({
      key: 'abc',
      description: 'x',
      tenantOverrides: manyOverrides(MAX_TENANT_OVERRIDES),
    });
    const overLimit = CreateFeatureFlagBody.safeParse({
      key: 'abc',
      description: 'x',
      tenantOverrides: manyOverrides(MAX_TENANT_OVERRIDES + 1),
    });

    // Assert
    expect(atLimit.success).toBe(true);
    expect(issuesOf(overLimit)[0]?.path).toEqual(['tenantOverrides']);
  });

  it.each([[[]], [['recruiter', 'recruiter']], [['owner']]])('rejects the target roles %j', (targetRoles) => {
    // Act
    const issues = issuesOf(CreateFeatureFlagBody.safeParse({ key: 'abc', description: 'x', targetRoles }));

    // Assert
    expect(issues[0]?.path[0]).toBe('targetRoles');
  });

  it.each(['version', 'createdBy', 'archivedAt', 'id', 'pk'])('rejects the system-owned field %s', (field) => {
    // Act
    const issues = issuesOf(CreateFeatureFlagBody.safeParse({ key: 'abc', description: 'x', [field]: 'x' }));

    // Assert
    expect(issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', keys: [field] })]);
  });

  it('requires a description and bounds it', () => {
    // Act
    const missing = issuesOf(CreateFeatureFlagBody.safeParse({ key: 'abc' }));
    const tooLong = issuesOf(CreateFeatureFlagBody.safeParse({ key: 'abc', description: 'x'.repeat(501) }));

    // Assert
    expect(missing[0]?.path).toEqual(['description']);
    expect(tooLong[0]?.path).toEqual(['description']);
  });
});

describe('UpdateFeatureFlagBody', () => {
  it('takes null to remove an override or the target roles', () => {
    // Act
    const result = UpdateFeatureFlagBody.safeParse({ tenantOverrides: { tnt_demo: null }, targetRoles: null });

    // Assert
    expect(result).toEqual({ success: true, data: { tenantOverrides: { tnt_demo: null }, targetRoles: null } });
  });

  it('refuses an empty body and a change of key', () => {
    // Act
    const empty = issuesOf(UpdateFeatureFlagBody.safeParse({}));
    const rekey = issuesOf(UpdateFeatureFlagBody.safeParse({ key: 'other-key' }));

    // Assert
    expect(empty).toHaveLength(1);
    expect(rekey[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['key'] });
  });
});

describe('FeatureFlagPath', () => {
  it('takes a flag key as the id, exactly as written', () => {
    // Act
    const valid = FeatureFlagPath.safeParse({ id: 'new-dashboard' });
    const upper = issuesOf(FeatureFlagPath.safeParse({ id: 'New-Dashboard' }));

    // Assert
    expect(valid.success).toBe(true);
    expect(upper[0]?.path).toEqual(['id']);
  });
});

describe('ListFeatureFlagsQuery', () => {
  it('reads includeArchived as a boolean and defaults the limit', () => {
    // Act
    const result = ListFeatureFlagsQuery.safeParse({ includeArchived: 'true' });

    // Assert
    expect(result.data).toEqual({ includeArchived: true, limit: 25 });
  });

  it('rejects includeArchived other than true or false', () => {
    // Act
    const issues = issuesOf(ListFeatureFlagsQuery.safeParse({ includeArchived: 'yes' }));

    // Assert
    expect(issues[0]?.path).toEqual(['includeArchived']);
  });
});
