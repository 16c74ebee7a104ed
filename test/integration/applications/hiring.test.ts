import { ConflictError } from '@assist-ten/core/shared/errors';
import type { Principal } from '@assist-ten/core/shared/principal';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../support/fixtures/identity.ts';

// Loaded after the stack environment points the SDK at DynamoDB Local.
const { createApplication, listApplications, getApplication } = await import(
  '@assist-ten/core/applications/application.service'
);
const { moveApplication } = await import('@assist-ten/core/applications/application.stage');
const { getFunnel } = await import('@assist-ten/core/applications/funnel.service');
const { PIPELINE } = await import('@assist-ten/core/applications/application.model');
const { createCandidate } = await import('@assist-ten/core/candidates/candidate.service');
const { createRequisition, getRequisition, transitionRequisition } = await import(
  '@assist-ten/core/requisitions/requisition.service'
);
const { TenantEntity } = await import('@assist-ten/core/identity/tenant.entity');

/**
 * A tenant of its own, so its count of active requisitions moves only by what this file does.
 * Its first admin manages requisitions, candidates and applications.
 */
let admin: Principal;

beforeAll(async () => {
  const tenant = await createTenant();
  admin = {
    userId: tenant.firstAdmin.id,
    tenantId: tenant.id,
    email: tenant.firstAdmin.email,
    roles: ['admin'],
    requestId: 'hiring-test',
  };
});

const openRequisition = async (positionsAvailable: number): Promise<string> => {
  const { id } = await createRequisition(admin, {
    title: 'Site Reliability Engineer',
    description: 'Keeps it up.',
    employmentType: 'full_time',
    experienceLevel: 'senior',
    remotePolicy: 'remote',
    positionsAvailable,
  });
  await transitionRequisition(admin, id, 'publish', {});
  return id;
};

let candidates = 0;

/** An application of a fresh candidate, moved to the offer stage. */
const applicationAtOffer = async (requisitionId: string): Promise<string> => {
  candidates += 1;
  const candidate = await createCandidate(admin, {
    fullName: `Candidate ${candidates}`,
    email: `hiring-${Date.now()}-${candidates}@example.test`,
  });
  const { id } = await createApplication(admin, { candidateId: candidate.id, requisitionId });
  for (const stage of ['screening', 'interview', 'offer'] as const) await moveApplication(admin, id, { stage });
  return id;
};

const activeRequisitions = async (): Promise<number> =>
  (await TenantEntity.get({ tenantId: admin.tenantId }).go({ consistent: true })).data?.activeRequisitionCount ?? -1;

const hire = (id: string) => moveApplication(admin, id, { stage: 'hired' });

describe('hiring into a requisition (DynamoDB Local)', () => {
  it('fills a requisition of two seats with its second hire: filled, inactive, closed, seat released', async () => {
    // Arrange
    const requisitionId = await openRequisition(2);
    const [first, second] = [await applicationAtOffer(requisitionId), await applicationAtOffer(requisitionId)];
    const activeBefore = await activeRequisitions();

    // Act
    await hire(first);
    const afterOne = await getRequisition(admin, requisitionId);
    await hire(second);

    // Assert
    expect(afterOne).toMatchObject({ status: 'open', positionsFilled: 1, isActive: true });
    const filled = await getRequisition(admin, requisitionId);
    expect(filled).toMatchObject({ status: 'filled', positionsFilled: 2, isActive: false });
    expect(filled.closedAt).toEqual(expect.any(String));
    expect(filled.version).toBe(afterOne.version + 1);
    expect(await activeRequisitions()).toBe(activeBefore - 1);
  });

  it('refuses a third hire with 409 and changes nothing: application, requisition, counters', async () => {
    // Arrange
    const requisitionId = await openRequisition(2);
    const [first, second, third] = [
      await applicationAtOffer(requisitionId),
      await applicationAtOffer(requisitionId),
      await applicationAtOffer(requisitionId),
    ];
    await hire(first);
    await hire(second);
    const before = {
      application: await getApplication(admin, third),
      requisition: await getRequisition(admin, requisitionId),
      funnel: await getFunnel(admin, requisitionId),
      active: await activeRequisitions(),
    };

    // Act
    const refused = await hire(third).catch((error: unknown) => error);

    // Assert
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as ConflictError).extensions).toMatchObject({ requisitionStatus: 'filled' });
    expect(await getApplication(admin, third)).toEqual(before.application);
    expect(await getRequisition(admin, requisitionId)).toEqual(before.requisition);
    expect(await getFunnel(admin, requisitionId)).toEqual(before.funnel);
    expect(await activeRequisitions()).toBe(before.active);
  });

  it('lets exactly one of three concurrent hires take the last seat', async () => {
    // Arrange
    const requisitionId = await openRequisition(1);
    const offers = [
      await applicationAtOffer(requisitionId),
      await applicationAtOffer(requisitionId),
      await applicationAtOffer(requisitionId),
    ];

    // Act
    const results = await Promise.allSettled(offers.map(hire));

    // Assert
    const fulfilled = results.filter((result) => result.status === 'fulfilled');
    const rejected = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected.map((result) => result.reason instanceof ConflictError)).toEqual([true, true]);
    expect(await getRequisition(admin, requisitionId)).toMatchObject({ status: 'filled', positionsFilled: 1 });
    const stages = await Promise.all(offers.map(async (id) => (await getApplication(admin, id)).stage));
    expect(stages.filter((stage) => stage === 'hired')).toHaveLength(1);
    expect(stages.filter((stage) => stage === 'offer')).toHaveLength(2);
    expect((await getFunnel(admin, requisitionId)).totals.hired).toBe(1);
  });

  it('keeps counters equal to a recount of the applications, after concurrent moves', async () => {
    // Arrange
    const requisitionId = await openRequisition(5);
    const ids: string[] = [];
    for (let index = 0; index < 6; index++) {
      candidates += 1;
      const candidate = await createCandidate(admin, {
        fullName: `Recount ${index}`,
        email: `recount-${Date.now()}-${candidates}@example.test`,
      });
      ids.push((await createApplication(admin, { candidateId: candidate.id, requisitionId })).id);
    }
    const moves: {
      stage: 'screening' | 'interview' | 'assessment' | 'rejected' | 'withdrawn';
      rejection?: { code: 'other' };
    }[][] = [
      [{ stage: 'screening' }, { stage: 'interview' }],
      [{ stage: 'assessment' }, { stage: 'screening' }],
      [{ stage: 'screening' }, { stage: 'rejected', rejection: { code: 'other' } }],
      [{ stage: 'withdrawn' }],
      [{ stage: 'interview' }],
      [],
    ];

    // Act: every application's moves run in order, the applications concurrently
    await Promise.all(
      ids.map(async (id, index) => {
        for (const move of moves[index] ?? []) await moveApplication(admin, id, move);
      }),
    );

    // Assert
    const { items } = await listApplications(admin, { requisitionId, limit: 100 });
    const current = new Map<string, number>();
    const entered = new Map<string, number>();
    for (const application of items) {
      current.set(application.stage, (current.get(application.stage) ?? 0) + 1);
      const reached = Math.max(...application.stageHistory.map((entry) => PIPELINE.indexOf(entry.to as never)));
      for (const stage of PIPELINE.slice(0, reached + 1)) entered.set(stage, (entered.get(stage) ?? 0) + 1);
      if (application.stage === 'rejected' || application.stage === 'withdrawn')
        entered.set(application.stage, 1 + (entered.get(application.stage) ?? 0));
    }
    const funnel = await getFunnel(admin, requisitionId);
    expect(funnel.stages.map(({ stage, current: now, entered: ever }) => [stage, now, ever])).toEqual(
      funnel.stages.map(({ stage }) => [stage, current.get(stage) ?? 0, entered.get(stage) ?? 0]),
    );
    expect(funnel.totals.applications).toBe(6);
  });
});
