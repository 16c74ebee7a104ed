import {
  type QuestionContent,
  QuestionContent as QuestionContentSchema,
} from '@assist-ten/core/assessments/question.content';
import {
  assertQuestionSetManager,
  patchedContent,
  questionEditMode,
  questionRemovalMode,
  validContent,
} from '@assist-ten/core/assessments/question.policy';
import { ForbiddenError } from '@assist-ten/core/shared/errors';
import { describe, expect, it } from 'vitest';
import { aPrincipal, thrownBy } from '../support/factories.ts';

const singleChoice: QuestionContent = QuestionContentSchema.parse({
  type: 'single_choice',
  prompt: 'Which status code means Created?',
  explanation: '201 is Created.',
  options: [
    { id: 'a', text: '200' },
    { id: 'b', text: '201' },
  ],
  correctOptionIds: ['b'],
});

const trueFalse: QuestionContent = QuestionContentSchema.parse({
  type: 'true_false',
  prompt: 'The sky is green.',
  correctAnswer: false,
});

const fields = (errors: { field: string; code: string }[] | undefined) =>
  (errors ?? []).map(({ field, code }) => `${field}:${code}`);

describe('questionEditMode and questionRemovalMode', () => {
  it('edits in place and deletes for good while the set is unlocked', () => {
    expect(questionEditMode({ locked: false })).toBe('in_place');
    expect(questionRemovalMode({ locked: false })).toBe('delete');
  });

  it('makes a new revision and retires once the set is locked', () => {
    expect(questionEditMode({ locked: true })).toBe('new_revision');
    expect(questionRemovalMode({ locked: true })).toBe('retire');
  });
});

describe('assertQuestionSetManager', () => {
  it('lets recruiters and admins through', () => {
    expect(() => assertQuestionSetManager(aPrincipal({ roles: ['recruiter'] }))).not.toThrow();
    expect(() => assertQuestionSetManager(aPrincipal({ roles: ['admin'] }))).not.toThrow();
  });

  it('refuses an interviewer with a 403', () => {
    const error = thrownBy(() => assertQuestionSetManager(aPrincipal({ roles: ['interviewer'] })));

    expect(error).toBeInstanceOf(ForbiddenError);
  });
});

describe('validContent', () => {
  it('names the nested field that is wrong', () => {
    const outcome = validContent({
      ...singleChoice,
      options: [
        { id: 'a', text: '200' },
        { id: 'b', text: '' },
      ],
    });

    expect(fields(outcome.errors)).toContain('options.1.text:too_small');
  });

  it('names correctOptionIds when it points at no option', () => {
    const outcome = validContent({ ...singleChoice, correctOptionIds: ['z'] });

    expect(fields(outcome.errors)).toEqual(['correctOptionIds:custom']);
  });

  it('refuses a numeric answer DynamoDB cannot store, naming the field', () => {
    const numeric = { type: 'numeric', prompt: 'How small?', correctNumber: 1e-200, tolerance: 1e200 };

    expect(fields(validContent(numeric).errors)).toEqual(['correctNumber:custom', 'tolerance:custom']);
    expect(validContent({ ...numeric, correctNumber: -0.25, tolerance: 0 }).errors).toBeUndefined();
  });

  it('fills in the defaults of a valid question', () => {
    const outcome = validContent({ type: 'true_false', prompt: 'Yes?', correctAnswer: true });

    expect(outcome.content).toMatchObject({ points: 1, difficulty: 'medium', skillTags: [] });
  });
});

describe('patchedContent', () => {
  it('changes the fields sent and names them', () => {
    // Act
    const outcome = patchedContent(singleChoice, { prompt: 'Which code means Created?', points: 2 });

    // Assert
    expect(outcome.errors).toBeUndefined();
    expect(outcome.content).toMatchObject({ prompt: 'Which code means Created?', points: 2, correctOptionIds: ['b'] });
    expect(outcome.changedFields).toEqual(['points', 'prompt']);
  });

  it('reports no changed fields when the values are the ones the question has', () => {
    const outcome = patchedContent(singleChoice, { prompt: singleChoice.prompt, type: 'single_choice' });

    expect(outcome.changedFields).toEqual([]);
  });

  it('refuses a change of type: another type is a new question', () => {
    const outcome = patchedContent(singleChoice, { type: 'multiple_choice' });

    expect(fields(outcome.errors)).toEqual(['type:type_change']);
  });

  it('names a field the question type does not have', () => {
    const outcome = patchedContent(trueFalse, {
      options: [
        { id: 'a', text: 'x' },
        { id: 'b', text: 'y' },
      ],
    });

    expect(fields(outcome.errors)).toEqual(['options:not_allowed']);
  });

  it('checks the question as it will be: new options must still hold the correct one', () => {
    const outcome = patchedContent(singleChoice, {
      options: [
        { id: 'x', text: 'Yes' },
        { id: 'y', text: 'No' },
      ],
    });

    expect(fields(outcome.errors)).toEqual(['correctOptionIds:custom']);
  });

  it('refuses two correct options for a single-choice question', () => {
    const outcome = patchedContent(singleChoice, { correctOptionIds: ['a', 'b'] });

    expect(fields(outcome.errors)).toEqual(['correctOptionIds:too_big']);
  });

  it('clears an optional field sent as null', () => {
    const outcome = patchedContent(singleChoice, { explanation: null });

    expect(outcome.content).not.toHaveProperty('explanation');
    expect(outcome.changedFields).toEqual(['explanation']);
  });
});
