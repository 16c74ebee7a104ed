import {
  IncidentEntity,
  liveIndexKeyOf,
  RESOLVED_INDEX_KEY,
  UNRESOLVED_INDEX_KEY,
} from '@assist-ten/core/platform/incident.entity';
import { describe, expect, it } from 'vitest';

const ID = 'inc_01JABCDEFGHJKMNPQRSTVWXYZ0';

const anIncident = (liveIndexKey: string) =>
  IncidentEntity.create({
    incidentId: ID,
    title: 'Slow',
    description: 'Candidates wait.',
    severity: 'sev2',
    status: 'open',
    affectsAllTenants: true,
    affectedTenantIds: [],
    timeline: [{ at: '2026-03-01T11:00:00.000Z', status: 'open', message: 'Aware.', by: 'usr_root' }],
    startedAt: '2026-03-01T11:00:00.000Z',
    liveIndexKey,
    createdBy: 'usr_root',
    updatedBy: 'usr_root',
  }).params<{ Item: Record<string, unknown> }>();

interface UpdateParams {
  UpdateExpression: string;
  ExpressionAttributeNames: Record<string, string>;
}

describe('IncidentEntity', () => {
  it('maps every status but resolved to the unresolved index key', () => {
    // Act
    const keys = (['open', 'investigating', 'mitigated', 'resolved'] as const).map(liveIndexKeyOf);

    // Assert
    expect(keys).toEqual([UNRESOLVED_INDEX_KEY, UNRESOLVED_INDEX_KEY, UNRESOLVED_INDEX_KEY, RESOLVED_INDEX_KEY]);
  });

  it('puts an unresolved incident in the sparse gsi3, and a resolved one not', () => {
    // Act
    const unresolved = anIncident(UNRESOLVED_INDEX_KEY).Item;
    const resolved = anIncident(RESOLVED_INDEX_KEY).Item;

    // Assert
    expect(unresolved.gsi3pk).toEqual(expect.any(String));
    expect(unresolved.gsi3sk).toEqual(expect.stringContaining(ID));
    expect(resolved).not.toHaveProperty('gsi3pk');
    expect(resolved).not.toHaveProperty('gsi3sk');
    expect(resolved.gsi2pk).toEqual(expect.any(String));
  });

  it('removes the sparse index keys when an incident is resolved', () => {
    // Act
    const params = IncidentEntity.patch({ incidentId: ID })
      .set({ status: 'resolved', liveIndexKey: RESOLVED_INDEX_KEY })
      .params<UpdateParams>();

    // Assert
    expect(params.UpdateExpression).toMatch(/REMOVE .*#gsi3pk/);
    expect(params.ExpressionAttributeNames['#gsi3sk']).toBe('gsi3sk');
    expect(params.ExpressionAttributeNames['#gsi2pk']).toBe('gsi2pk');
  });

  it('leaves the index keys alone when only the text changes', () => {
    // Act
    const params = IncidentEntity.patch({ incidentId: ID }).set({ title: 'Slower' }).params<UpdateParams>();

    // Assert
    expect(Object.values(params.ExpressionAttributeNames).filter((name) => name.startsWith('gsi'))).toEqual([]);
  });

  it('reads the unresolved incidents with one Query on gsi3, and a status with one on gsi2', () => {
    // Act
    const unresolved = IncidentEntity.query
      .unresolved({ liveIndexKey: UNRESOLVED_INDEX_KEY })
      .params<{ IndexName: string; KeyConditionExpression: string }>();
    const byStatus = IncidentEntity.query
      .byStatus({ status: 'mitigated' })
      .params<{ IndexName: string; ExpressionAttributeValues: Record<string, string> }>();

    // Assert
    expect(unresolved.IndexName).toBe('gsi3');
    expect(unresolved.KeyConditionExpression).toContain('#pk = :pk');
    expect(byStatus.IndexName).toBe('gsi2');
    expect(byStatus.ExpressionAttributeValues[':pk']).toContain('mitigated');
  });
});
