import {
  isWithinTolerance,
  multipleChoiceCredit,
  scoreObjective,
} from '@assist-ten/core/test-sessions/scoring/objective-scoring';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aMultipleChoice, aNumeric, aSingleChoice, aTrueFalse } from './question-fixtures.ts';

describe('scoreObjective', () => {
  describe('single choice', () => {
    it('gives full points, exactly and surely, for the correct option', () => {
      // Arrange
      const question = { ...aSingleChoice({ points: 2 }), id: 'qst_1' };

      // Act
      const score = scoreObjective(question, { type: 'single_choice', optionId: 'b' });

      // Assert
      expect(score).toEqual({
        questionId: 'qst_1',
        earned: 2,
        possible: 2,
        method: 'exact',
        confidence: 1,
        needsReview: false,
        feedback: 'Correct',
      });
    });

    it('gives nothing for another option, or for an id that is not an option', () => {
      // Arrange
      const question = aSingleChoice();

      // Act
      const wrong = scoreObjective(question, { type: 'single_choice', optionId: 'a' });
      const unknown = scoreObjective(question, { type: 'single_choice', optionId: 'zz' });

      // Assert
      expect(wrong).toMatchObject({ earned: 0, possible: 1, feedback: 'Incorrect', needsReview: false });
      expect(unknown.earned).toBe(0);
      expect(wrong.questionId).toBeUndefined();
    });
  });

  describe('true/false', () => {
    it('gives full points only for the keyed value', () => {
      // Arrange
      const question = aTrueFalse({ correctAnswer: false, points: 1.5 });

      // Act
      const right = scoreObjective(question, { type: 'true_false', value: false });
      const wrong = scoreObjective(question, { type: 'true_false', value: true });

      // Assert
      expect(right.earned).toBe(1.5);
      expect(wrong.earned).toBe(0);
    });
  });

  describe('no answer', () => {
    it.each([
      ['single choice', aSingleChoice()],
      ['multiple choice', aMultipleChoice()],
      ['true/false', aTrueFalse()],
      ['numeric', aNumeric()],
    ])('scores a skipped %s question 0, surely, without an error', (_name, question) => {
      // Act
      const score = scoreObjective(question, undefined);

      // Assert
      expect(score).toMatchObject({
        earned: 0,
        possible: 1,
        confidence: 1,
        needsReview: false,
        feedback: 'Not answered',
      });
    });

    it('scores an answer of another type as not answered', () => {
      // Act
      const score = scoreObjective(aTrueFalse({ correctAnswer: true }), { type: 'numeric', value: 1 });

      // Assert
      expect(score).toMatchObject({ earned: 0, feedback: 'Not answered' });
    });
  });

  describe('numeric', () => {
    it('accepts a value within the tolerance, on either side and at its edge', () => {
      // Arrange
      const question = aNumeric({ correctNumber: 10, tolerance: 0.5 });

      // Act
      const earned = [9.5, 9.7, 10, 10.5].map((value) => scoreObjective(question, { type: 'numeric', value }).earned);
      const outside = [9.49, 10.51].map((value) => scoreObjective(question, { type: 'numeric', value }).earned);

      // Assert
      expect(earned).toEqual([1, 1, 1, 1]);
      expect(outside).toEqual([0, 0]);
    });

    it('absorbs floating point error: 0.1 + 0.2 is 0.3 with no tolerance', () => {
      // Arrange
      const question = aNumeric({ correctNumber: 0.3 });

      // Act
      const score = scoreObjective(question, { type: 'numeric', value: 0.1 + 0.2 });

      // Assert
      expect(score.earned).toBe(1);
    });

    it('keeps the slack tiny: a near miss is still wrong, for small and for large numbers', () => {
      // Act
      const small = scoreObjective(aNumeric({ correctNumber: 0.3 }), { type: 'numeric', value: 0.3001 });
      const large = scoreObjective(aNumeric({ correctNumber: 1_000_000 }), { type: 'numeric', value: 1_000_001 });

      // Assert
      expect(small.earned).toBe(0);
      expect(large.earned).toBe(0);
    });

    it('never counts NaN or an infinity as correct', () => {
      // Act
      const results = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY].map((value) =>
        isWithinTolerance(value, 42, 1e308),
      );

      // Assert
      expect(results).toEqual([false, false, false]);
      expect(scoreObjective(aNumeric(), { type: 'numeric', value: Number.NaN }).earned).toBe(0);
    });

    it('handles negative numbers', () => {
      // Act
      const score = scoreObjective(aNumeric({ correctNumber: -3.25, tolerance: 0.01 }), {
        type: 'numeric',
        value: -3.26,
      });

      // Assert
      expect(score.earned).toBe(1);
    });
  });

  describe('multiple choice', () => {
    const question = aMultipleChoice({ points: 3 });
    const chose = (...optionIds: string[]) => scoreObjective(question, { type: 'multiple_choice', optionIds });

    it('gives full points for exactly the correct set, in any order', () => {
      // Act
      const score = chose('c', 'a', 'b');

      // Assert
      expect(score).toMatchObject({ earned: 3, possible: 3, method: 'partial', feedback: 'Correct', confidence: 1 });
    });

    it('gives a share per correct option chosen', () => {
      // Act
      const score = chose('a', 'b');

      // Assert: 3 x 2/3
      expect(score).toMatchObject({ earned: 2, feedback: '2 of 3 correct options' });
    });

    it('lets each wrong pick cancel a right one', () => {
      // Act
      const score = chose('a', 'b', 'd');

      // Assert: 3 x (2 - 1)/3
      expect(score).toMatchObject({ earned: 1, feedback: '2 of 3 correct options, 1 wrong' });
    });

    it('gives nothing for choosing every option when the wrong ones cancel the right ones', () => {
      // Arrange
      const evenly = aMultipleChoice({
        options: [1, 2, 3, 4].map((n) => ({ id: `o${n}`, text: `${n}` })),
        correctOptionIds: ['o1', 'o2'],
      });

      // Act
      const score = scoreObjective(evenly, { type: 'multiple_choice', optionIds: ['o1', 'o2', 'o3', 'o4'] });

      // Assert
      expect(score.earned).toBe(0);
    });

    it('never goes below 0 when wrong picks outnumber right ones', () => {
      // Act
      const score = chose('d', 'e', 'a');

      // Assert
      expect(score).toMatchObject({ earned: 0, feedback: '1 of 3 correct options, 2 wrong' });
    });

    it('gives nothing for choosing nothing', () => {
      // Act
      const score = chose();

      // Assert
      expect(score).toMatchObject({ earned: 0, feedback: '0 of 3 correct options' });
    });

    it('rounds to two decimals', () => {
      // Arrange
      const oneOfThree = aMultipleChoice({ points: 1 });

      // Act
      const score = scoreObjective(oneOfThree, { type: 'multiple_choice', optionIds: ['a'] });

      // Assert
      expect(score.earned).toBe(0.33);
    });

    it('counts an unknown option id as a wrong pick and a repeated id once', () => {
      // Act
      const credit = multipleChoiceCredit(3, ['a', 'b', 'c'], ['a', 'a', 'b', 'zz']);

      // Assert
      expect(credit).toEqual({ earned: 1, correctChosen: 2, wrongChosen: 1, correctCount: 3 });
    });

    it('says "option" for a single correct option', () => {
      // Arrange
      const single = aMultipleChoice({ correctOptionIds: ['a'] });

      // Act
      const score = scoreObjective(single, { type: 'multiple_choice', optionIds: ['b'] });

      // Assert
      expect(score.feedback).toBe('0 of 1 correct option, 1 wrong');
    });
  });
});

describe('multiple choice partial credit (properties)', () => {
  const OPTION_IDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
  /** A question: its points, its correct ids (at least one), and a choice of the options. */
  const scenario = fc
    .record({
      halves: fc.integer({ min: 1, max: 200 }),
      optionCount: fc.integer({ min: 2, max: 10 }),
      correctMask: fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
      chosenMask: fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
    })
    .map(({ halves, optionCount, correctMask, chosenMask }) => {
      const ids = OPTION_IDS.slice(0, optionCount);
      const marked = ids.filter((_, index) => correctMask[index]);
      return {
        points: halves / 2,
        ids,
        correct: marked.length > 0 ? marked : [ids[0] as string],
        chosen: ids.filter((_, index) => chosenMask[index]),
      };
    });

  it('is never negative and never above the points', () => {
    fc.assert(
      fc.property(scenario, ({ points, correct, chosen }) => {
        const { earned } = multipleChoiceCredit(points, correct, chosen);
        return earned >= 0 && earned <= points;
      }),
    );
  });

  it('earns full points if and only if exactly the correct set is chosen', () => {
    fc.assert(
      fc.property(scenario, ({ points, correct, chosen }) => {
        const exact = chosen.length === correct.length && correct.every((id) => chosen.includes(id));
        return (multipleChoiceCredit(points, correct, chosen).earned === points) === exact;
      }),
    );
  });

  it('never earns less for one more correct pick', () => {
    fc.assert(
      fc.property(scenario, fc.nat(), ({ points, correct, chosen }, pick) => {
        const missing = correct.filter((id) => !chosen.includes(id));
        fc.pre(missing.length > 0);
        const added = [...chosen, missing[pick % missing.length] as string];
        const before = multipleChoiceCredit(points, correct, chosen);
        const after = multipleChoiceCredit(points, correct, added);
        // Strictly more unless the wrong picks still cancel everything.
        return before.correctChosen >= before.wrongChosen
          ? after.earned > before.earned
          : after.earned >= before.earned;
      }),
    );
  });

  it('never earns more for one more wrong pick', () => {
    fc.assert(
      fc.property(scenario, fc.nat(), ({ points, ids, correct, chosen }, pick) => {
        const wrong = ids.filter((id) => !correct.includes(id) && !chosen.includes(id));
        fc.pre(wrong.length > 0);
        const added = [...chosen, wrong[pick % wrong.length] as string];
        return (
          multipleChoiceCredit(points, correct, added).earned <= multipleChoiceCredit(points, correct, chosen).earned
        );
      }),
    );
  });

  it('earns nothing for choosing nothing, and at most what the wrong picks leave for choosing everything', () => {
    fc.assert(
      fc.property(scenario, ({ points, ids, correct }) => {
        const none = multipleChoiceCredit(points, correct, []).earned;
        const all = multipleChoiceCredit(points, correct, ids).earned;
        const wrongCount = ids.length - correct.length;
        const expected = Math.max(0, (correct.length - wrongCount) / correct.length) * points;
        // Rounded to hundredths: within half a hundredth, give or take the float error of the rounding.
        return none === 0 && Math.abs(all - expected) <= 0.005 + 1e-9;
      }),
    );
  });

  it('is given in hundredths', () => {
    fc.assert(
      fc.property(scenario, ({ points, correct, chosen }) => {
        const { earned } = multipleChoiceCredit(points, correct, chosen);
        return Math.abs(earned * 100 - Math.round(earned * 100)) < 1e-9;
      }),
    );
  });
});
