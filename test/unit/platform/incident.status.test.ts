import { INCIDENT_STATUSES, type IncidentStatus } from '@assist-ten/core/platform/incident.model';
import { INCIDENT_TRANSITIONS, statusChangesLeft } from '@assist-ten/core/platform/incident.status';
import { IllegalTransitionError } from '@assist-ten/core/shared/errors';
import { allowedNext, assertTransition, canTransition } from '@assist-ten/core/shared/state-machine';
import { describe, expect, it } from 'vitest';
import { thrownBy } from '../support/factories.ts';

/** The lifecycle as the product defines it, cell by cell (row = from, column = to). */
const EXPECTED: Record<IncidentStatus, Record<IncidentStatus, boolean>> = {
  open: { open: false, investigating: true, mitigated: false, resolved: true },
  investigating: { open: false, investigating: false, mitigated: true, resolved: true },
  mitigated: { open: false, investigating: false, mitigated: false, resolved: true },
  resolved: { open: false, investigating: false, mitigated: false, resolved: false },
};

const ALL_PAIRS = INCIDENT_STATUSES.flatMap((from) => INCIDENT_STATUSES.map((to) => [from, to] as const));

describe('INCIDENT_TRANSITIONS', () => {
  it('has a row for exactly the known statuses', () => {
    // Act
    const rows = Object.keys(INCIDENT_TRANSITIONS).sort();

    // Assert
    expect(rows).toEqual([...INCIDENT_STATUSES].sort());
    expect(ALL_PAIRS).toHaveLength(16);
  });

  it.each(ALL_PAIRS)('canTransition(%s -> %s) matches the lifecycle matrix', (from, to) => {
    // Act
    const allowed = canTransition(INCIDENT_TRANSITIONS, from, to);

    // Assert
    expect(allowed).toBe(EXPECTED[from][to]);
  });

  it('lets a false alarm be resolved straight from open or investigating', () => {
    // Act
    const fromOpen = canTransition(INCIDENT_TRANSITIONS, 'open', 'resolved');
    const fromInvestigating = canTransition(INCIDENT_TRANSITIONS, 'investigating', 'resolved');

    // Assert
    expect([fromOpen, fromInvestigating]).toEqual([true, true]);
  });

  it('never goes back: no status is reachable from a later one', () => {
    // Act
    const backwards = ALL_PAIRS.filter(
      ([from, to]) =>
        INCIDENT_STATUSES.indexOf(to) <= INCIDENT_STATUSES.indexOf(from) &&
        canTransition(INCIDENT_TRANSITIONS, from, to),
    );

    // Assert
    expect(backwards).toEqual([]);
  });

  it('treats resolved as final and says so in the 409', () => {
    // Act
    const error = thrownBy(() => assertTransition(INCIDENT_TRANSITIONS, 'An incident', 'resolved', 'open'));

    // Assert
    expect(allowedNext(INCIDENT_TRANSITIONS, 'resolved')).toEqual([]);
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect((error as IllegalTransitionError).message).toContain("'resolved' is final");
    expect((error as IllegalTransitionError).extensions).toEqual({
      currentStatus: 'resolved',
      allowedNextStatuses: [],
    });
  });

  it('names the allowed next statuses when a move skips ahead', () => {
    // Act
    const error = thrownBy(() => assertTransition(INCIDENT_TRANSITIONS, 'An incident', 'open', 'mitigated'));

    // Assert
    expect((error as IllegalTransitionError).statusCode).toBe(409);
    expect((error as IllegalTransitionError).extensions).toEqual({
      currentStatus: 'open',
      allowedNextStatuses: ['investigating', 'resolved'],
    });
  });
});

describe('statusChangesLeft', () => {
  it.each([
    ['open', 3],
    ['investigating', 2],
    ['mitigated', 1],
    ['resolved', 0],
  ] as const)('counts the longest way from %s to resolved: %i moves', (status, moves) => {
    // Act
    const left = statusChangesLeft(status);

    // Assert
    expect(left).toBe(moves);
  });
});
