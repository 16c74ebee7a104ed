import { needsReviewAt, QuestionScore, REVIEW_CONFIDENCE } from '@assist-ten/core/test-sessions/scoring/score.schema';
import { describe, expect, it } from 'vitest';

describe('needsReviewAt', () => {
  it('marks for review exactly the confidences below REVIEW_CONFIDENCE', () => {
    // Act & Assert
    expect(needsReviewAt(REVIEW_CONFIDENCE - 0.01)).toBe(true);
    expect(needsReviewAt(REVIEW_CONFIDENCE)).toBe(false);
    expect(needsReviewAt(1)).toBe(false);
  });
});

describe('QuestionScore', () => {
  const score = { earned: 1, possible: 2, method: 'model', confidence: 0.7, needsReview: false };

  it('accepts a score with its optional parts left out', () => {
    // Act & Assert
    expect(QuestionScore.safeParse(score).success).toBe(true);
  });

  it('refuses a confidence outside 0..1, a negative score and an unknown method', () => {
    // Act & Assert
    expect(QuestionScore.safeParse({ ...score, confidence: 1.5 }).success).toBe(false);
    expect(QuestionScore.safeParse({ ...score, earned: -1 }).success).toBe(false);
    expect(QuestionScore.safeParse({ ...score, method: 'guess' }).success).toBe(false);
  });
});
