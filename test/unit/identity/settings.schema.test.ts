import {
  DEFAULT_SETTINGS,
  MAX_ALLOWED_EMAIL_DOMAINS,
  PROCTORING_EVENT_TYPES,
  SETTINGS_BOUNDS,
} from '@assist-ten/core/identity/settings.model';
import { AdminSettings, ReplaceSettingsBody } from '@assist-ten/core/identity/settings.schema';
import { describe, expect, it } from 'vitest';

/** The defaults as a body: JSON round trip, so nothing shares the constants' objects. */
const aBody = (): Record<string, unknown> => JSON.parse(JSON.stringify(DEFAULT_SETTINGS));

/** Sets one value deep in a body: `at(body, ['proctoring', 'autoFlagBelowScore'], 101)`. */
const at = (body: Record<string, unknown>, path: readonly string[], value: unknown): Record<string, unknown> => {
  let target = body;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = path.at(-1) ?? '';
  if (value === undefined) delete target[last];
  else target[last] = value;
  return body;
};

const issuesOf = (body: unknown) => {
  const result = ReplaceSettingsBody.safeParse(body);
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []).map((issue) => ({
    ...issue,
    field: issue.path.map(String).join('.'),
  })) as { code: string; field: string; keys?: string[] }[];
};

/** Every bounded number: where it sits in the body and its inclusive bounds. */
const NUMBERS = [
  [['assessmentDefaults', 'durationMinutes'], SETTINGS_BOUNDS.assessmentDurationMinutes],
  [['assessmentDefaults', 'passingScorePercent'], SETTINGS_BOUNDS.passingScorePercent],
  [['proctoring', 'autoFlagBelowScore'], SETTINGS_BOUNDS.autoFlagBelowScore],
  [['proctoring', 'snapshotRetentionDays'], SETTINGS_BOUNDS.snapshotRetentionDays],
  [['interviewDefaults', 'durationMinutes'], SETTINGS_BOUNDS.interviewDurationMinutes],
  [['interviewDefaults', 'reminderLeadMinutes'], SETTINGS_BOUNDS.interviewReminderLeadMinutes],
] as const;

describe('ReplaceSettingsBody', () => {
  it('accepts the defaults as they are', () => {
    // Act
    const result = ReplaceSettingsBody.safeParse(aBody());

    // Assert
    expect(result).toEqual({ success: true, data: DEFAULT_SETTINGS });
  });

  describe.each(NUMBERS.map(([path, bounds]) => [path.join('.'), path, bounds] as const))(
    '%s',
    (field, path, { min, max }) => {
      it(`accepts ${min} and ${max}`, () => {
        // Act
        const lowest = ReplaceSettingsBody.safeParse(at(aBody(), path, min));
        const highest = ReplaceSettingsBody.safeParse(at(aBody(), path, max));

        // Assert
        expect([lowest.success, highest.success]).toEqual([true, true]);
      });

      it(`rejects ${min - 1}, ${max + 1}, a fraction and text, naming the field`, () => {
        // Act
        const below = issuesOf(at(aBody(), path, min - 1));
        const above = issuesOf(at(aBody(), path, max + 1));
        const fraction = issuesOf(at(aBody(), path, min + 0.5));
        const textual = issuesOf(at(aBody(), path, String(min)));

        // Assert
        for (const issues of [below, above, fraction, textual])
          expect(issues.map((issue) => issue.field)).toEqual([field]);
      });

      it('is required: a PUT replaces the whole document', () => {
        // Act
        const issues = issuesOf(at(aBody(), path, undefined));

        // Assert
        expect(issues.map((issue) => issue.field)).toEqual([field]);
      });
    },
  );

  describe('proctoring.thresholds', () => {
    it.each(['low', 'medium', 'high', 'critical'])('accepts the severity %s for every event type', (severity) => {
      // Arrange
      const thresholds = Object.fromEntries(PROCTORING_EVENT_TYPES.map((type) => [type, severity]));

      // Act
      const result = ReplaceSettingsBody.safeParse(at(aBody(), ['proctoring', 'thresholds'], thresholds));

      // Assert
      expect(result.success).toBe(true);
    });

    it('rejects an unknown severity, naming the event type', () => {
      // Act
      const issues = issuesOf(at(aBody(), ['proctoring', 'thresholds', 'paste'], 'severe'));

      // Assert
      expect(issues).toEqual([
        expect.objectContaining({ field: 'proctoring.thresholds.paste', code: 'invalid_value' }),
      ]);
    });

    it('rejects a missing event type and an unknown one', () => {
      // Act
      const missing = issuesOf(at(aBody(), ['proctoring', 'thresholds', 'face_mismatch'], undefined));
      const unknown = issuesOf(at(aBody(), ['proctoring', 'thresholds', 'telepathy'], 'low'));

      // Assert
      expect(missing.map((issue) => issue.field)).toEqual(['proctoring.thresholds.face_mismatch']);
      expect(unknown).toEqual([expect.objectContaining({ code: 'unrecognized_keys', keys: ['telepathy'] })]);
    });
  });

  describe('allowedEmailDomains', () => {
    it('lowercases and trims each domain', () => {
      // Act
      const result = ReplaceSettingsBody.safeParse(
        at(aBody(), ['allowedEmailDomains'], [' Demo.Test ', 'eu.demo.test', 'xn--bcher-kva.example']),
      );

      // Assert
      expect(result.data?.allowedEmailDomains).toEqual(['demo.test', 'eu.demo.test', 'xn--bcher-kva.example']);
    });

    it.each([
      ['an address', 'alice@demo.test'],
      ['a leading @', '@demo.test'],
      ['no dot', 'localhost'],
      ['a leading dash', '-demo.test'],
      ['a numeric TLD', 'demo.123'],
      ['a wildcard', '*.demo.test'],
      ['a blank', '   '],
      ['a label over 63 characters', `${'a'.repeat(64)}.test`],
      ['over 253 characters', `${'a.'.repeat(126)}test`],
    ])('rejects %s, naming the list entry', (_, domain) => {
      // Act
      const issues = issuesOf(at(aBody(), ['allowedEmailDomains'], ['demo.test', domain]));

      // Assert
      expect(issues.map((issue) => issue.field)).toEqual(['allowedEmailDomains.1']);
    });

    it('rejects a domain listed twice, even in other letter case', () => {
      // Act
      const issues = issuesOf(at(aBody(), ['allowedEmailDomains'], ['demo.test', 'DEMO.test']));

      // Assert
      expect(issues.map((issue) => issue.field)).toEqual(['allowedEmailDomains']);
    });

    it(`accepts ${MAX_ALLOWED_EMAIL_DOMAINS} domains and rejects one more`, () => {
      // Arrange
      const domains = (count: number) => Array.from({ length: count }, (_, index) => `d${index}.example`);

      // Act
      const most = ReplaceSettingsBody.safeParse(at(aBody(), ['allowedEmailDomains'], domains(50)));
      const tooMany = issuesOf(at(aBody(), ['allowedEmailDomains'], domains(51)));

      // Assert
      expect(most.success).toBe(true);
      expect(tooMany.map((issue) => issue.field)).toEqual(['allowedEmailDomains']);
    });
  });

  describe('notificationDefaults', () => {
    it('requires both channels of every type as booleans', () => {
      // Act
      const missing = issuesOf(at(aBody(), ['notificationDefaults', 'interview', 'email'], undefined));
      const textual = issuesOf(at(aBody(), ['notificationDefaults', 'system', 'inApp'], 'yes'));
      const absentType = issuesOf(at(aBody(), ['notificationDefaults', 'proctoring'], undefined));

      // Assert
      expect(missing.map((issue) => issue.field)).toEqual(['notificationDefaults.interview.email']);
      expect(textual.map((issue) => issue.field)).toEqual(['notificationDefaults.system.inApp']);
      expect(absentType.map((issue) => issue.field)).toEqual(['notificationDefaults.proctoring']);
    });

    it('rejects a notification type that does not exist', () => {
      // Act
      const issues = issuesOf(at(aBody(), ['notificationDefaults', 'marketing'], { inApp: true, email: true }));

      // Assert
      expect(issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', keys: ['marketing'] })]);
    });
  });

  describe('timezone', () => {
    it('accepts an IANA zone and rejects an unknown one', () => {
      // Act
      const berlin = ReplaceSettingsBody.safeParse(at(aBody(), ['timezone'], 'Europe/Berlin'));
      const unknown = issuesOf(at(aBody(), ['timezone'], 'Mars/Olympus_Mons'));

      // Assert
      expect(berlin.data?.timezone).toBe('Europe/Berlin');
      expect(unknown.map((issue) => issue.field)).toEqual(['timezone']);
    });
  });

  it.each(['version', 'tenantId', 'updatedBy', 'createdAt'])(
    'rejects the system-owned field %s as unknown',
    (field) => {
      // Act
      const issues = issuesOf({ ...aBody(), [field]: 'attacker-chosen' });

      // Assert
      expect(issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', keys: [field] })]);
    },
  );
});

describe('AdminSettings', () => {
  it('shows the never-saved defaults at version 0 without bookkeeping fields', () => {
    // Act
    const view = AdminSettings.parse({ ...DEFAULT_SETTINGS, version: 0 });

    // Assert
    expect(view.version).toBe(0);
    expect(Object.keys(view)).not.toContain('updatedAt');
    expect(Object.keys(view)).not.toContain('updatedBy');
  });

  it('drops key attributes and the tenant, and orders map keys as the schema does', () => {
    // Arrange
    const { notificationDefaults, ...rest } = DEFAULT_SETTINGS;
    const stored = {
      ...rest,
      notificationDefaults: Object.fromEntries(Object.entries(notificationDefaults).reverse()),
      tenantId: 'tnt_demo',
      pk: 'x',
      sk: 'y',
      version: 2,
    };

    // Act
    const view = AdminSettings.parse(stored);

    // Assert
    expect(Object.keys(view)).not.toEqual(expect.arrayContaining(['tenantId']));
    expect(Object.keys(view)).not.toContain('pk');
    expect(JSON.stringify(view.notificationDefaults)).toBe(JSON.stringify(DEFAULT_SETTINGS.notificationDefaults));
  });
});
