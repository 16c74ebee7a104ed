import type { AnswerResponse } from '@assist-ten/core/assessments/question.content';
import { emptiedResponse, holdsWords, scoreWithoutWords } from '@assist-ten/core/test-sessions/answer-erasure';
import type { QuestionScore } from '@assist-ten/core/test-sessions/scoring/score.schema';
import { describe, expect, it } from 'vitest';

const modelScore: QuestionScore = {
  earned: 3,
  possible: 5,
  method: 'model',
  confidence: 0.8,
  needsReview: false,
  feedback: 'Good start on the trade-offs.',
  rationale: 'The answer says "I would shard by tenant", which covers the main point.',
};

describe('emptiedResponse', () => {
  it.each([
    [
      { type: 'short_text', text: 'Ada' },
      { type: 'short_text', text: '' },
    ],
    [
      { type: 'long_text', text: 'At my last job in Lisbon I...' },
      { type: 'long_text', text: '' },
    ],
    [
      { type: 'coding', code: 'const me = "Ada";' },
      { type: 'coding', code: '' },
    ],
  ] as [AnswerResponse, AnswerResponse][])('empties what the person wrote: %j', (response, emptied) => {
    expect(emptiedResponse(response)).toEqual(emptied);
  });

  it.each([
    { type: 'single_choice', optionId: 'b' },
    { type: 'multiple_choice', optionIds: ['a', 'c'] },
    { type: 'true_false', value: true },
    { type: 'numeric', value: 42 },
  ] as AnswerResponse[])('keeps a choice or a number as it is: %j', (response) => {
    expect(emptiedResponse(response)).toEqual(response);
  });
});

describe('scoreWithoutWords', () => {
  it('drops the rationale and feedback and keeps the points and how they were reached', () => {
    expect(scoreWithoutWords(modelScore)).toEqual({
      earned: 3,
      possible: 5,
      method: 'model',
      confidence: 0.8,
      needsReview: false,
    });
  });

  it("empties a reviewer's override reason and keeps who overrode and the machine's score", () => {
    // Arrange
    const overridden: QuestionScore = {
      ...modelScore,
      method: 'manual',
      override: {
        by: 'usr_1',
        reason: 'Ada clearly meant sharding',
        machine: { earned: 3, method: 'model', confidence: 0.8 },
      },
    };

    // Act
    const kept = scoreWithoutWords(overridden);

    // Assert
    expect(kept.override).toEqual({
      by: 'usr_1',
      reason: '',
      machine: { earned: 3, method: 'model', confidence: 0.8 },
    });
    expect(kept.rationale).toBeUndefined();
  });
});

describe('holdsWords', () => {
  it('finds written answers and scores with words, and nothing once they are removed', () => {
    const written = { response: { type: 'long_text', text: 'Mine' }, score: modelScore };
    const erased = {
      response: emptiedResponse(written.response as AnswerResponse),
      score: scoreWithoutWords(modelScore),
    };

    expect(holdsWords(written)).toBe(true);
    expect(holdsWords({ response: { type: 'single_choice', optionId: 'a' }, score: modelScore })).toBe(true);
    expect(holdsWords({ response: { type: 'long_text', text: 'Mine' }, score: undefined })).toBe(true);
    expect(holdsWords(erased)).toBe(false);
    expect(holdsWords({ response: { type: 'numeric', value: 1 }, score: undefined })).toBe(false);
  });
});
