import { QuestionContent } from '@assist-ten/core/assessments/question.content';
import { ValidationError } from '@assist-ten/core/shared/errors';
import { seededOrder } from '@assist-ten/core/shared/seeded-order';
import { deadlineOf } from '@assist-ten/core/test-sessions/candidate-session.service';
import { answersCutoff, isPastDeadline } from '@assist-ten/core/test-sessions/session-finish';
import { assertAnswerFits } from '@assist-ten/core/test-sessions/session-questions';
import { outcomeOf, rankKeyOf } from '@assist-ten/core/test-sessions/session-scoring';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thrownBy } from '../support/factories.ts';

const result = (percentage: number, passed: boolean, needsReview: boolean) => ({
  earned: percentage,
  possible: 100,
  percentage,
  passed,
  needsReview,
  perSkill: [],
  questionCount: 1,
  answeredCount: 1,
});

describe('deadlines', () => {
  it('ends a session after its duration, or when the assessment closes if that is sooner', () => {
    const now = '2026-11-25T10:00:00.000Z';

    expect(deadlineOf({ durationMinutes: 45, availableUntil: undefined }, now)).toBe('2026-11-25T10:45:00.000Z');
    expect(deadlineOf({ durationMinutes: 45, availableUntil: '2026-11-25T10:20:00.000Z' }, now)).toBe(
      '2026-11-25T10:20:00.000Z',
    );
  });

  it('counts answers until the deadline plus five seconds of grace, or the submission if earlier', () => {
    const deadline = '2026-11-25T10:45:00.000Z';

    expect(answersCutoff({ deadline, submittedAt: undefined })).toBe('2026-11-25T10:45:05.000Z');
    expect(answersCutoff({ deadline, submittedAt: '2026-11-25T10:30:00.000Z' })).toBe('2026-11-25T10:30:00.000Z');
    expect(answersCutoff({ deadline, submittedAt: '2026-11-25T11:00:00.000Z' })).toBe('2026-11-25T10:45:05.000Z');
    expect(answersCutoff({ deadline: undefined, submittedAt: undefined })).toBeUndefined();
  });

  it('is past the deadline only after the grace, and never for a session without one', () => {
    const deadline = '2026-11-25T10:45:00.000Z';

    expect(isPastDeadline({ deadline }, '2026-11-25T10:45:05.000Z')).toBe(false);
    expect(isPastDeadline({ deadline }, '2026-11-25T10:45:05.001Z')).toBe(true);
    expect(isPastDeadline({ deadline: undefined }, '2099-01-01T00:00:00.000Z')).toBe(false);
  });
});

describe('ranking and outcome', () => {
  it('sorts rank keys best first, whatever the percentages', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: 0, max: 10_000 }).map((hundredths) => hundredths / 100),
          { minLength: 2 },
        ),
        (percentages) => {
          const keys = percentages.map((percentage, index) => ({
            percentage,
            key: rankKeyOf(percentage, `tses_${String(index).padStart(4, '0')}`),
          }));
          const sorted = [...keys].sort((a, b) => (a.key < b.key ? -1 : 1));
          return sorted.every(
            (entry, index) => index === 0 || (sorted[index - 1]?.percentage ?? 0) >= entry.percentage,
          );
        },
      ),
    );
  });

  it('advances a clear pass and sends everything else to review', () => {
    expect(outcomeOf(result(80, true, false))).toBe('advanced');
    expect(outcomeOf(result(80, true, true))).toBe('review');
    expect(outcomeOf(result(20, false, false))).toBe('review');
  });
});

describe('seededOrder', () => {
  it('gives the same order for the same seed, another for another seed, and loses nothing', () => {
    const ids = Array.from({ length: 20 }, (_, index) => `qst_${index}`);

    const first = seededOrder('tses_a', ids, (id) => id);

    expect(seededOrder('tses_a', ids, (id) => id)).toEqual(first);
    expect(seededOrder('tses_b', ids, (id) => id)).not.toEqual(first);
    expect([...first].sort()).toEqual([...ids].sort());
  });
});

describe('assertAnswerFits', () => {
  const choice = QuestionContent.parse({
    type: 'multiple_choice',
    prompt: 'Pick',
    options: [
      { id: 'a', text: 'A' },
      { id: 'b', text: 'B' },
    ],
    correctOptionIds: ['a'],
  });

  it('takes an answer of the question’s type that names its options', () => {
    expect(() => assertAnswerFits(choice, { type: 'multiple_choice', optionIds: ['b', 'a'] })).not.toThrow();
  });

  it('refuses another type, naming type, and an unknown option, naming its position', () => {
    const wrongType = thrownBy(() => assertAnswerFits(choice, { type: 'true_false', value: true }));
    const unknown = thrownBy(() => assertAnswerFits(choice, { type: 'multiple_choice', optionIds: ['a', 'z'] }));

    expect(wrongType).toBeInstanceOf(ValidationError);
    expect((wrongType as ValidationError).errors?.[0]?.field).toBe('type');
    expect((unknown as ValidationError).errors?.[0]).toMatchObject({ field: 'optionIds.1', code: 'unknown_option' });
  });
});
