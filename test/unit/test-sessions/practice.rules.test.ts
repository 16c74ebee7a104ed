import type { QuestionContent } from '@assist-ten/core/assessments/question.content';
import { newQuestionWrite } from '@assist-ten/core/assessments/question.item';
import { ConflictError, ForbiddenError } from '@assist-ten/core/shared/errors';
import type { AnswerItem } from '@assist-ten/core/test-sessions/answer.entity';
import {
  assertCanPractise,
  assertPracticeOpen,
  correctAnswerOf,
  isOwnPractice,
  PRACTICE_PASSING_SCORE,
  practiceFeedback,
  practiceResult,
  streakAfterPractice,
} from '@assist-ten/core/test-sessions/practice.service';
import type { QuestionScore } from '@assist-ten/core/test-sessions/scoring/score.schema';
import type { TextScorer } from '@assist-ten/core/test-sessions/scoring/text-scorer';
import { describe, expect, it, vi } from 'vitest';
import { aPrincipal, thrownBy } from '../support/factories.ts';
import {
  aCoding,
  aLongText,
  aMultipleChoice,
  aNumeric,
  aShortText,
  aSingleChoice,
  aTrueFalse,
} from './scoring/question-fixtures.ts';

const aScore = (fields: Partial<QuestionScore> = {}): QuestionScore => ({
  earned: 1,
  possible: 1,
  method: 'exact',
  confidence: 1,
  needsReview: false,
  feedback: 'Correct',
  ...fields,
});

const questionItem = (questionId: string, content: QuestionContent, order = 1) =>
  newQuestionWrite(aPrincipal(), { questionId, questionSetId: 'qset_practice', content, order }).item;

const answerItem = (questionId: string, fields: Partial<AnswerItem> = {}): AnswerItem => ({
  tenantId: 'tnt_demo',
  testSessionId: 'tses_practice',
  questionId,
  response: { type: 'true_false', value: true },
  answeredAt: '2026-03-01T10:00:00.000Z',
  ...fields,
});

/** A scorer that must not be reached: settled answers never need one. */
const unreachableScorer = (): TextScorer => ({
  kind: 'local',
  score: vi.fn(async () => {
    throw new Error('the scorer was called');
  }),
});

describe('assertCanPractise', () => {
  it.each(['recruiter', 'interviewer', 'admin'] as const)('lets a %s practise', (role) => {
    // Act
    const thrown = thrownBy(() => assertCanPractise(aPrincipal({ roles: [role] })), { orNothing: true });

    // Assert
    expect(thrown).toBeUndefined();
  });

  it('refuses the superadmin, who belongs to no customer tenant', () => {
    // Act
    const thrown = thrownBy(() => assertCanPractise(aPrincipal({ roles: ['superadmin'] })));

    // Assert
    expect(thrown).toBeInstanceOf(ForbiddenError);
  });
});

describe('isOwnPractice', () => {
  it('knows a practice session of the caller', () => {
    // Act
    const own = isOwnPractice({ kind: 'practice', ownerId: 'usr_alice' }, { userId: 'usr_alice' });

    // Assert
    expect(own).toBe(true);
  });

  it("refuses another user's practice and a candidate's assessment session", () => {
    // Act
    const others = isOwnPractice({ kind: 'practice', ownerId: 'usr_bob' }, { userId: 'usr_alice' });
    const candidates = isOwnPractice({ kind: 'assessment', ownerId: 'usr_alice' }, { userId: 'usr_alice' });

    // Assert
    expect([others, candidates]).toEqual([false, false]);
  });
});

describe('assertPracticeOpen', () => {
  it('lets answers change while the session is in progress', () => {
    // Act
    const thrown = thrownBy(() => assertPracticeOpen({ testSessionId: 'tses_1', status: 'in_progress' }), {
      orNothing: true,
    });

    // Assert
    expect(thrown).toBeUndefined();
  });

  it.each(['submitted', 'scored'] as const)('is a 409 naming the reason once %s', (status) => {
    // Act
    const thrown = thrownBy(() => assertPracticeOpen({ testSessionId: 'tses_1', status }));

    // Assert
    expect(thrown).toBeInstanceOf(ConflictError);
    expect((thrown as ConflictError).extensions).toEqual({ reason: 'practice_completed' });
  });
});

describe('correctAnswerOf', () => {
  it('shows the right option of a single choice', () => {
    // Act
    const key = correctAnswerOf(aSingleChoice());

    // Assert
    expect(key).toEqual({ type: 'single_choice', optionId: 'b' });
  });

  it('shows every right option of a multiple choice', () => {
    // Act
    const key = correctAnswerOf(aMultipleChoice());

    // Assert
    expect(key).toEqual({ type: 'multiple_choice', optionIds: ['a', 'b', 'c'] });
  });

  it('shows the value of a true/false and of a numeric question, with its tolerance', () => {
    // Act
    const trueFalse = correctAnswerOf(aTrueFalse({ correctAnswer: false }));
    const numeric = correctAnswerOf(aNumeric({ correctNumber: 3.14, tolerance: 0.01 }));

    // Assert
    expect(trueFalse).toEqual({ type: 'true_false', value: false });
    expect(numeric).toEqual({ type: 'numeric', value: 3.14, tolerance: 0.01 });
  });

  it('shows the accepted answers of a short text, and nothing when it has none', () => {
    // Act
    const accepted = correctAnswerOf(aShortText({ acceptedAnswers: ['PUT'] }));
    const none = correctAnswerOf(aShortText({ keywords: [{ term: 'PUT', weight: 1 }] }));

    // Assert
    expect(accepted).toEqual({ type: 'short_text', acceptedAnswers: ['PUT'] });
    expect(none).toBeUndefined();
  });

  it('never shows the rubric, keywords or reference answer of a long text or coding question', () => {
    // Arrange
    const key = { rubric: 'Secret rubric', expectedAnswer: 'Secret answer', keywords: [{ term: 'secret', weight: 1 }] };

    // Act
    const longText = correctAnswerOf(aLongText(key));
    const coding = correctAnswerOf(aCoding(key));

    // Assert
    expect([longText, coding]).toEqual([undefined, undefined]);
  });
});

describe('practiceFeedback', () => {
  it('calls full marks correct and adds the explanation and the key', () => {
    // Act
    const feedback = practiceFeedback(aSingleChoice({ explanation: '201 means created.' }), aScore());

    // Assert
    expect(feedback).toEqual({
      score: { earned: 1, possible: 1, correct: true, feedback: 'Correct' },
      explanation: '201 means created.',
      correctAnswer: { type: 'single_choice', optionId: 'b' },
    });
  });

  it('does not call a partly right answer correct', () => {
    // Act
    const feedback = practiceFeedback(
      aMultipleChoice({ points: 3 }),
      aScore({ earned: 2, possible: 3, method: 'partial', feedback: '2 of 3 correct options' }),
    );

    // Assert
    expect(feedback.score).toEqual({ earned: 2, possible: 3, correct: false, feedback: '2 of 3 correct options' });
    expect(feedback.explanation).toBeUndefined();
  });

  it.each([
    [0, 'Incorrect'],
    [0.5, 'Partly correct'],
    [1, 'Correct'],
  ])('says something when the scorer gave no feedback (earned %s)', (earned, expected) => {
    // Act
    const feedback = practiceFeedback(aTrueFalse(), aScore({ earned, feedback: undefined }));

    // Assert
    expect(feedback.score.feedback).toBe(expected);
  });

  it('keeps a reviewer-only rationale out of what the user sees', () => {
    // Act
    const feedback = practiceFeedback(
      aLongText({ points: 5 }),
      aScore({ earned: 4, possible: 5, method: 'model', rationale: 'Quotes the rubric' }),
    );

    // Assert
    expect(JSON.stringify(feedback)).not.toContain('rubric');
    expect(feedback.correctAnswer).toBeUndefined();
  });
});

describe('practiceResult', () => {
  it('adds up the scores the answers got when they were given, per skill', async () => {
    // Arrange
    const questions = [
      questionItem('qst_1', aSingleChoice({ skillTags: ['HTTP'] }), 1),
      questionItem('qst_2', aTrueFalse({ skillTags: ['DynamoDB'] }), 2),
    ];
    const answers = new Map([
      ['qst_1', answerItem('qst_1', { score: aScore({ questionId: 'qst_1' }) })],
      ['qst_2', answerItem('qst_2', { score: aScore({ questionId: 'qst_2', earned: 0, feedback: 'Incorrect' }) })],
    ]);

    // Act
    const result = await practiceResult(questions, answers, unreachableScorer());

    // Assert
    expect(result).toMatchObject({ earned: 1, possible: 2, percentage: 50, questionCount: 2, answeredCount: 2 });
    expect(result.perSkill.map(({ skill, earned }) => [skill, earned])).toEqual([
      ['DynamoDB', 0],
      ['HTTP', 1],
    ]);
  });

  it('scores an unanswered question, text ones too, as 0 without asking the configured scorer', async () => {
    // Arrange
    const questions = [questionItem('qst_1', aTrueFalse(), 1), questionItem('qst_2', aLongText({ points: 4 }), 2)];

    // Act
    const result = await practiceResult(questions, new Map(), unreachableScorer());

    // Assert
    expect(result).toMatchObject({ earned: 0, possible: 5, answeredCount: 0, questionCount: 2, needsReview: false });
  });

  it('asks the configured scorer about an answered text question that has no stored score', async () => {
    // Arrange
    const scorer = unreachableScorer();
    const questions = [questionItem('qst_1', aLongText({ points: 4 }), 1)];
    const answers = new Map([['qst_1', answerItem('qst_1', { response: { type: 'long_text', text: 'An answer' } })]]);

    // Act
    const thrown = await practiceResult(questions, answers, scorer).catch((error: unknown) => error);

    // Assert
    expect(thrown).toEqual(new Error('the scorer was called'));
    expect(scorer.score).toHaveBeenCalledTimes(1);
  });

  it('scores again an answer whose stored score cannot be read', async () => {
    // Arrange
    const questions = [questionItem('qst_1', aTrueFalse({ correctAnswer: true }), 1)];
    const answers = new Map([['qst_1', answerItem('qst_1', { score: { earned: 'lots' } })]]);

    // Act
    const result = await practiceResult(questions, answers, unreachableScorer());

    // Assert
    expect(result).toMatchObject({ earned: 1, possible: 1, answeredCount: 1 });
  });

  it('passes at the documented practice bar and not below it', async () => {
    // Arrange
    const questions = Array.from({ length: 10 }, (_, index) => questionItem(`qst_${index}`, aTrueFalse(), index + 1));
    const answersFor = (right: number) =>
      new Map(
        questions.map((question, index) => [
          question.questionId,
          answerItem(question.questionId, { score: aScore({ earned: index < right ? 1 : 0 }) }),
        ]),
      );

    // Act
    const atBar = await practiceResult(questions, answersFor(PRACTICE_PASSING_SCORE / 10), unreachableScorer());
    const below = await practiceResult(questions, answersFor(PRACTICE_PASSING_SCORE / 10 - 1), unreachableScorer());

    // Assert
    expect(PRACTICE_PASSING_SCORE).toBe(60);
    expect([atBar.passed, below.passed]).toEqual([true, false]);
  });
});

describe('streakAfterPractice', () => {
  const user = (fields: object = {}) => ({ timezone: 'Europe/Berlin', ...fields });

  it('starts a streak of 1 for a user from before practice existed (no counters stored)', () => {
    // Act
    const streak = streakAfterPractice(user(), new Date('2026-03-01T10:00:00Z'));

    // Assert
    expect(streak).toEqual({
      before: { currentStreak: 0, longestStreak: 0, lastPracticeDate: undefined },
      after: { currentStreak: 1, longestStreak: 1, lastPracticeDate: '2026-03-01' },
      changed: true,
    });
  });

  it('writes nothing for a second practice on the same day in the user’s zone', () => {
    // Arrange: 23:30 UTC on 1 March is already 2 March in Berlin
    const stored = user({ currentStreak: 3, longestStreak: 5, lastPracticeDate: '2026-03-02' });

    // Act
    const streak = streakAfterPractice(stored, new Date('2026-03-01T23:30:00Z'));

    // Assert
    expect(streak.after).toEqual({ currentStreak: 3, longestStreak: 5, lastPracticeDate: '2026-03-02' });
    expect(streak.changed).toBe(false);
  });

  it('adds a day on the next day and raises the longest streak with it', () => {
    // Arrange
    const stored = user({ currentStreak: 5, longestStreak: 5, lastPracticeDate: '2026-03-01' });

    // Act
    const streak = streakAfterPractice(stored, new Date('2026-03-02T08:00:00Z'));

    // Assert
    expect(streak.after).toEqual({ currentStreak: 6, longestStreak: 6, lastPracticeDate: '2026-03-02' });
    expect(streak.changed).toBe(true);
  });

  it('starts again at 1 after a missed day, keeping the longest', () => {
    // Arrange
    const stored = user({ currentStreak: 4, longestStreak: 9, lastPracticeDate: '2026-03-01' });

    // Act
    const streak = streakAfterPractice(stored, new Date('2026-03-03T08:00:00Z'));

    // Assert
    expect(streak.after).toEqual({ currentStreak: 1, longestStreak: 9, lastPracticeDate: '2026-03-03' });
  });
});
