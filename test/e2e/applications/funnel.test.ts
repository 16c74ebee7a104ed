import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { createApplication, openRequisition } from '../../support/fixtures/applications.ts';
import { HOME } from '../../support/users.ts';

const APPLICATIONS = '/api/v1/recruiter/applications';

const walk = async (id: string, ...moves: object[]) => {
  const token = await tokenFor(HOME.recruiter);
  for (const body of moves) {
    const response = await call('POST', `${APPLICATIONS}/${id}/stage`, { token, body });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  }
};

describe('requisition funnel over HTTP', () => {
  it('counts a scripted pipeline: now, entered, conversions, medians and totals', async () => {
    // Arrange: four candidates; one hired (skipping assessment), one rejected, one withdrawn, one waiting
    const requisitionId = await openRequisition({ positionsAvailable: 2 });
    const [hired, rejected, withdrawn] = [
      await createApplication({ requisitionId }),
      await createApplication({ requisitionId }),
      await createApplication({ requisitionId }),
      await createApplication({ requisitionId }),
    ];
    await walk(hired.id, { stage: 'screening' }, { stage: 'interview' }, { stage: 'offer' }, { stage: 'hired' });
    await walk(rejected.id, { stage: 'screening' }, { stage: 'rejected', rejection: { code: 'failed_assessment' } });
    await walk(withdrawn.id, { stage: 'withdrawn', reason: 'Took another offer' });

    // Act
    const response = await call('GET', `/api/v1/recruiter/requisitions/${requisitionId}/funnel`, {
      token: await tokenFor(HOME.admin),
    });

    // Assert
    expect(response.status).toBe(200);
    const byStage = Object.fromEntries(response.body.stages.map((stage: { stage: string }) => [stage.stage, stage]));
    const counts = (stage: string) => [
      byStage[stage].current,
      byStage[stage].entered,
      byStage[stage].conversionFromPrevious,
    ];
    expect(counts('applied')).toEqual([1, 4, null]);
    expect(counts('screening')).toEqual([0, 2, 0.5]);
    expect(counts('assessment')).toEqual([0, 1, 0.5]);
    expect(counts('interview')).toEqual([0, 1, 1]);
    expect(counts('offer')).toEqual([0, 1, 1]);
    expect(counts('hired')).toEqual([1, 1, 1]);
    expect(counts('rejected')).toEqual([1, 1, null]);
    expect(counts('withdrawn')).toEqual([1, 1, null]);
    // Every stay lasted seconds: all in the first bucket, whose middle is half an hour.
    expect(byStage.applied).toMatchObject({ completedStays: 3, medianHoursInStage: 0.5 });
    expect(byStage.screening).toMatchObject({ completedStays: 2, medianHoursInStage: 0.5 });
    expect(byStage.assessment).toMatchObject({ completedStays: 0, medianHoursInStage: null });
    expect(response.body.totals).toEqual({
      applications: 4,
      active: 1,
      hired: 1,
      rejected: 1,
      withdrawn: 1,
      hireRate: 0.25,
      medianHoursToHire: 0.5,
    });
  });

  it('answers an empty funnel for a requisition without applications, and 404 for an unknown one', async () => {
    // Arrange
    const requisitionId = await openRequisition();
    const token = await tokenFor(HOME.recruiter);

    // Act
    const empty = await call('GET', `/api/v1/recruiter/requisitions/${requisitionId}/funnel`, { token });
    const unknown = await call('GET', '/api/v1/recruiter/requisitions/req_01JDEM0000000000000000000Z/funnel', {
      token,
    });

    // Assert
    expect(empty.status).toBe(200);
    expect(empty.body.totals).toMatchObject({ applications: 0, hireRate: null });
    expect(unknown.status).toBe(404);
  });
});
