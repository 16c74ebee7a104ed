import { APPLICATION_STAGES, type ApplicationStage } from '@assist-ten/core/applications/application.model';
import { allowedNextStages, assertStageMove } from '@assist-ten/core/applications/application.policy';
import { APPLICATION_TRANSITIONS } from '@assist-ten/core/applications/application.status';
import { IllegalTransitionError } from '@assist-ten/core/shared/errors';
import { describe, expect, it } from 'vitest';
import { thrownBy } from '../support/factories.ts';

describe('APPLICATION_TRANSITIONS', () => {
  it.each([
    ['applied', ['screening', 'assessment', 'interview', 'offer', 'rejected', 'withdrawn']],
    ['screening', ['assessment', 'interview', 'offer', 'applied', 'rejected', 'withdrawn']],
    ['assessment', ['interview', 'offer', 'screening', 'rejected', 'withdrawn']],
    ['interview', ['offer', 'assessment', 'rejected', 'withdrawn']],
    ['offer', ['hired', 'interview', 'rejected', 'withdrawn']],
    ['hired', []],
    ['rejected', []],
    ['withdrawn', []],
  ] as const)('lets %s move to exactly %j', (from, expected) => {
    // Act
    const next = APPLICATION_TRANSITIONS[from];

    // Assert
    expect([...next].sort()).toEqual([...expected].sort());
  });

  it('reaches hired only from an offer', () => {
    // Act
    const into = APPLICATION_STAGES.filter((stage) => APPLICATION_TRANSITIONS[stage].includes('hired'));

    // Assert
    expect(into).toEqual(['offer']);
  });

  it('lets every open stage leave as rejected or withdrawn', () => {
    // Arrange
    const open: ApplicationStage[] = ['applied', 'screening', 'assessment', 'interview', 'offer'];

    // Act
    const exits = open.map((stage) =>
      APPLICATION_TRANSITIONS[stage].filter((to) => to === 'rejected' || to === 'withdrawn'),
    );

    // Assert
    expect(exits).toEqual(open.map(() => ['rejected', 'withdrawn']));
  });
});

describe('assertStageMove', () => {
  it('accepts a forward skip', () => {
    // Act
    const error = thrownBy(() => assertStageMove('applied', 'interview'), { orNothing: true });

    // Assert
    expect(error).toBeUndefined();
  });

  it('refuses a step back of two stages with a 409 naming the allowed next stages', () => {
    // Act
    const error = thrownBy(() => assertStageMove('interview', 'screening'));

    // Assert
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect((error as IllegalTransitionError).statusCode).toBe(409);
    expect((error as IllegalTransitionError).extensions).toEqual({
      currentStage: 'interview',
      allowedNextStages: allowedNextStages('interview'),
    });
  });

  it('says a final stage is final', () => {
    // Act
    const error = thrownBy(() => assertStageMove('hired', 'offer')) as IllegalTransitionError;

    // Assert
    expect(error.message).toContain("'hired' is final");
    expect(error.extensions).toMatchObject({ allowedNextStages: [] });
  });
});
