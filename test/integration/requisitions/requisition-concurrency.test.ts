import { PreconditionFailedError } from '@assist-ten/core/shared/errors';
import type { Principal } from '@assist-ten/core/shared/principal';
import { describe, expect, it } from 'vitest';
import { principalOf } from '../../../infra/local/seed.ts';
import { findLocalUser } from '../../../infra/local/seed-data.ts';

// Loaded after the stack environment points the SDK at DynamoDB Local.
const { createRequisition, getRequisition, updateRequisition, transitionRequisition } = await import(
  '@assist-ten/core/requisitions/requisition.service'
);

const seeded = findLocalUser('recruiter@demo.test');
if (!seeded) throw new Error('seed user missing');
const recruiter: Principal = principalOf(seeded);

describe('requisition writes under concurrency (DynamoDB Local)', () => {
  it('lets exactly one of two writers holding the same If-Match version win', async () => {
    const { id } = await createRequisition(recruiter, { title: 'Race' });

    const results = await Promise.allSettled([
      updateRequisition(recruiter, id, { department: 'A' }, 1),
      updateRequisition(recruiter, id, { department: 'B' }, 1),
    ]);

    const fulfilled = results.filter((result) => result.status === 'fulfilled');
    const rejected = results.filter((result) => result.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(PreconditionFailedError);
    expect((await getRequisition(recruiter, id)).version).toBe(2);
  });

  it('applies every one of many writers without If-Match, losing none', async () => {
    const { id } = await createRequisition(recruiter, { title: 'Many writers', positionsAvailable: 10 });

    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, index) => updateRequisition(recruiter, id, { positionsFilled: index })),
    );

    const failures = results.filter((result) => result.status === 'rejected');
    // Three attempts each; under this contention a writer may still give up with a 409, never silently.
    const final = await getRequisition(recruiter, id);
    expect(final.version).toBe(1 + results.length - failures.length);
  });

  it('never leaves a requisition in two statuses when transitions race', async () => {
    const { id } = await createRequisition(recruiter, {
      title: 'Racing transitions',
      description: 'd',
      employmentType: 'full_time',
      experienceLevel: 'mid',
      remotePolicy: 'remote',
    });
    await transitionRequisition(recruiter, id, 'publish', {});

    await Promise.allSettled([
      transitionRequisition(recruiter, id, 'close', {}, 2),
      transitionRequisition(recruiter, id, 'fill', {}, 2),
    ]);

    const final = await getRequisition(recruiter, id);
    expect(['closed', 'filled']).toContain(final.status);
    expect(final.version).toBe(3);
  });
});
