import {
  evaluateFlag,
  evaluateFlags,
  type FlagAudience,
  type FlagRule,
  inRollout,
  rolloutBucket,
} from '@assist-ten/core/platform/feature-flag.evaluation';
import { FLAG_KEY_PATTERN, ROLLOUT_BUCKETS } from '@assist-ten/core/platform/feature-flag.model';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const aFlag = (overrides: Partial<FlagRule> = {}): FlagRule => ({
  key: 'new-dashboard',
  enabled: false,
  tenantOverrides: {},
  rolloutPercentage: 0,
  archived: false,
  ...overrides,
});

const recruiterOf = (tenantId: string): FlagAudience => ({ tenantId, roles: ['recruiter'] });

/** The first tenant id `tnt_<n>` whose bucket for `key` is (or is not) below `percentage`. */
const tenantWhere = (key: string, percentage: number, inside: boolean): string => {
  for (let n = 0; ; n++) {
    const tenantId = `tnt_${n}`;
    if (inRollout(key, tenantId, percentage) === inside) return tenantId;
  }
};

const flagKeys = fc.stringMatching(FLAG_KEY_PATTERN);
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const tenantIds = fc
  .string({ unit: fc.constantFrom(...CROCKFORD), minLength: 26, maxLength: 26 })
  .map((ulid) => `tnt_${ulid}`);
/** 0 to 100 in steps of 0.01, as the API accepts them. */
const percentages = fc.integer({ min: 0, max: 10_000 }).map((hundredths) => hundredths / 100);

describe('evaluateFlag', () => {
  it('answers enabled when no other rule applies', () => {
    // Act
    const off = evaluateFlag(aFlag({ enabled: false }), recruiterOf('tnt_demo'));
    const on = evaluateFlag(aFlag({ enabled: true }), recruiterOf('tnt_demo'));

    // Assert
    expect([off, on]).toEqual([false, true]);
  });

  it('switches an archived flag off, whatever its other rules say', () => {
    // Arrange
    const flag = aFlag({ archived: true, enabled: true, rolloutPercentage: 100, tenantOverrides: { tnt_demo: true } });

    // Act
    const answer = evaluateFlag(flag, recruiterOf('tnt_demo'));

    // Assert
    expect(answer).toBe(false);
  });

  it('switches the flag off for a caller with none of the target roles, even with a tenant override', () => {
    // Arrange
    const flag = aFlag({ enabled: true, targetRoles: ['admin'], tenantOverrides: { tnt_demo: true } });

    // Act
    const answer = evaluateFlag(flag, { tenantId: 'tnt_demo', roles: ['recruiter', 'interviewer'] });

    // Assert
    expect(answer).toBe(false);
  });

  it('goes on to the other rules for a caller with one of the target roles', () => {
    // Arrange
    const flag = aFlag({ enabled: true, targetRoles: ['admin', 'superadmin'] });

    // Act
    const answer = evaluateFlag(flag, { tenantId: 'tnt_demo', roles: ['recruiter', 'admin'] });

    // Assert
    expect(answer).toBe(true);
  });

  it("gives the caller's tenant override precedence over rollout and the default", () => {
    // Arrange
    const off = aFlag({ enabled: true, rolloutPercentage: 100, tenantOverrides: { tnt_demo: false } });
    const on = aFlag({ enabled: false, tenantOverrides: { tnt_demo: true } });

    // Act
    const answers = [evaluateFlag(off, recruiterOf('tnt_demo')), evaluateFlag(on, recruiterOf('tnt_demo'))];

    // Assert
    expect(answers).toEqual([false, true]);
  });

  it("ignores other tenants' overrides", () => {
    // Arrange
    const flag = aFlag({ enabled: false, tenantOverrides: { tnt_acme: true } });

    // Act
    const answer = evaluateFlag(flag, recruiterOf('tnt_demo'));

    // Assert
    expect(answer).toBe(false);
  });

  it('reads only overrides the flag has, never inherited object members', () => {
    // Arrange
    const flag = aFlag({ enabled: false });

    // Act
    const answers = ['constructor', 'toString', '__proto__'].map((tenantId) =>
      evaluateFlag(flag, recruiterOf(tenantId)),
    );

    // Assert
    expect(answers).toEqual([false, false, false]);
  });

  it('switches a disabled flag on for tenants inside the rollout and leaves the others off', () => {
    // Arrange
    const flag = aFlag({ enabled: false, rolloutPercentage: 30 });
    const inside = tenantWhere(flag.key, 30, true);
    const outside = tenantWhere(flag.key, 30, false);

    // Act
    const answers = [evaluateFlag(flag, recruiterOf(inside)), evaluateFlag(flag, recruiterOf(outside))];

    // Assert
    expect(answers).toEqual([true, false]);
  });

  it('keeps an enabled flag on for tenants outside the rollout: rollout only adds tenants', () => {
    // Arrange
    const flag = aFlag({ enabled: true, rolloutPercentage: 30 });
    const outside = tenantWhere(flag.key, 30, false);

    // Act
    const answer = evaluateFlag(flag, recruiterOf(outside));

    // Assert
    expect(answer).toBe(true);
  });
});

describe('evaluateFlags', () => {
  it('answers every live flag by key and leaves archived flags out', () => {
    // Arrange
    const flags = [
      aFlag({ key: 'on-for-all', enabled: true }),
      aFlag({ key: 'off-for-all' }),
      aFlag({ key: 'retired', enabled: true, archived: true }),
    ];

    // Act
    const answers = evaluateFlags(flags, recruiterOf('tnt_demo'));

    // Assert
    expect(answers).toEqual({ 'on-for-all': true, 'off-for-all': false });
  });
});

describe('rollout', () => {
  it('puts every flag and tenant in a bucket from 0 to ROLLOUT_BUCKETS - 1', () => {
    fc.assert(
      fc.property(flagKeys, tenantIds, (key, tenantId) => {
        // Act
        const bucket = rolloutBucket(key, tenantId);

        // Assert
        expect(Number.isInteger(bucket)).toBe(true);
        expect(bucket).toBeGreaterThanOrEqual(0);
        expect(bucket).toBeLessThan(ROLLOUT_BUCKETS);
      }),
    );
  });

  it('is stable: the same flag and tenant get the same answer every time', () => {
    fc.assert(
      fc.property(flagKeys, tenantIds, percentages, fc.boolean(), (key, tenantId, rolloutPercentage, enabled) => {
        // Arrange
        const flag = aFlag({ key, rolloutPercentage, enabled });

        // Act
        const answers = Array.from({ length: 5 }, () => evaluateFlag({ ...flag }, recruiterOf(tenantId)));

        // Assert
        expect(new Set(answers).size).toBe(1);
      }),
    );
  });

  it('never takes a tenant out when the percentage goes up', () => {
    fc.assert(
      fc.property(flagKeys, tenantIds, percentages, percentages, (key, tenantId, a, b) => {
        // Arrange
        const [lower, higher] = a <= b ? [a, b] : [b, a];

        // Act
        const before = inRollout(key, tenantId, lower);
        const after = inRollout(key, tenantId, higher);

        // Assert
        expect(before && !after).toBe(false);
      }),
    );
  });

  it('is exact at 0% (nobody) and 100% (everybody)', () => {
    fc.assert(
      fc.property(flagKeys, tenantIds, (key, tenantId) => {
        // Act
        const atZero = evaluateFlag(aFlag({ key, rolloutPercentage: 0 }), recruiterOf(tenantId));
        const atHundred = evaluateFlag(aFlag({ key, rolloutPercentage: 100 }), recruiterOf(tenantId));

        // Assert
        expect(atZero).toBe(false);
        expect(atHundred).toBe(true);
      }),
    );
  });

  it('switches on roughly the given share of many random tenants', () => {
    const SAMPLE = 2_000;
    // 5 points is more than 4 standard deviations of a share of 2000 tenants: flaky once in ~10^5 runs.
    const TOLERANCE = 5;
    fc.assert(
      fc.property(
        flagKeys,
        percentages,
        fc.uniqueArray(tenantIds, { minLength: SAMPLE, maxLength: SAMPLE }),
        (key, rolloutPercentage, tenants) => {
          // Arrange
          const flag = aFlag({ key, rolloutPercentage });

          // Act
          const on = tenants.filter((tenantId) => evaluateFlag(flag, recruiterOf(tenantId))).length;

          // Assert
          expect(Math.abs((on / SAMPLE) * 100 - rolloutPercentage)).toBeLessThanOrEqual(TOLERANCE);
        },
      ),
      { numRuns: 25 },
    );
  });
});
