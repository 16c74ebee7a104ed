import type { IncidentItem } from '@assist-ten/core/platform/incident.entity';
import { MAX_TIMELINE_ENTRIES, STATUS_MESSAGES } from '@assist-ten/core/platform/incident.model';
import { planIncidentUpdate, statusFor, toIncident } from '@assist-ten/core/platform/incident.service';
import { ConflictError, IllegalTransitionError } from '@assist-ten/core/shared/errors';
import { describe, expect, it } from 'vitest';
import { aPrincipal, thrownBy } from '../support/factories.ts';

const HOME = 'tnt_demo';
const OTHER = 'tnt_acme';
const NOW = '2026-03-01T12:00:00.000Z';
const superadmin = aPrincipal({ userId: 'usr_root', tenantId: 'tnt_platform', roles: ['superadmin'] });

let sequence = 0;
/** A stored incident; ids grow with each call, as ULIDs do. */
const anIncident = (overrides: Partial<IncidentItem> = {}): IncidentItem => ({
  incidentId: `inc_01JABCDEFGHJKMNPQRSTVWXY${String(sequence++).padStart(2, '0')}`,
  title: 'Assessments load slowly',
  description: 'Candidates wait.',
  severity: 'sev2',
  status: 'open',
  affectsAllTenants: false,
  affectedTenantIds: [HOME, OTHER],
  timeline: [{ at: '2026-03-01T11:00:00.000Z', status: 'open', message: STATUS_MESSAGES.open, by: 'usr_root' }],
  startedAt: '2026-03-01T10:55:00.000Z',
  createdAt: '2026-03-01T11:00:00.000Z',
  updatedAt: '2026-03-01T11:00:00.000Z',
  createdBy: 'usr_root',
  updatedBy: 'usr_root',
  version: 1,
  ...overrides,
});

describe('statusFor', () => {
  it('keeps the incidents listing the tenant and those affecting every tenant, in the order given', () => {
    // Arrange
    const everyone = anIncident({ affectsAllTenants: true, affectedTenantIds: [] });
    const homeOnly = anIncident({ affectedTenantIds: [HOME] });
    const otherOnly = anIncident({ affectedTenantIds: [OTHER] });

    // Act
    const status = statusFor(HOME, [otherOnly, homeOnly, everyone]);

    // Assert
    expect(status.incidents.map((incident) => incident.id)).toEqual([homeOnly.incidentId, everyone.incidentId]);
  });

  it('shows nothing to a tenant no incident affects', () => {
    // Act
    const status = statusFor('tnt_quiet', [anIncident({ affectedTenantIds: [HOME, OTHER] })]);

    // Assert
    expect(status.incidents).toEqual([]);
  });

  it("never shows other tenants' ids, who wrote the timeline, or bookkeeping", () => {
    // Arrange
    const shared = anIncident({ affectedTenantIds: [HOME, OTHER] });

    // Act
    const [shown] = statusFor(HOME, [shared]).incidents;

    // Assert
    expect(shown).toEqual({
      id: shared.incidentId,
      title: shared.title,
      description: shared.description,
      severity: 'sev2',
      status: 'open',
      affectsAllTenants: false,
      timeline: [{ at: '2026-03-01T11:00:00.000Z', status: 'open', message: STATUS_MESSAGES.open }],
      startedAt: shared.startedAt,
      updatedAt: shared.updatedAt,
    });
    expect(JSON.stringify(shown)).not.toContain(OTHER);
    expect(JSON.stringify(shown)).not.toContain('usr_root');
  });

  it('tells a tenant when an incident affects every tenant', () => {
    // Act
    const [shown] = statusFor(HOME, [anIncident({ affectsAllTenants: true, affectedTenantIds: [] })]).incidents;

    // Assert
    expect(shown?.affectsAllTenants).toBe(true);
  });
});

describe('toIncident', () => {
  it('spells every tenant as "all" and a list as the list, for the superadmin', () => {
    // Act
    const everyone = toIncident(anIncident({ affectsAllTenants: true, affectedTenantIds: [] }));
    const listed = toIncident(anIncident({ affectedTenantIds: [HOME] }));

    // Assert
    expect(everyone.affectedTenants).toBe('all');
    expect(listed.affectedTenants).toEqual([HOME]);
    expect(listed).not.toHaveProperty('affectedTenantIds');
    expect(listed).not.toHaveProperty('incidentId');
  });
});

describe('planIncidentUpdate', () => {
  it('changes fields without a timeline entry, audited as updated', () => {
    // Act
    const plan = planIncidentUpdate(superadmin, anIncident(), { title: 'Worse', severity: 'sev1' }, NOW);

    // Assert
    expect(plan).toEqual({ set: { title: 'Worse', severity: 'sev1' }, verb: 'updated' });
  });

  it('stores "all" and a tenant list as the flag and the ids', () => {
    // Act
    const all = planIncidentUpdate(superadmin, anIncident(), { affectedTenants: 'all' }, NOW);
    const listed = planIncidentUpdate(superadmin, anIncident(), { affectedTenants: [OTHER] }, NOW);

    // Assert
    expect(all.set).toEqual({ affectsAllTenants: true, affectedTenantIds: [] });
    expect(listed.set).toEqual({ affectsAllTenants: false, affectedTenantIds: [OTHER] });
  });

  it('appends one entry carrying both a status move and its update, audited as the status', () => {
    // Arrange
    const current = anIncident();

    // Act
    const plan = planIncidentUpdate(superadmin, current, { status: 'investigating', update: 'Database is slow.' }, NOW);

    // Assert
    expect(plan.verb).toBe('investigating');
    expect(plan.set.status).toBe('investigating');
    expect(plan.set.timeline).toEqual([
      ...current.timeline,
      { at: NOW, status: 'investigating', message: 'Database is slow.', by: 'usr_root' },
    ]);
  });

  it('writes the standard message for a status move without an update', () => {
    // Act
    const plan = planIncidentUpdate(superadmin, anIncident({ status: 'investigating' }), { status: 'mitigated' }, NOW);

    // Assert
    expect(plan.set.timeline?.at(-1)).toEqual({
      at: NOW,
      status: 'mitigated',
      message: STATUS_MESSAGES.mitigated,
      by: 'usr_root',
    });
  });

  it('appends an update without a status of its own', () => {
    // Act
    const plan = planIncidentUpdate(superadmin, anIncident(), { update: 'Still looking.' }, NOW);

    // Assert
    expect(plan.verb).toBe('updated');
    expect(plan.set.timeline?.at(-1)).toEqual({ at: NOW, message: 'Still looking.', by: 'usr_root' });
    expect(plan.set).not.toHaveProperty('status');
  });

  it('stamps resolvedAt and takes the incident out of the unresolved index when resolving', () => {
    // Act
    const plan = planIncidentUpdate(superadmin, anIncident(), { status: 'resolved' }, NOW);

    // Assert
    expect(plan.set).toMatchObject({ status: 'resolved', resolvedAt: NOW, liveIndexKey: '#resolved' });
  });

  it('keeps an investigated incident in the unresolved index', () => {
    // Act
    const plan = planIncidentUpdate(superadmin, anIncident(), { status: 'investigating' }, NOW);

    // Assert
    expect(plan.set.liveIndexKey).toBe('unresolved');
    expect(plan.set).not.toHaveProperty('resolvedAt');
  });

  it('refuses an illegal move with a 409 naming the allowed next statuses', () => {
    // Act
    const error = thrownBy(() => planIncidentUpdate(superadmin, anIncident(), { status: 'mitigated' }, NOW));

    // Assert
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect((error as IllegalTransitionError).extensions).toMatchObject({
      allowedNextStatuses: ['investigating', 'resolved'],
    });
  });

  it('refuses to move a resolved incident, even to resolved', () => {
    // Act
    const error = thrownBy(() =>
      planIncidentUpdate(superadmin, anIncident({ status: 'resolved' }), { status: 'resolved' }, NOW),
    );

    // Assert
    expect(error).toBeInstanceOf(IllegalTransitionError);
  });

  it('still takes an update on a resolved incident, e.g. a post-mortem', () => {
    // Act
    const plan = planIncidentUpdate(superadmin, anIncident({ status: 'resolved' }), { update: 'Post-mortem.' }, NOW);

    // Assert
    expect(plan.set.timeline).toHaveLength(2);
  });

  it('keeps room in a nearly full timeline for the status moves still to come', () => {
    // Arrange: an open incident can still move three times
    const entry = { at: NOW, message: 'x', by: 'usr_root' };
    const nearlyFull = anIncident({ timeline: Array.from({ length: MAX_TIMELINE_ENTRIES - 4 }, () => entry) });

    // Act
    const lastUpdate = planIncidentUpdate(superadmin, nearlyFull, { update: 'One more.' }, NOW);
    const full = anIncident({ timeline: lastUpdate.set.timeline ?? [] });
    const refused = thrownBy(() => planIncidentUpdate(superadmin, full, { update: 'Too many.' }, NOW));
    const resolving = planIncidentUpdate(superadmin, full, { status: 'resolved' }, NOW);

    // Assert
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as ConflictError).errors).toEqual([
      expect.objectContaining({ field: 'update', code: 'timeline_full' }),
    ]);
    expect(resolving.set.timeline).toHaveLength(MAX_TIMELINE_ENTRIES - 2);
  });
});
