import { ApplicationEntity } from '@assist-ten/core/applications/application.entity';
import { funnelWrite } from '@assist-ten/core/applications/funnel.service';
import { ApplicationNoteEntity } from '@assist-ten/core/applications/note.entity';
import { describe, expect, it } from 'vitest';

const TENANT = 'tnt_demo';
const APPLICATION = 'app_01JABCDEFGHJKMNPQRSTVWXYZ0';
const REQUISITION = 'req_01JABCDEFGHJKMNPQRSTVWXYZ0';

interface UpdateParams {
  UpdateExpression: string;
  ConditionExpression?: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
}

describe('ApplicationEntity', () => {
  it('rebuilds the stage index key from the new stage and the requisition on a stage change', () => {
    // Act
    const params = ApplicationEntity.patch({ tenantId: TENANT, applicationId: APPLICATION })
      .set({ stage: 'interview', updatedBy: 'usr_alice' })
      .composite({ requisitionId: REQUISITION })
      .params<UpdateParams>();

    // Assert
    const values = Object.values(params.ExpressionAttributeValues).map(String);
    expect(Object.values(params.ExpressionAttributeNames)).toContain('gsi2pk');
    expect(
      values.some((value) => value.includes(TENANT) && value.includes(REQUISITION) && value.includes('interview')),
    ).toBe(true);
  });

  it.each([
    [
      'byRequisition',
      'gsi1',
      () => ApplicationEntity.query.byRequisition({ tenantId: TENANT, requisitionId: REQUISITION }),
    ],
    [
      'byRequisitionStage',
      'gsi2',
      () =>
        ApplicationEntity.query.byRequisitionStage({ tenantId: TENANT, requisitionId: REQUISITION, stage: 'offer' }),
    ],
    ['byCandidate', 'gsi3', () => ApplicationEntity.query.byCandidate({ tenantId: TENANT, candidateId: 'cand_1' })],
  ] as const)('lists %s with a Query on %s whose partition starts with the tenant', (_, index, build) => {
    // Act
    const params = build().params<{ IndexName: string; ExpressionAttributeValues: Record<string, string> }>();

    // Assert
    expect(params.IndexName).toBe(index);
    expect(params.ExpressionAttributeValues[':pk']).toContain(TENANT);
  });
});

describe('funnelWrite', () => {
  it('adds to the counters with no condition, so the first move of a requisition creates its counter', () => {
    // Act
    const write = funnelWrite(TENANT, REQUISITION, { currentApplied: -1, currentScreening: 1 });

    // Assert
    const params = write.params as UpdateParams;
    expect(write.kind).toBe('Update');
    expect(params.UpdateExpression).toMatch(/^(SET .* )?ADD /);
    expect(params.ConditionExpression).toBeUndefined();
  });
});

describe('ApplicationNoteEntity', () => {
  it("lists an application's notes from its own partition, other people's private notes filtered out", () => {
    // Act
    const params = ApplicationNoteEntity.query
      .byApplication({ tenantId: TENANT, applicationId: APPLICATION })
      .where(({ isPrivate, authorId }, { eq }) => `(${eq(isPrivate, false)} OR ${eq(authorId, 'usr_alice')})`)
      .params<{ IndexName?: string; FilterExpression: string; ExpressionAttributeValues: Record<string, unknown> }>();

    // Assert
    expect(params.IndexName).toBeUndefined();
    expect(String(params.ExpressionAttributeValues[':pk'])).toContain(APPLICATION);
    expect(params.FilterExpression).toContain('OR');
  });
});
