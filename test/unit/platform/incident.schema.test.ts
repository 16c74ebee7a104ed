import { MAX_AFFECTED_TENANTS, MAX_TIMELINE_MESSAGE } from '@assist-ten/core/platform/incident.model';
import {
  CreateIncidentBody,
  IncidentPath,
  ListIncidentsQuery,
  UpdateIncidentBody,
} from '@assist-ten/core/platform/incident.schema';
import { newId } from '@assist-ten/core/shared/ids';
import { describe, expect, it } from 'vitest';

const aCreateBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  title: 'Assessments load slowly',
  description: 'Candidates wait up to a minute for the first question.',
  severity: 'sev2',
  affectedTenants: 'all',
  ...overrides,
});

const issuesOf = (result: { success: boolean; error?: { issues: readonly unknown[] } }) => {
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []) as { code: string; path: PropertyKey[]; message: string; keys?: string[] }[];
};

const tenants = (count: number) => Array.from({ length: count }, (_, index) => `tnt_t${index}`);

describe('CreateIncidentBody', () => {
  it('accepts every tenant, a list of tenants, and a start in the past', () => {
    // Act
    const all = CreateIncidentBody.safeParse(aCreateBody());
    const listed = CreateIncidentBody.safeParse(aCreateBody({ affectedTenants: ['tnt_demo', newId('tenant')] }));
    const started = CreateIncidentBody.safeParse(aCreateBody({ startedAt: '2026-01-01T10:00:00+02:00' }));

    // Assert
    expect([all.success, listed.success, started.success]).toEqual([true, true, true]);
  });

  it.each(['status', 'timeline', 'resolvedAt', 'id', 'version', 'createdBy'])(
    'rejects the system-owned field %s',
    (field) => {
      // Act
      const issues = issuesOf(CreateIncidentBody.safeParse(aCreateBody({ [field]: 'x' })));

      // Assert
      expect(issues).toContainEqual(expect.objectContaining({ code: 'unrecognized_keys', keys: [field] }));
    },
  );

  it('accepts a 200-character title and rejects 201', () => {
    // Act
    const longest = CreateIncidentBody.safeParse(aCreateBody({ title: 'x'.repeat(200) }));
    const tooLong = issuesOf(CreateIncidentBody.safeParse(aCreateBody({ title: 'x'.repeat(201) })));

    // Assert
    expect(longest.success).toBe(true);
    expect(tooLong[0]).toMatchObject({ code: 'too_big', path: ['title'] });
  });

  it('accepts a 5,000-character description and rejects 5,001 or a blank one', () => {
    // Act
    const longest = CreateIncidentBody.safeParse(aCreateBody({ description: 'x'.repeat(5_000) }));
    const tooLong = issuesOf(CreateIncidentBody.safeParse(aCreateBody({ description: 'x'.repeat(5_001) })));
    const blank = issuesOf(CreateIncidentBody.safeParse(aCreateBody({ description: '   ' })));

    // Assert
    expect(longest.success).toBe(true);
    expect(tooLong[0]?.path).toEqual(['description']);
    expect(blank[0]?.path).toEqual(['description']);
  });

  it.each(['sev0', 'sev5', 'critical', 1])('rejects the severity %s', (severity) => {
    // Act
    const issues = issuesOf(CreateIncidentBody.safeParse(aCreateBody({ severity })));

    // Assert
    expect(issues[0]?.path).toEqual(['severity']);
  });

  it(`accepts ${MAX_AFFECTED_TENANTS} tenants and rejects one more, naming the field`, () => {
    // Act
    const most = CreateIncidentBody.safeParse(aCreateBody({ affectedTenants: tenants(MAX_AFFECTED_TENANTS) }));
    const tooMany = issuesOf(
      CreateIncidentBody.safeParse(aCreateBody({ affectedTenants: tenants(MAX_AFFECTED_TENANTS + 1) })),
    );

    // Assert
    expect(most.success).toBe(true);
    expect(tooMany[0]?.path).toEqual(['affectedTenants']);
    expect(tooMany[0]?.message).toContain('"all"');
  });

  it('rejects an empty list, a word other than "all", and a repeated tenant', () => {
    // Act
    const empty = issuesOf(CreateIncidentBody.safeParse(aCreateBody({ affectedTenants: [] })));
    const some = issuesOf(CreateIncidentBody.safeParse(aCreateBody({ affectedTenants: 'some' })));
    const repeated = issuesOf(CreateIncidentBody.safeParse(aCreateBody({ affectedTenants: ['tnt_a', 'tnt_a'] })));

    // Assert
    for (const issues of [empty, some, repeated]) expect(issues[0]?.path).toEqual(['affectedTenants']);
    expect(repeated[0]?.message).toBe('Each tenant may be listed once');
  });

  it.each(['usr_01JABC', 'tnt_', `tnt_${'a'.repeat(41)}`, 'tnt_a-b', ' tnt_a'])(
    'rejects %j as a tenant id, naming its position',
    (id) => {
      // Act
      const issues = issuesOf(CreateIncidentBody.safeParse(aCreateBody({ affectedTenants: ['tnt_ok', id] })));

      // Assert
      expect(issues[0]?.path).toEqual(['affectedTenants', 1]);
    },
  );

  it('rejects a start that is not an ISO instant with offset', () => {
    // Act
    const issues = issuesOf(CreateIncidentBody.safeParse(aCreateBody({ startedAt: 'yesterday' })));

    // Assert
    expect(issues[0]?.path).toEqual(['startedAt']);
  });
});

describe('UpdateIncidentBody', () => {
  it('accepts a status move with an update, and either alone', () => {
    // Act
    const both = UpdateIncidentBody.safeParse({ status: 'investigating', update: 'Looking at the database.' });
    const status = UpdateIncidentBody.safeParse({ status: 'resolved' });
    const update = UpdateIncidentBody.safeParse({ update: 'Still looking.' });

    // Assert
    expect([both.success, status.success, update.success]).toEqual([true, true, true]);
  });

  it('rejects an empty body', () => {
    // Act
    const issues = issuesOf(UpdateIncidentBody.safeParse({}));

    // Assert
    expect(issues[0]?.message).toBe('Send at least one field to change');
  });

  it(`bounds an update to ${MAX_TIMELINE_MESSAGE} characters`, () => {
    // Act
    const longest = UpdateIncidentBody.safeParse({ update: 'x'.repeat(MAX_TIMELINE_MESSAGE) });
    const tooLong = issuesOf(UpdateIncidentBody.safeParse({ update: 'x'.repeat(MAX_TIMELINE_MESSAGE + 1) }));

    // Assert
    expect(longest.success).toBe(true);
    expect(tooLong[0]).toMatchObject({ code: 'too_big', path: ['update'] });
  });

  it.each(['closed', 'OPEN', ''])('rejects the status %j', (status) => {
    // Act
    const issues = issuesOf(UpdateIncidentBody.safeParse({ status }));

    // Assert
    expect(issues[0]?.path).toEqual(['status']);
  });

  it('rejects a timeline written by the caller', () => {
    // Act
    const issues = issuesOf(UpdateIncidentBody.safeParse({ timeline: [] }));

    // Assert
    expect(issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['timeline'] });
  });
});

describe('IncidentPath and ListIncidentsQuery', () => {
  it('takes incident ids only', () => {
    // Act
    const incident = IncidentPath.safeParse({ id: newId('incident') });
    const tenant = IncidentPath.safeParse({ id: newId('tenant') });

    // Assert
    expect(incident.success).toBe(true);
    expect(tenant.success).toBe(false);
  });

  it('filters by a known status only and defaults the limit', () => {
    // Act
    const open = ListIncidentsQuery.safeParse({ status: 'open' });
    const unknown = ListIncidentsQuery.safeParse({ status: 'closed' });
    const severity = ListIncidentsQuery.safeParse({ severity: 'sev1' });

    // Assert
    expect(open).toEqual({ success: true, data: { status: 'open', limit: 25 } });
    expect(unknown.success).toBe(false);
    expect(severity.success).toBe(false);
  });
});
