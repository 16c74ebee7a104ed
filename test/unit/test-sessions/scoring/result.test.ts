import { ValidationError } from '@assist-ten/core/shared/errors';
import { applyOverride } from '@assist-ten/core/test-sessions/scoring/override';
import { aggregateResult, type ScoredQuestion } from '@assist-ten/core/test-sessions/scoring/result';
import { QuestionScore, Result } from '@assist-ten/core/test-sessions/scoring/score.schema';
import { describe, expect, it } from 'vitest';
import { thrownBy } from '../../support/factories.ts';

const entry = (
  id: string,
  points: number,
  earned: number,
  skillTags: string[] = [],
  extra: Partial<QuestionScore> & { answered?: boolean } = {},
): ScoredQuestion => {
  const { answered = true, ...score } = extra;
  return {
    question: { id, points, skillTags },
    score: { questionId: id, earned, possible: points, method: 'exact', confidence: 1, needsReview: false, ...score },
    answered,
  };
};

describe('aggregateResult', () => {
  it('sums the points and gives the percentage to two decimals', () => {
    // Arrange
    const scored = [entry('q1', 1, 1), entry('q2', 2, 0), entry('q3', 3, 1)];

    // Act
    const result = aggregateResult(scored, 50);

    // Assert: 2 of 6
    expect(result).toMatchObject({ earned: 2, possible: 6, percentage: 33.33, passed: false, questionCount: 3 });
  });

  it('passes at exactly the passing score', () => {
    // Act
    const result = aggregateResult([entry('q1', 2, 1), entry('q2', 2, 1)], 50);

    // Assert
    expect(result).toMatchObject({ percentage: 50, passed: true });
  });

  it('is 0 percent, passed only at a passing score of 0, when nothing can be earned', () => {
    // Act
    const empty = aggregateResult([], 0);
    const strict = aggregateResult([], 1);

    // Assert
    expect(empty).toMatchObject({
      earned: 0,
      possible: 0,
      percentage: 0,
      passed: true,
      perSkill: [],
      questionCount: 0,
    });
    expect(strict.passed).toBe(false);
  });

  it('needs review while any score needs review', () => {
    // Act
    const result = aggregateResult([entry('q1', 1, 1), entry('q2', 1, 0.5, [], { needsReview: true })], 0);

    // Assert
    expect(result.needsReview).toBe(true);
    expect(aggregateResult([entry('q1', 1, 1)], 0).needsReview).toBe(false);
  });

  it('counts a question fully toward each of its skills, an untagged one toward none, sorted by skill (case apart, upper first)', () => {
    // Arrange
    const scored = [
      entry('q1', 2, 2, ['TypeScript', 'AWS']),
      entry('q2', 2, 1, ['aws']),
      entry('q3', 4, 0, ['TypeScript']),
      entry('q4', 10, 10),
    ];

    // Act
    const result = aggregateResult(scored, 0);

    // Assert
    expect(result.perSkill).toEqual([
      { skill: 'AWS', earned: 2, possible: 2, percentage: 100 },
      { skill: 'aws', earned: 1, possible: 2, percentage: 50 },
      { skill: 'TypeScript', earned: 2, possible: 6, percentage: 33.33 },
    ]);
    expect(result.possible).toBe(18);
  });

  it('counts a skill tagged twice on one question once', () => {
    // Act
    const result = aggregateResult([entry('q1', 3, 3, ['Go', 'Go'])], 0);

    // Assert
    expect(result.perSkill).toEqual([{ skill: 'Go', earned: 3, possible: 3, percentage: 100 }]);
  });

  it('counts the answered questions', () => {
    // Act
    const result = aggregateResult([entry('q1', 1, 0, [], { answered: false }), entry('q2', 1, 1)], 0);

    // Assert
    expect(result).toMatchObject({ questionCount: 2, answeredCount: 1 });
  });

  it('keeps what a question earned within 0 and its points', () => {
    // Act
    const result = aggregateResult([entry('q1', 1, 5), entry('q2', 1, -2)], 0);

    // Assert
    expect(result).toMatchObject({ earned: 1, possible: 2, percentage: 50 });
  });

  it('sums partial credits without floating point noise', () => {
    // Act
    const result = aggregateResult([entry('q1', 1, 0.1), entry('q2', 1, 0.2)], 0);

    // Assert
    expect(result.earned).toBe(0.3);
    expect(result.percentage).toBe(15);
  });

  it('refuses a passing score outside 0 to 100, naming it', () => {
    // Act
    const error = thrownBy(() => aggregateResult([], 101));

    // Assert
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors?.[0]?.field).toBe('passingScore');
  });

  it('returns what the Result view accepts', () => {
    // Act
    const result = aggregateResult([entry('q1', 1, 1, ['Go'])], 60);

    // Assert
    expect(Result.safeParse(result).success).toBe(true);
  });
});

describe('applyOverride', () => {
  const machine: QuestionScore = {
    questionId: 'qst_1',
    earned: 1.5,
    possible: 4,
    method: 'keywords',
    confidence: 0.4,
    needsReview: true,
    feedback: 'Covers 1 of 3 key points',
  };

  it('replaces the score with the reviewer’s, certain and reviewed, keeping the machine’s', () => {
    // Act
    const score = applyOverride(machine, 3.5, 'usr_bob', '  Explains backoff in other words. ');

    // Assert
    expect(score).toEqual({
      questionId: 'qst_1',
      earned: 3.5,
      possible: 4,
      method: 'manual',
      confidence: 1,
      needsReview: false,
      override: {
        by: 'usr_bob',
        reason: 'Explains backoff in other words.',
        machine: { earned: 1.5, method: 'keywords', confidence: 0.4 },
      },
    });
    expect(QuestionScore.safeParse(score).success).toBe(true);
  });

  it('keeps the first machine score through later overrides', () => {
    // Act
    const twice = applyOverride(applyOverride(machine, 3, 'usr_bob', 'First look'), 2, 'usr_carol', 'Second look');

    // Assert
    expect(twice.override).toEqual({
      by: 'usr_carol',
      reason: 'Second look',
      machine: { earned: 1.5, method: 'keywords', confidence: 0.4 },
    });
  });

  it('accepts 0 and the full points', () => {
    // Act & Assert
    expect(applyOverride(machine, 0, 'usr_bob', 'Wrong').earned).toBe(0);
    expect(applyOverride(machine, 4, 'usr_bob', 'Right').earned).toBe(4);
  });

  it.each([-0.5, 4.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s points, naming earned', (earned) => {
    // Act
    const error = thrownBy(() => applyOverride(machine, earned, 'usr_bob', 'Because'));

    // Assert
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors).toEqual([expect.objectContaining({ field: 'earned' })]);
  });

  it('requires a reason', () => {
    // Act
    const error = thrownBy(() => applyOverride(machine, 2, 'usr_bob', '   '));

    // Assert
    expect((error as ValidationError).errors?.[0]?.field).toBe('reason');
  });
});
