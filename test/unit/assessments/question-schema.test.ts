import {
  CreateQuestionBody,
  ReorderQuestionsBody,
  UpdateQuestionBody,
} from '@assist-ten/core/assessments/question.schema';
import { describe, expect, it } from 'vitest';

describe('CreateQuestionBody', () => {
  it('takes a question of any type with an optional order', () => {
    const result = CreateQuestionBody.safeParse({ type: 'true_false', prompt: 'Yes?', correctAnswer: true, order: 3 });

    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({ order: 3, points: 1 });
  });

  it('refuses a field the type does not have', () => {
    const result = CreateQuestionBody.safeParse({ type: 'numeric', prompt: 'n?', correctNumber: 1, options: [] });

    expect(result.success).toBe(false);
  });

  it('refuses an order below 1', () => {
    expect(
      CreateQuestionBody.safeParse({ type: 'true_false', prompt: 'Yes?', correctAnswer: true, order: 0 }).success,
    ).toBe(false);
  });
});

describe('UpdateQuestionBody', () => {
  it('applies no defaults: only what is sent changes', () => {
    const result = UpdateQuestionBody.safeParse({ prompt: 'New prompt' });

    expect(result.data).toEqual({ prompt: 'New prompt' });
  });

  it('refuses an empty body and unknown fields', () => {
    expect(UpdateQuestionBody.safeParse({}).success).toBe(false);
    expect(UpdateQuestionBody.safeParse({ prompt: 'x', answer: 'y' }).success).toBe(false);
  });

  it('keeps the bounds of the content schema', () => {
    expect(UpdateQuestionBody.safeParse({ points: 0.3 }).success).toBe(false);
    expect(UpdateQuestionBody.safeParse({ prompt: 'x'.repeat(5_001) }).success).toBe(false);
  });

  it('takes null for an optional field, to clear it', () => {
    expect(UpdateQuestionBody.safeParse({ explanation: null, timeHintSeconds: null }).success).toBe(true);
    expect(UpdateQuestionBody.safeParse({ prompt: null }).success).toBe(false);
  });
});

describe('ReorderQuestionsBody', () => {
  it('holds at most 200 ids', () => {
    const ids = (count: number) => Array.from({ length: count }, (_, index) => `qst_${index}`);

    expect(ReorderQuestionsBody.safeParse({ questionIds: ids(200) }).success).toBe(true);
    expect(ReorderQuestionsBody.safeParse({ questionIds: ids(201) }).success).toBe(false);
  });
});
