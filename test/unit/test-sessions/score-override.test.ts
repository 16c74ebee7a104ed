import { ConflictError, NotFoundError, ValidationError } from '@assist-ten/core/shared/errors';
import { ScoreOverrideBody } from '@assist-ten/core/test-sessions/results.schema';
import {
  decideOverride,
  type OverrideCase,
  type StoredAnswer,
  storedScoresOf,
} from '@assist-ten/core/test-sessions/score-override';
import type { QuestionScore } from '@assist-ten/core/test-sessions/scoring/score.schema';
import { rankKeyOf } from '@assist-ten/core/test-sessions/session-scoring';
import { describe, expect, it } from 'vitest';
import { thrownBy } from '../support/factories.ts';

const SESSION = 'tses_01JABCDEFGHJKMNPQRSTVWXYZ0';
const REVIEWER = 'usr_reviewer';

/** Ten points: 2 true/false, 3 single choice, 4 essay, 1 numeric nobody answered. */
const QUESTIONS = [
  { id: 'qst_tf', points: 2, skillTags: ['HTTP'] },
  { id: 'qst_choice', points: 3, skillTags: ['TypeScript'] },
  { id: 'qst_essay', points: 4, skillTags: ['Architecture'] },
  { id: 'qst_number', points: 1, skillTags: [] },
];

const aScore = (questionId: string, earned: number, possible: number, extra: Partial<QuestionScore> = {}) => ({
  questionId,
  earned,
  possible,
  method: 'exact' as const,
  confidence: 1,
  needsReview: false,
  ...extra,
});

const answered = (questionId: string, score: unknown): [string, StoredAnswer] => [
  questionId,
  { questionId, answeredAt: '2025-01-01T10:05:00.000Z', score },
];

/** 2 of 10 earned (20 %), the essay waiting for a person. */
const aCase = (overrides: Partial<OverrideCase> = {}): OverrideCase => ({
  session: { testSessionId: SESSION, status: 'scored' },
  questions: QUESTIONS,
  answers: new Map([
    answered('qst_tf', aScore('qst_tf', 2, 2)),
    answered('qst_choice', aScore('qst_choice', 0, 3)),
    answered(
      'qst_essay',
      aScore('qst_essay', 0, 4, {
        method: 'keywords',
        confidence: 0,
        needsReview: true,
        feedback: 'Awaiting review',
        rationale: 'No keywords to compare with',
      }),
    ),
  ]),
  passingScore: 60,
  ...overrides,
});

const override = (earned: number, questionId = 'qst_essay', input: Partial<OverrideCase> = {}) =>
  decideOverride(aCase(input), questionId, { earned, reason: 'Covers the trade-offs well' }, REVIEWER);

describe('storedScoresOf', () => {
  it('takes each answer score as stored and gives an unanswered question 0 of its points', () => {
    // Act
    const scored = storedScoresOf(QUESTIONS, aCase().answers);

    // Assert
    expect(
      scored.map(({ question, score, answered }) => [question.id, score.earned, score.possible, answered]),
    ).toEqual([
      ['qst_tf', 2, 2, true],
      ['qst_choice', 0, 3, true],
      ['qst_essay', 0, 4, true],
      ['qst_number', 0, 1, false],
    ]);
  });

  it('refuses an answer whose stored score cannot be read (a scored session always has them)', () => {
    // Arrange
    const answers = new Map([answered('qst_tf', { earned: 'all of them' })]);

    // Act
    const error = thrownBy(() => storedScoresOf(QUESTIONS, answers));

    // Assert
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('qst_tf');
  });
});

describe('decideOverride', () => {
  it("puts the reviewer's score in place and keeps the machine's inside the override", () => {
    // Act
    const { before, score } = override(3.5);

    // Assert
    expect(before).toMatchObject({ earned: 0, method: 'keywords', needsReview: true });
    expect(score).toEqual({
      questionId: 'qst_essay',
      earned: 3.5,
      possible: 4,
      method: 'manual',
      confidence: 1,
      needsReview: false,
      override: {
        by: REVIEWER,
        reason: 'Covers the trade-offs well',
        machine: { earned: 0, method: 'keywords', confidence: 0 },
      },
    });
  });

  it('recomputes the result from the stored scores with the new one, against the passing score', () => {
    // Act
    const failed = override(3.5).result;
    const passed = override(4).result;

    // Assert: (2 + 3.5) of 10 is below 60 %, (2 + 4) of 10 is exactly 60 %
    expect(failed).toMatchObject({ earned: 5.5, possible: 10, percentage: 55, passed: false, answeredCount: 3 });
    expect(passed).toMatchObject({ earned: 6, percentage: 60, passed: true, questionCount: 4, answeredCount: 3 });
    expect(passed.perSkill).toContainEqual({ skill: 'Architecture', earned: 4, possible: 4, percentage: 100 });
  });

  it('clears needsReview once the last answer waiting for a person is overridden', () => {
    // Act
    const { result } = override(1);

    // Assert
    expect(result.needsReview).toBe(false);
  });

  it('still needs review while another answer waits for a person', () => {
    // Arrange
    const answers = new Map(aCase().answers);
    answers.set(
      'qst_choice',
      answered('qst_choice', aScore('qst_choice', 1, 3, { method: 'model', confidence: 0.4, needsReview: true }))[1],
    );

    // Act
    const { result } = override(4, 'qst_essay', { answers });

    // Assert
    expect(result.needsReview).toBe(true);
  });

  it('keeps the first machine score when a manual score is overridden again', () => {
    // Arrange
    const first = override(2).score;
    const answers = new Map(aCase().answers);
    answers.set('qst_essay', answered('qst_essay', first)[1]);

    // Act
    const { before, score } = override(3, 'qst_essay', { answers });

    // Assert
    expect(before.method).toBe('manual');
    expect(score.override?.machine).toEqual({ earned: 0, method: 'keywords', confidence: 0 });
  });

  it('gives the rank key of the new percentage', () => {
    // Act
    const { rankKey } = override(4);

    // Assert
    expect(rankKey).toBe(rankKeyOf(60, SESSION));
    expect(rankKey).toBe(`04000#${SESSION}`);
  });

  it.each([-0.5, 4.01, Number.NaN])('refuses %s points for a 4-point question, naming earned', (earned) => {
    // Act
    const error = thrownBy(() => override(earned));

    // Assert
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors?.[0]).toMatchObject({ field: 'earned', code: 'out_of_range' });
  });

  it('keeps a score to two decimals', () => {
    // Act
    const { score } = override(1.005);

    // Assert
    expect(score.earned).toBe(1.01);
  });

  it.each(['in_progress', 'submitted'] as const)('refuses a session that is %s with a 409', (status) => {
    // Act
    const error = thrownBy(() => override(1, 'qst_essay', { session: { testSessionId: SESSION, status } }));

    // Assert
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).extensions).toMatchObject({ reason: 'not_scored', currentStatus: status });
  });

  it('refuses an unanswered question with a 409: there is nothing to score', () => {
    // Act
    const error = thrownBy(() => override(1, 'qst_number'));

    // Assert
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).extensions).toMatchObject({ reason: 'not_answered' });
  });

  it('does not find a question that is not part of the session', () => {
    // Act
    const error = thrownBy(() => override(1, 'qst_elsewhere'));

    // Assert
    expect(error).toBeInstanceOf(NotFoundError);
  });
});

describe('ScoreOverrideBody', () => {
  it('takes points and a trimmed reason', () => {
    // Act
    const body = ScoreOverrideBody.parse({ earned: 2.5, reason: '  Right idea  ' });

    // Assert
    expect(body).toEqual({ earned: 2.5, reason: 'Right idea' });
  });

  it.each([
    ['negative points', { earned: -1, reason: 'Why' }, 'earned'],
    ['more than any question is worth', { earned: 101, reason: 'Why' }, 'earned'],
    ['points as text', { earned: '2', reason: 'Why' }, 'earned'],
    ['no reason', { earned: 1 }, 'reason'],
    ['a blank reason', { earned: 1, reason: '   ' }, 'reason'],
    ['a reason over 1000 characters', { earned: 1, reason: 'x'.repeat(1001) }, 'reason'],
    ['an unknown field', { earned: 1, reason: 'Why', method: 'manual' }, ''],
  ])('refuses %s', (_, body, field) => {
    // Act
    const parsed = ScoreOverrideBody.safeParse(body);

    // Assert
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path.join('.')).toBe(field);
  });
});
