import { describe, expect, it } from 'vitest';
import { principalOf, seedLocalData } from '../../../infra/local/seed.ts';
import { LOCAL_USERS } from '../../../infra/local/seed-data.ts';

const { getRequisition } = await import('@assist-ten/core/requisitions/requisition.service');

describe('local seed', () => {
  it('can run again on seeded data without changing or duplicating anything', async () => {
    const recruiter = LOCAL_USERS.find((user) => user.email === 'recruiter@demo.test');
    if (!recruiter) throw new Error('seed user missing');
    const before = await getRequisition(principalOf(recruiter), 'req_01JDEM0000000000000000000A');

    await seedLocalData();
    await seedLocalData();

    const after = await getRequisition(principalOf(recruiter), 'req_01JDEM0000000000000000000A');
    expect(after).toEqual(before);
    expect(after).toMatchObject({ status: 'open', version: 2 });
  });
});
