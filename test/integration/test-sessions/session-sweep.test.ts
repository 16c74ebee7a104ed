import { describe, expect, it } from 'vitest';
import { storeSession } from '../../support/fixtures/test-session-results.ts';

// Loaded after the stack environment points the SDK at DynamoDB Local.
const { TestSessionEntity } = await import('@assist-ten/core/test-sessions/test-session.entity');
const { sweepDueSessions } = await import('@assist-ten/core/test-sessions/session-sweep');

const TENANT = 'tnt_01JSWEEP000000000000000000';

/** An open assessment session with the given deadline, in its due shard. */
const openSession = (deadline: string, dueShard = 's1') =>
  storeSession(TENANT, 'cand_01JSWEEP000000000000000000', {
    assessmentId: 'asmt_01JSWEEP000000000000000000',
    scopeId: 'asmt_01JSWEEP000000000000000000',
    status: 'in_progress',
    deadline,
    dueShard,
  });

const statusOf = async (testSessionId: string) =>
  (await TestSessionEntity.get({ tenantId: TENANT, testSessionId }).go({ consistent: true })).data;

describe('sweepDueSessions', () => {
  it('submits the open sessions past their deadline and grace, and leaves the others open', async () => {
    // Arrange
    const now = Date.now();
    const overdue = await openSession(new Date(now - 60_000).toISOString(), 's0');
    const withinGrace = await openSession(new Date(now - 2_000).toISOString(), 's2');
    const running = await openSession(new Date(now + 60_000).toISOString(), 's3');

    // Act
    const report = await sweepDueSessions(new Date(now).toISOString());

    // Assert: the stack's own sweep runs every 2 s against the same table and may submit the
    // overdue session first, so the count of this run is not asserted, only its bounds.
    expect(report.submitted).toBeLessThanOrEqual(report.due);
    expect(await statusOf(overdue)).toMatchObject({ status: 'submitted', submission: 'deadline', dueShard: 'none' });
    expect((await statusOf(withinGrace))?.status).toBe('in_progress');
    expect((await statusOf(running))?.status).toBe('in_progress');
  });

  it('leaves a session submitted meanwhile as it is, and a second sweep finds nothing more', async () => {
    // Arrange
    const now = Date.now();
    const overdue = await openSession(new Date(now - 60_000).toISOString());
    await sweepDueSessions(new Date(now).toISOString());
    const first = await statusOf(overdue);

    // Act
    await sweepDueSessions(new Date(now + 1_000).toISOString());

    // Assert
    expect(await statusOf(overdue)).toEqual(first);
  });
});
