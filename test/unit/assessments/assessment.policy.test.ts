import { frozenFieldErrors, snapshotOf } from '@assist-ten/core/assessments/assessment.policy';
import { CreateAssessmentBody, UpdateAssessmentBody } from '@assist-ten/core/assessments/assessment.schema';
import { ValidationError } from '@assist-ten/core/shared/errors';
import { describe, expect, it } from 'vitest';
import { thrownBy } from '../support/factories.ts';

const question = (id: string, points = 1, skillTags: string[] = []) => ({ id, points, skillTags });

describe('snapshotOf', () => {
  it('freezes the questions of the sets in order, each once, with their points and skills', () => {
    // Arrange
    const sets = [
      { questions: [question('qst_a', 2, ['TypeScript']), question('qst_b', 1, ['Go'])] },
      { questions: [question('qst_b', 1, ['Go']), question('qst_c', 0.5, ['TypeScript', 'AWS'])] },
    ];

    // Act
    const snapshot = snapshotOf(sets);

    // Assert
    expect(snapshot).toEqual({
      questionIds: ['qst_a', 'qst_b', 'qst_c'],
      questionCount: 3,
      totalPoints: 3.5,
      skills: ['AWS', 'Go', 'TypeScript'],
    });
  });

  it('refuses sets without questions, naming questionSetIds', () => {
    // Act
    const error = thrownBy(() => snapshotOf([{ questions: [] }, { questions: [] }]));

    // Assert
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors).toEqual([
      expect.objectContaining({ field: 'questionSetIds', code: 'no_questions' }),
    ]);
  });

  it('refuses questions worth no points', () => {
    // Act
    const error = thrownBy(() => snapshotOf([{ questions: [question('qst_a', 0)] }]));

    // Assert
    expect((error as ValidationError).errors?.[0]?.code).toBe('no_points');
  });

  it('refuses more questions than an assessment holds', () => {
    // Arrange
    const many = Array.from({ length: 201 }, (_, index) => question(`qst_${index}`));

    // Act
    const error = thrownBy(() => snapshotOf([{ questions: many }]));

    // Assert
    expect((error as ValidationError).errors?.[0]?.code).toBe('too_many_questions');
  });
});

describe('frozenFieldErrors', () => {
  it('lets a draft change anything', () => {
    expect(frozenFieldErrors('draft', { durationMinutes: 10, questionSetIds: [] })).toEqual([]);
  });

  it('names every content field a published assessment keeps, and lets its settings change', () => {
    // Act
    const errors = frozenFieldErrors('published', {
      durationMinutes: 10,
      passingScore: 50,
      title: 'New',
      availableUntil: null,
    });

    // Assert
    expect(errors.map((error) => `${error.field}:${error.code}`)).toEqual([
      'durationMinutes:frozen',
      'passingScore:frozen',
    ]);
  });
});

describe('assessment schemas', () => {
  const valid = {
    title: 'Screen',
    requisitionId: 'req_01JDEM0000000000000000000A',
    questionSetIds: ['qset_01JDEM0000000000000000000A'],
    durationMinutes: 30,
  };

  it('fills in the defaults of a new assessment', () => {
    expect(CreateAssessmentBody.parse(valid)).toMatchObject({
      passingScore: 60,
      attemptsAllowed: 1,
      invitationValidDays: 7,
      shuffleQuestions: false,
      proctoring: { required: false, snapshotIntervalSeconds: 30, allowedEvents: [] },
    });
  });

  it('refuses an empty availability window, naming availableUntil', () => {
    // Act
    const result = CreateAssessmentBody.safeParse({
      ...valid,
      availableFrom: '2026-12-01T10:00:00Z',
      availableUntil: '2026-12-01T09:00:00Z',
    });

    // Assert
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['availableUntil']);
  });

  it('refuses a question set twice, a duration past 8 hours and an unknown proctoring event', () => {
    // Act
    const result = CreateAssessmentBody.safeParse({
      ...valid,
      questionSetIds: [valid.questionSetIds[0], valid.questionSetIds[0]],
      durationMinutes: 481,
      proctoring: { allowedEvents: ['teleport'] },
    });

    // Assert
    expect(result.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'durationMinutes',
      'proctoring.allowedEvents.0',
      'questionSetIds',
    ]);
  });

  it('takes null to clear a setting, and refuses an empty change', () => {
    expect(UpdateAssessmentBody.safeParse({ availableUntil: null }).success).toBe(true);
    expect(UpdateAssessmentBody.safeParse({}).success).toBe(false);
  });
});
