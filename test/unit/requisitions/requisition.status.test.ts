import { REQUISITION_STATUSES, type RequisitionStatus } from '@assist-ten/core/requisitions/requisition.model';
import {
  actionsFrom,
  REQUISITION_TRANSITIONS,
  type RequisitionAction,
} from '@assist-ten/core/requisitions/requisition.status';
import { allowedNext, canTransition } from '@assist-ten/core/shared/state-machine';
import { describe, expect, it } from 'vitest';

/** The lifecycle as the product defines it, written out cell by cell (row = from, column = to). */
const EXPECTED: Record<RequisitionStatus, Record<RequisitionStatus, boolean>> = {
  draft: { draft: false, open: true, paused: false, closed: false, filled: false, cancelled: true },
  open: { draft: false, open: false, paused: true, closed: true, filled: true, cancelled: true },
  paused: { draft: false, open: true, paused: false, closed: true, filled: true, cancelled: true },
  closed: { draft: false, open: false, paused: false, closed: false, filled: false, cancelled: false },
  filled: { draft: false, open: false, paused: false, closed: false, filled: false, cancelled: false },
  cancelled: { draft: false, open: false, paused: false, closed: false, filled: false, cancelled: false },
};

const EXPECTED_ACTIONS: Record<RequisitionStatus, RequisitionAction[]> = {
  draft: ['publish', 'cancel'],
  open: ['pause', 'close', 'fill', 'cancel'],
  paused: ['resume', 'close', 'fill', 'cancel'],
  closed: [],
  filled: [],
  cancelled: [],
};

const ALL_PAIRS = REQUISITION_STATUSES.flatMap((from) => REQUISITION_STATUSES.map((to) => [from, to] as const));

describe('REQUISITION_TRANSITIONS', () => {
  it('has a row for exactly the known statuses, and the expected matrix covers them all', () => {
    // Arrange
    const statuses = [...REQUISITION_STATUSES].sort();

    // Act
    const tableRows = Object.keys(REQUISITION_TRANSITIONS).sort();
    const expectedRows = Object.keys(EXPECTED).sort();

    // Assert
    expect(tableRows).toEqual(statuses);
    expect(expectedRows).toEqual(statuses);
    expect(ALL_PAIRS).toHaveLength(36);
  });

  it.each(ALL_PAIRS)('canTransition(%s -> %s) matches the lifecycle matrix', (from, to) => {
    // Arrange
    const expected = EXPECTED[from][to];

    // Act
    const allowed = canTransition(REQUISITION_TRANSITIONS, from, to);

    // Assert
    expect(allowed).toBe(expected);
  });

  it.each(['closed', 'filled', 'cancelled'] as const)('treats %s as final (no way out)', (status) => {
    // Act
    const next = allowedNext(REQUISITION_TRANSITIONS, status);

    // Assert
    expect(next).toEqual([]);
  });

  it('never returns to draft once a requisition has left it', () => {
    // Act
    const reachingDraft = REQUISITION_STATUSES.filter((from) => canTransition(REQUISITION_TRANSITIONS, from, 'draft'));

    // Assert
    expect(reachingDraft).toEqual([]);
  });
});

describe('state machine helpers', () => {
  it('allowedNext lists the row of the table and canTransition agrees with it', () => {
    // Arrange
    const table = { a: ['b'], b: ['a', 'c'], c: [] } as const satisfies Record<string, readonly ('a' | 'b' | 'c')[]>;

    // Act
    const fromB = allowedNext(table, 'b');

    // Assert
    expect(fromB).toEqual(['a', 'c']);
    expect(canTransition(table, 'b', 'c')).toBe(true);
    expect(canTransition(table, 'a', 'c')).toBe(false);
    expect(canTransition(table, 'c', 'a')).toBe(false);
  });
});

describe('actionsFrom', () => {
  it.each(REQUISITION_STATUSES)('offers exactly the expected actions from %s', (status) => {
    // Act
    const actions = actionsFrom(status);

    // Assert
    expect(actions).toEqual(EXPECTED_ACTIONS[status]);
  });

  it('offers publish only from draft and resume only from paused, though both lead to open', () => {
    // Act
    const publishFrom = REQUISITION_STATUSES.filter((status) => actionsFrom(status).includes('publish'));
    const resumeFrom = REQUISITION_STATUSES.filter((status) => actionsFrom(status).includes('resume'));

    // Assert
    expect(publishFrom).toEqual(['draft']);
    expect(resumeFrom).toEqual(['paused']);
  });
});
