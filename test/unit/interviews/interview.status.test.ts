import { INTERVIEW_STATUSES, INTERVIEW_TRANSITIONS, occupiesTime } from '@assist-ten/core/interviews/interview.model';
import { INTERVIEW_TRANSITION_ACTIONS } from '@assist-ten/core/interviews/interview.status';
import { IllegalTransitionError } from '@assist-ten/core/shared/errors';
import { assertTransition } from '@assist-ten/core/shared/state-machine';
import { describe, expect, it } from 'vitest';
import { thrownBy } from '../support/factories.ts';

describe('interview lifecycle', () => {
  it.each(Object.entries(INTERVIEW_TRANSITION_ACTIONS))(
    '%s moves a scheduled or running interview to %s',
    (action, to) => {
      // Arrange
      const from = action === 'complete' ? 'in_progress' : 'scheduled';

      // Act
      const error = thrownBy(() => assertTransition(INTERVIEW_TRANSITIONS, 'An interview', from, to), {
        orNothing: true,
      });

      // Assert
      expect(error).toBeUndefined();
    },
  );

  it('refuses to complete a scheduled interview with a 409 naming where it can go', () => {
    // Act
    const error = thrownBy(() => assertTransition(INTERVIEW_TRANSITIONS, 'An interview', 'scheduled', 'completed'));

    // Assert
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect((error as IllegalTransitionError).extensions).toEqual({
      currentStatus: 'scheduled',
      allowedNextStatuses: ['in_progress', 'cancelled', 'no_show'],
    });
  });

  it.each(['completed', 'cancelled', 'no_show'] as const)('treats %s as final', (status) => {
    // Act
    const errors = INTERVIEW_STATUSES.map((to) =>
      thrownBy(() => assertTransition(INTERVIEW_TRANSITIONS, 'An interview', status, to)),
    );

    // Assert
    expect(errors.every((error) => error instanceof IllegalTransitionError)).toBe(true);
  });

  it('frees the time of a cancelled interview only', () => {
    expect(INTERVIEW_STATUSES.filter((status) => !occupiesTime(status))).toEqual(['cancelled']);
  });
});
