import { isFinished, TASK_STATUSES, type TaskStatus } from '@assist-ten/core/platform/task.model';
import { TASK_TRANSITIONS } from '@assist-ten/core/platform/task.status';
import { IllegalTransitionError } from '@assist-ten/core/shared/errors';
import { allowedNext, assertTransition, canTransition } from '@assist-ten/core/shared/state-machine';
import { describe, expect, it } from 'vitest';
import { thrownBy } from '../support/factories.ts';

/** The lifecycle as the product defines it, written out cell by cell (row = from, column = to). */
const EXPECTED: Record<TaskStatus, Record<TaskStatus, boolean>> = {
  queued: { queued: false, running: true, succeeded: false, failed: false },
  running: { queued: true, running: true, succeeded: true, failed: true },
  succeeded: { queued: false, running: false, succeeded: false, failed: false },
  failed: { queued: false, running: false, succeeded: false, failed: false },
};

const ALL_PAIRS = TASK_STATUSES.flatMap((from) => TASK_STATUSES.map((to) => [from, to] as const));

describe('TASK_TRANSITIONS', () => {
  it('has a row for exactly the known statuses, and the expected matrix covers them all', () => {
    // Arrange
    const statuses = [...TASK_STATUSES].sort();

    // Act
    const tableRows = Object.keys(TASK_TRANSITIONS).sort();
    const expectedRows = Object.keys(EXPECTED).sort();

    // Assert
    expect(tableRows).toEqual(statuses);
    expect(expectedRows).toEqual(statuses);
    expect(ALL_PAIRS).toHaveLength(16);
  });

  it.each(ALL_PAIRS)('canTransition(%s -> %s) matches the lifecycle matrix', (from, to) => {
    // Arrange
    const expected = EXPECTED[from][to];

    // Act
    const allowed = canTransition(TASK_TRANSITIONS, from, to);

    // Assert
    expect(allowed).toBe(expected);
  });

  it.each(['succeeded', 'failed'] as const)('treats %s as final (no way out) and as finished', (status) => {
    // Act
    const next = allowedNext(TASK_TRANSITIONS, status);

    // Assert
    expect(next).toEqual([]);
    expect(isFinished(status)).toBe(true);
  });

  it.each(['queued', 'running'] as const)('does not treat %s as finished', (status) => {
    // Act
    const finished = isFinished(status);

    // Assert
    expect(finished).toBe(false);
  });

  it('refuses a queued task going straight to succeeded with a 409 naming where it may go', () => {
    // Act
    const error = thrownBy(() => assertTransition(TASK_TRANSITIONS, 'A task', 'queued', 'succeeded'));

    // Assert
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect((error as IllegalTransitionError).extensions).toEqual({
      currentStatus: 'queued',
      allowedNextStatuses: ['running'],
    });
  });
});
