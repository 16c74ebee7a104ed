import {
  EMPLOYMENT_TYPES,
  EXPERIENCE_LEVELS,
  REMOTE_POLICIES,
  SALARY_PERIODS,
  SKILL_PROFICIENCIES,
} from '@assist-ten/core/requisitions/requisition.model';
import {
  CreateRequisitionBody,
  ListRequisitionsQuery,
  RequisitionPath,
  TransitionRequisitionBody,
  UpdateRequisitionBody,
} from '@assist-ten/core/requisitions/requisition.schema';
import { MAX_CURSOR_LENGTH } from '@assist-ten/core/shared/cursor';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const ULID = '01JABCDEFGHJKMNPQRSTVWXYZ0';

const aCreateBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  title: 'Staff Engineer',
  description: 'Owns the architecture of the platform.',
  department: 'Engineering',
  location: 'Lisbon',
  remotePolicy: 'hybrid',
  employmentType: 'full_time',
  experienceLevel: 'senior',
  requiredSkills: [{ skill: 'TypeScript', proficiency: 'expert' }],
  niceToHaveSkills: [{ skill: 'Go', proficiency: 'intermediate' }],
  salary: { min: 90_000, max: 120_000, currency: 'EUR', period: 'yearly' },
  positionsAvailable: 3,
  hiringManagerId: 'usr_bob',
  jobDescriptionId: `jd_${ULID}`,
  assessmentIds: [`asmt_${ULID}`],
  ...overrides,
});

const issuesOf = (result: { success: boolean; error?: { issues: readonly unknown[] } }) => {
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []) as { code: string; path: PropertyKey[]; keys?: string[] }[];
};

const SYSTEM_OWNED = ['tenantId', 'id', 'requisitionId', 'status', 'createdBy', 'version', 'pk', 'sk', 'gsi1pk'];

describe('CreateRequisitionBody', () => {
  it('accepts a complete body and a body with only a title', () => {
    // Act
    const complete = CreateRequisitionBody.safeParse(aCreateBody());
    const minimal = CreateRequisitionBody.safeParse({ title: 'Staff Engineer' });

    // Assert
    expect(complete.success).toBe(true);
    expect(minimal).toEqual({ success: true, data: { title: 'Staff Engineer' } });
  });

  it.each(SYSTEM_OWNED)('rejects the system-owned field %s with an unrecognized_keys issue', (field) => {
    // Arrange
    const body = aCreateBody({ [field]: 'attacker-chosen' });

    // Act
    const issues = issuesOf(CreateRequisitionBody.safeParse(body));

    // Assert
    expect(issues).toContainEqual(expect.objectContaining({ code: 'unrecognized_keys', keys: [field], path: [] }));
  });

  it('rejects a title missing, empty or only whitespace', () => {
    // Act
    const missing = CreateRequisitionBody.safeParse(aCreateBody({ title: undefined, jobDescriptionId: undefined }));
    const empty = issuesOf(CreateRequisitionBody.safeParse(aCreateBody({ title: '' })));
    const blank = issuesOf(CreateRequisitionBody.safeParse(aCreateBody({ title: '   \t ' })));

    // Assert
    expect(missing.success).toBe(false);
    expect(empty[0]?.path).toEqual(['title']);
    expect(blank[0]?.path).toEqual(['title']);
  });

  it('accepts a 200-character title, rejects 201, and trims surrounding whitespace before counting', () => {
    // Act
    const atLimit = CreateRequisitionBody.safeParse(aCreateBody({ title: 'a'.repeat(200) }));
    const overLimit = issuesOf(CreateRequisitionBody.safeParse(aCreateBody({ title: 'a'.repeat(201) })));
    const padded = CreateRequisitionBody.safeParse(aCreateBody({ title: `  ${'a'.repeat(200)}\n` }));

    // Assert
    expect(atLimit.success).toBe(true);
    expect(overLimit).toContainEqual(expect.objectContaining({ code: 'too_big', path: ['title'] }));
    expect(padded.success && padded.data.title).toBe('a'.repeat(200));
  });

  it.each([
    ['description', 20_000],
    ['department', 100],
    ['location', 200],
  ])('bounds %s at %i characters', (field, max) => {
    // Act
    const atLimit = CreateRequisitionBody.safeParse(aCreateBody({ [field]: 'x'.repeat(max) }));
    const overLimit = issuesOf(CreateRequisitionBody.safeParse(aCreateBody({ [field]: 'x'.repeat(max + 1) })));

    // Assert
    expect(atLimit.success).toBe(true);
    expect(overLimit).toContainEqual(expect.objectContaining({ code: 'too_big', path: [field] }));
  });

  it('takes a user id of at most 128 characters as hiringManagerId, never a key separator', () => {
    // Act
    const atLimit = CreateRequisitionBody.safeParse(aCreateBody({ hiringManagerId: 'u'.repeat(128) }));
    const overLimit = issuesOf(CreateRequisitionBody.safeParse(aCreateBody({ hiringManagerId: 'u'.repeat(129) })));
    const withHash = issuesOf(CreateRequisitionBody.safeParse(aCreateBody({ hiringManagerId: '#none' })));

    // Assert
    expect(atLimit.success).toBe(true);
    expect(overLimit[0]?.path).toEqual(['hiringManagerId']);
    expect(withHash[0]?.path).toEqual(['hiringManagerId']);
  });

  it('bounds a skill name at 100 characters, the skill lists at 50 entries and assessments at 20', () => {
    // Arrange
    const skills = (count: number) =>
      Array.from({ length: count }, (_, index) => ({ skill: `skill-${index}`, proficiency: 'beginner' }));
    const assessments = (count: number) => Array.from({ length: count }, () => `asmt_${ULID}`);

    // Act
    const longSkill = issuesOf(
      CreateRequisitionBody.safeParse(
        aCreateBody({ requiredSkills: [{ skill: 's'.repeat(101), proficiency: 'expert' }] }),
      ),
    );
    const fifty = CreateRequisitionBody.safeParse(aCreateBody({ requiredSkills: skills(50) }));
    const fiftyOne = issuesOf(CreateRequisitionBody.safeParse(aCreateBody({ niceToHaveSkills: skills(51) })));
    const twenty = CreateRequisitionBody.safeParse(aCreateBody({ assessmentIds: assessments(20) }));
    const twentyOne = issuesOf(CreateRequisitionBody.safeParse(aCreateBody({ assessmentIds: assessments(21) })));

    // Assert
    expect(longSkill).toContainEqual(expect.objectContaining({ path: ['requiredSkills', 0, 'skill'] }));
    expect(fifty.success).toBe(true);
    expect(fiftyOne).toContainEqual(expect.objectContaining({ code: 'too_big', path: ['niceToHaveSkills'] }));
    expect(twenty.success).toBe(true);
    expect(twentyOne).toContainEqual(expect.objectContaining({ code: 'too_big', path: ['assessmentIds'] }));
  });

  it('rejects a salary whose min exceeds its max at path salary.max, and accepts min equal to max', () => {
    // Act
    const inverted = issuesOf(
      CreateRequisitionBody.safeParse(
        aCreateBody({ salary: { min: 120_000, max: 90_000, currency: 'EUR', period: 'yearly' } }),
      ),
    );
    const equal = CreateRequisitionBody.safeParse(
      aCreateBody({ salary: { min: 100_000, max: 100_000, currency: 'EUR', period: 'yearly' } }),
    );

    // Assert
    expect(inverted).toEqual([expect.objectContaining({ code: 'custom', path: ['salary', 'max'] })]);
    expect(equal.success).toBe(true);
  });

  it.each(['usd', 'US', 'USDX', 'U5D', ' USD', ''])(
    'rejects the currency %j (not three uppercase letters)',
    (currency) => {
      // Arrange
      const body = aCreateBody({ salary: { min: 1, max: 2, currency, period: 'monthly' } });

      // Act
      const issues = issuesOf(CreateRequisitionBody.safeParse(body));

      // Assert
      expect(issues).toContainEqual(expect.objectContaining({ path: ['salary', 'currency'] }));
    },
  );

  it('rejects negative, fractional and unknown members of a salary', () => {
    // Act
    const negative = issuesOf(
      CreateRequisitionBody.safeParse(aCreateBody({ salary: { min: -1, max: 2, currency: 'USD', period: 'hourly' } })),
    );
    const fractional = issuesOf(
      CreateRequisitionBody.safeParse(aCreateBody({ salary: { min: 1.5, max: 2, currency: 'USD', period: 'hourly' } })),
    );
    const extra = issuesOf(
      CreateRequisitionBody.safeParse(
        aCreateBody({ salary: { min: 1, max: 2, currency: 'USD', period: 'hourly', bonus: 5 } }),
      ),
    );

    // Assert
    expect(negative).toContainEqual(expect.objectContaining({ path: ['salary', 'min'] }));
    expect(fractional).toContainEqual(expect.objectContaining({ path: ['salary', 'min'] }));
    expect(extra).toContainEqual(
      expect.objectContaining({ code: 'unrecognized_keys', path: ['salary'], keys: ['bonus'] }),
    );
  });

  it('rejects a skill listed twice regardless of case, and accepts distinct skills', () => {
    // Arrange
    const duplicated = [
      { skill: 'TypeScript', proficiency: 'expert' },
      { skill: 'typescript', proficiency: 'beginner' },
    ];
    const distinct = [
      { skill: 'TypeScript', proficiency: 'expert' },
      { skill: 'JavaScript', proficiency: 'expert' },
    ];

    // Act
    const required = issuesOf(CreateRequisitionBody.safeParse(aCreateBody({ requiredSkills: duplicated })));
    const niceToHave = issuesOf(CreateRequisitionBody.safeParse(aCreateBody({ niceToHaveSkills: duplicated })));
    const ok = CreateRequisitionBody.safeParse(aCreateBody({ requiredSkills: distinct }));

    // Assert
    expect(required).toEqual([expect.objectContaining({ code: 'custom', path: ['requiredSkills'] })]);
    expect(niceToHave).toEqual([expect.objectContaining({ code: 'custom', path: ['niceToHaveSkills'] })]);
    expect(ok.success).toBe(true);
  });

  it('rejects positionsAvailable of 0 or a fraction and ids without a prefix', () => {
    // Act
    const zero = issuesOf(CreateRequisitionBody.safeParse(aCreateBody({ positionsAvailable: 0 })));
    const fraction = issuesOf(CreateRequisitionBody.safeParse(aCreateBody({ positionsAvailable: 1.5 })));
    const bareId = issuesOf(CreateRequisitionBody.safeParse(aCreateBody({ jobDescriptionId: ULID })));

    // Assert
    expect(zero[0]?.path).toEqual(['positionsAvailable']);
    expect(fraction[0]?.path).toEqual(['positionsAvailable']);
    expect(bareId[0]?.path).toEqual(['jobDescriptionId']);
  });

  describe('properties', () => {
    const trimmedText = (max: number) =>
      fc.string({ minLength: 1, maxLength: max }).filter((value) => value.trim().length > 0);
    const skill = fc.record({ skill: trimmedText(100), proficiency: fc.constantFrom(...SKILL_PROFICIENCIES) });
    const skills = fc.uniqueArray(skill, { maxLength: 5, selector: (entry) => entry.skill.trim().toLowerCase() });
    const money = fc.integer({ min: 0, max: 100_000_000 });
    const prefixedId = fc.stringMatching(/^[a-z]{2,8}_[0-9A-HJKMNP-TV-Z]{26}$/);

    const validCreateBody = fc.record(
      {
        title: trimmedText(200),
        description: trimmedText(500),
        department: trimmedText(100),
        location: trimmedText(200),
        remotePolicy: fc.constantFrom(...REMOTE_POLICIES),
        employmentType: fc.constantFrom(...EMPLOYMENT_TYPES),
        experienceLevel: fc.constantFrom(...EXPERIENCE_LEVELS),
        requiredSkills: skills,
        niceToHaveSkills: skills,
        salary: fc
          .record({
            bounds: fc.tuple(money, money),
            currency: fc.stringMatching(/^[A-Z]{3}$/),
            period: fc.constantFrom(...SALARY_PERIODS),
          })
          .map(({ bounds: [a, b], currency, period }) => ({
            min: Math.min(a, b),
            max: Math.max(a, b),
            currency,
            period,
          })),
        positionsAvailable: fc.integer({ min: 1, max: 10_000 }),
        hiringManagerId: fc.stringMatching(/^[\w.@-]{1,128}$/),
        jobDescriptionId: prefixedId,
        assessmentIds: fc.array(prefixedId, { maxLength: 20 }),
      },
      { requiredKeys: ['title'] },
    );

    const KNOWN_KEYS = new Set(Object.keys(aCreateBody()));

    it('accepts any body built from valid field values', () => {
      fc.assert(
        fc.property(validCreateBody, (body) => {
          // Act
          const result = CreateRequisitionBody.safeParse(body);

          // Assert
          expect(result.success).toBe(true);
        }),
      );
    });

    it('rejects any otherwise valid body that carries one unknown key, naming that key', () => {
      fc.assert(
        fc.property(
          validCreateBody,
          fc.string({ minLength: 1 }).filter((key) => !KNOWN_KEYS.has(key)),
          fc.jsonValue(),
          (body, key, value) => {
            // Arrange
            const tampered = { ...body, [key]: value };

            // Act
            const result = CreateRequisitionBody.safeParse(tampered);

            // Assert
            expect(issuesOf(result)).toContainEqual(
              expect.objectContaining({ code: 'unrecognized_keys', keys: [key], path: [] }),
            );
          },
        ),
      );
    });
  });
});

describe('UpdateRequisitionBody', () => {
  it('rejects an empty body', () => {
    // Act
    const issues = issuesOf(UpdateRequisitionBody.safeParse({}));

    // Assert
    expect(issues).toEqual([expect.objectContaining({ code: 'custom', path: [] })]);
  });

  it('accepts a single field change and trims it', () => {
    // Act
    const result = UpdateRequisitionBody.safeParse({ title: '  Principal Engineer  ' });

    // Assert
    expect(result).toEqual({ success: true, data: { title: 'Principal Engineer' } });
  });

  it.each([
    'description',
    'department',
    'location',
    'remotePolicy',
    'employmentType',
    'experienceLevel',
    'salary',
    'hiringManagerId',
    'jobDescriptionId',
  ])('accepts null for the optional field %s, to clear it', (field) => {
    // Act
    const result = UpdateRequisitionBody.safeParse({ [field]: null });

    // Assert
    expect(result).toEqual({ success: true, data: { [field]: null } });
  });

  it.each(['title', 'requiredSkills', 'positionsAvailable', 'positionsFilled'])(
    'rejects null for %s, which cannot be cleared',
    (field) => {
      // Act
      const issues = issuesOf(UpdateRequisitionBody.safeParse({ [field]: null }));

      // Assert
      expect(issues[0]?.path).toEqual([field]);
    },
  );

  it.each(SYSTEM_OWNED)('rejects the system-owned field %s with an unrecognized_keys issue', (field) => {
    // Act
    const issues = issuesOf(UpdateRequisitionBody.safeParse({ title: 'New', [field]: 'attacker-chosen' }));

    // Assert
    expect(issues).toContainEqual(expect.objectContaining({ code: 'unrecognized_keys', keys: [field] }));
  });

  it('applies the create rules to the fields it changes', () => {
    // Act
    const longTitle = issuesOf(UpdateRequisitionBody.safeParse({ title: 'a'.repeat(201) }));
    const inverted = issuesOf(
      UpdateRequisitionBody.safeParse({ salary: { min: 5, max: 4, currency: 'USD', period: 'yearly' } }),
    );
    const duplicate = issuesOf(
      UpdateRequisitionBody.safeParse({
        requiredSkills: [
          { skill: 'SQL', proficiency: 'expert' },
          { skill: 'sql', proficiency: 'expert' },
        ],
      }),
    );

    // Assert
    expect(longTitle[0]?.path).toEqual(['title']);
    expect(inverted[0]?.path).toEqual(['salary', 'max']);
    expect(duplicate[0]?.path).toEqual(['requiredSkills']);
  });
});

describe('TransitionRequisitionBody', () => {
  it('accepts an empty body or a reason of up to 1000 characters, and nothing else', () => {
    // Act
    const empty = TransitionRequisitionBody.safeParse({});
    const atLimit = TransitionRequisitionBody.safeParse({ reason: 'r'.repeat(1000) });
    const overLimit = issuesOf(TransitionRequisitionBody.safeParse({ reason: 'r'.repeat(1001) }));
    const sneaky = issuesOf(TransitionRequisitionBody.safeParse({ status: 'filled' }));

    // Assert
    expect(empty.success).toBe(true);
    expect(atLimit.success).toBe(true);
    expect(overLimit[0]?.path).toEqual(['reason']);
    expect(sneaky).toContainEqual(expect.objectContaining({ code: 'unrecognized_keys', keys: ['status'] }));
  });
});

describe('ListRequisitionsQuery', () => {
  it('defaults the limit to 25', () => {
    // Act
    const result = ListRequisitionsQuery.safeParse({});

    // Assert
    expect(result).toEqual({ success: true, data: { limit: 25 } });
  });

  it.each([
    ['1', 1],
    ['100', 100],
  ])('accepts limit %j as the number %i', (limit, expected) => {
    // Act
    const result = ListRequisitionsQuery.safeParse({ limit });

    // Assert
    expect(result.success && result.data.limit).toBe(expected);
  });

  it.each(['0', '101', 'abc', '-1', '1.5', '', '1e2'])('rejects limit %j', (limit) => {
    // Act
    const issues = issuesOf(ListRequisitionsQuery.safeParse({ limit }));

    // Assert
    expect(issues[0]?.path).toEqual(['limit']);
  });

  it.each([
    ['true', true],
    ['false', false],
  ])('reads mine=%s as %s', (mine, expected) => {
    // Act
    const result = ListRequisitionsQuery.safeParse({ mine });

    // Assert
    expect(result.success && result.data.mine).toBe(expected);
  });

  it.each(['yes', '1', 'TRUE', ''])('rejects mine=%j', (mine) => {
    // Act
    const issues = issuesOf(ListRequisitionsQuery.safeParse({ mine }));

    // Assert
    expect(issues[0]?.path).toEqual(['mine']);
  });

  it('accepts a known status and rejects an unknown one', () => {
    // Act
    const known = ListRequisitionsQuery.safeParse({ status: 'paused' });
    const unknown = issuesOf(ListRequisitionsQuery.safeParse({ status: 'archived' }));

    // Assert
    expect(known.success && known.data.status).toBe('paused');
    expect(unknown[0]?.path).toEqual(['status']);
  });

  it('bounds the cursor length and rejects unknown query parameters', () => {
    // Act
    const atLimit = ListRequisitionsQuery.safeParse({ cursor: 'c'.repeat(MAX_CURSOR_LENGTH) });
    const overLimit = issuesOf(ListRequisitionsQuery.safeParse({ cursor: 'c'.repeat(MAX_CURSOR_LENGTH + 1) }));
    const unknown = issuesOf(ListRequisitionsQuery.safeParse({ tenantId: 'tnt_acme' }));

    // Assert
    expect(atLimit.success).toBe(true);
    expect(overLimit[0]?.path).toEqual(['cursor']);
    expect(unknown).toContainEqual(expect.objectContaining({ code: 'unrecognized_keys', keys: ['tenantId'] }));
  });
});

describe('RequisitionPath', () => {
  it('accepts a requisition id', () => {
    // Act
    const result = RequisitionPath.safeParse({ id: `req_${ULID}` });

    // Assert
    expect(result).toEqual({ success: true, data: { id: `req_${ULID}` } });
  });

  it.each([
    `req_${ULID.toLowerCase()}`,
    `jd_${ULID}`,
    `req_${ULID}0`,
    `req_${ULID.slice(1)}`,
    `req_${ULID.slice(1)}I`,
    ULID,
    '',
  ])('rejects the id %j', (id) => {
    // Act
    const issues = issuesOf(RequisitionPath.safeParse({ id }));

    // Assert
    expect(issues[0]?.path).toEqual(['id']);
  });

  it('rejects extra path parameters', () => {
    // Act
    const issues = issuesOf(RequisitionPath.safeParse({ id: `req_${ULID}`, tenantId: 'tnt_acme' }));

    // Assert
    expect(issues).toContainEqual(expect.objectContaining({ code: 'unrecognized_keys', keys: ['tenantId'] }));
  });
});
