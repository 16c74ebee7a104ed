import {
  CLEAR_CONFIDENCE,
  LOW_CONFIDENCE,
  localTextScorer,
  scoreByKeywords,
  settledWithoutScorer,
} from '@assist-ten/core/test-sessions/scoring/local-text-scorer';
import { REVIEW_CONFIDENCE } from '@assist-ten/core/test-sessions/scoring/score.schema';
import { describe, expect, it } from 'vitest';
import { aCoding, aLongText, aShortText } from './question-fixtures.ts';

const keywords = (...terms: (string | [string, number])[]) =>
  terms.map((term) => (typeof term === 'string' ? { term } : { term: term[0], weight: term[1] }));

describe('settledWithoutScorer', () => {
  it('scores a blank answer 0, surely, for every text type', () => {
    // Arrange
    const questions = [aShortText(), aLongText(), aCoding()];

    // Act
    const scores = questions.map((question) => settledWithoutScorer(question, ' \n\t '));

    // Assert
    for (const score of scores) {
      expect(score).toMatchObject({
        earned: 0,
        possible: 1,
        confidence: 1,
        needsReview: false,
        feedback: 'Not answered',
      });
    }
  });

  it('gives full points for an accepted short answer, ignoring case, spacing and width', () => {
    // Arrange
    const question = { ...aShortText({ points: 2, acceptedAnswers: ['New  York City'] }), id: 'qst_1' };

    // Act
    const score = settledWithoutScorer(question, '  ｎｅｗ york\tcity ');

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

  it('leaves any other answer to the scorer', () => {
    // Act
    const settled = settledWithoutScorer(aShortText({ acceptedAnswers: ['Paris'] }), 'Paris, France');

    // Assert
    expect(settled).toBeUndefined();
  });
});

describe('scoreByKeywords', () => {
  it('earns each found keyword its weight share of the points, to two decimals', () => {
    // Arrange
    const question = aLongText({
      points: 10,
      keywords: keywords(['idempotency', 2], 'retry', 'backoff', 'dead letter queue'),
    });
    const answer =
      'Make the consumer safe to run twice through idempotency keys, and retry the failures with exponential backoff so the downstream service recovers.';

    // Act
    const score = scoreByKeywords(question, answer);

    // Assert: (2 + 1 + 1) / 5 of 10 points
    expect(score).toMatchObject({
      earned: 8,
      possible: 10,
      method: 'keywords',
      confidence: CLEAR_CONFIDENCE,
      needsReview: false,
      feedback: 'Covers 3 of 4 key points',
    });
  });

  it('rounds a share to two decimals', () => {
    // Arrange
    const question = aLongText({ points: 1, keywords: keywords('alpha', 'beta', 'gamma') });

    // Act
    const score = scoreByKeywords(question, 'We considered the alpha release and shipped it after a long review.');

    // Assert
    expect(score.earned).toBe(0.33);
  });

  it('scores an answer with no keyword 0 and an answer with every keyword full, both clearly', () => {
    // Arrange
    const question = aLongText({ points: 4, keywords: keywords('cache', 'invalidation') });

    // Act
    const none = scoreByKeywords(question, 'I would add more servers to the cluster behind the balancer.');
    const all = scoreByKeywords(question, 'Cache the reads and handle invalidation on every write to the table.');

    // Assert
    expect(none).toMatchObject({ earned: 0, confidence: CLEAR_CONFIDENCE, needsReview: false });
    expect(all).toMatchObject({ earned: 4, confidence: CLEAR_CONFIDENCE, needsReview: false });
  });

  it('asks for review when the coverage is in the uncertain middle band', () => {
    // Arrange
    const question = aLongText({ keywords: keywords('cache', 'invalidation') });

    // Act
    const score = scoreByKeywords(question, 'Cache the reads close to the users so that the pages load much faster.');

    // Assert
    expect(score).toMatchObject({ earned: 0.5, confidence: LOW_CONFIDENCE, needsReview: true });
  });

  it('cannot judge without keywords: 0, no confidence, for review', () => {
    // Arrange
    const question = aLongText({ expectedAnswer: 'Anything' });

    // Act
    const score = scoreByKeywords(question, 'A thoughtful answer');

    // Assert
    expect(score).toMatchObject({ earned: 0, confidence: 0, needsReview: true, feedback: 'Awaiting review' });
  });

  it('asks for review of an answer with no words at all', () => {
    // Act
    const score = scoreByKeywords(aLongText({ keywords: keywords('cache') }), '?!... ---');

    // Assert
    expect(score).toMatchObject({ earned: 0, confidence: LOW_CONFIDENCE, needsReview: true });
  });

  it('asks for review of an answer far shorter than the expected one, even with every keyword', () => {
    // Arrange
    const question = aShortText({
      keywords: keywords('mutex'),
      expectedAnswer:
        'A mutex lets only one thread at a time into the critical section, so the shared counter stays right.',
    });

    // Act
    const score = scoreByKeywords(question, 'mutex');

    // Assert
    expect(score).toMatchObject({ earned: 1, confidence: LOW_CONFIDENCE, needsReview: true });
  });

  it('asks for review of a long-text answer that is only a list of the keywords', () => {
    // Arrange
    const question = aLongText({ keywords: keywords('idempotency', 'retry', 'backoff') });

    // Act
    const score = scoreByKeywords(question, 'idempotency, retry, backoff');

    // Assert
    expect(score).toMatchObject({ earned: 1, needsReview: true });
  });

  it('matches keywords with regex characters literally', () => {
    // Arrange
    const question = aLongText({ points: 3, keywords: keywords('C++', '.NET', 'O(n)') });

    // Act
    const score = scoreByKeywords(
      question,
      'I have used C++ for the engine and .NET for the tools; the lookup is O(n) in the worst case.',
    );

    // Assert
    expect(score.earned).toBe(3);
  });

  it('finds keywords inside the identifiers of code', () => {
    // Arrange
    const question = aCoding({ points: 2, keywords: keywords('binary search', 'memo') });
    const code = 'function binarySearch(items: number[], target: number) {\n  const memo_cache = new Map();\n}';

    // Act
    const score = scoreByKeywords(question, code);

    // Assert
    expect(score.earned).toBe(2);
  });

  it('does not look inside identifiers of prose', () => {
    // Arrange
    const question = aLongText({ keywords: keywords('binary search') });

    // Act
    const score = scoreByKeywords(question, 'I would call binarySearch on the sorted list of items we have here.');

    // Assert
    expect(score.earned).toBe(0);
  });

  it('falls back to keywords for a short answer that is not accepted as it stands', () => {
    // Arrange
    const question = aShortText({ acceptedAnswers: ['Paris'], keywords: keywords('Paris') });

    // Act
    const score = scoreByKeywords(question, 'It is Paris.');

    // Assert
    expect(score).toMatchObject({ earned: 1, method: 'keywords' });
  });

  it('marks for review exactly the scores below REVIEW_CONFIDENCE', () => {
    // Assert
    expect(LOW_CONFIDENCE).toBeLessThan(REVIEW_CONFIDENCE);
    expect(CLEAR_CONFIDENCE).toBeGreaterThanOrEqual(REVIEW_CONFIDENCE);
  });
});

describe('localTextScorer', () => {
  it('is the local kind and scores by keywords', async () => {
    // Arrange
    const scorer = localTextScorer();
    const question = { ...aLongText({ keywords: keywords('cache') }), id: 'qst_9' };

    // Act
    const score = await scorer.score(question, 'Put a cache in front of the database for all the reads.');

    // Assert
    expect(scorer.kind).toBe('local');
    expect(score).toMatchObject({ questionId: 'qst_9', earned: 1, method: 'keywords' });
  });
});
