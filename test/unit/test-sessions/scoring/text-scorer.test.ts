import { answerText, scoreAnswer } from '@assist-ten/core/test-sessions/scoring/score-answer';
import { type TextScorer, textScorerFromEnv } from '@assist-ten/core/test-sessions/scoring/text-scorer';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aCoding, aLongText, aShortText, aSingleChoice } from './question-fixtures.ts';

afterEach(() => {
  delete process.env.ANSWER_SCORER;
  delete process.env.BEDROCK_MODEL_ID;
});

describe('textScorerFromEnv', () => {
  it('is the local scorer when ANSWER_SCORER is unset', () => {
    // Act
    const scorer = textScorerFromEnv();

    // Assert
    expect(scorer.kind).toBe('local');
  });

  it('is the Bedrock scorer when ANSWER_SCORER is bedrock', () => {
    // Arrange
    process.env.ANSWER_SCORER = 'bedrock';
    process.env.BEDROCK_MODEL_ID = 'anthropic.claude-test-v1:0';

    // Act
    const scorer = textScorerFromEnv();

    // Assert
    expect(scorer.kind).toBe('bedrock');
  });

  it('fails at once, naming the variable, for any other value', () => {
    // Arrange
    process.env.ANSWER_SCORER = 'magic';

    // Act
    const act = () => textScorerFromEnv();

    // Assert
    expect(act).toThrow(/ANSWER_SCORER must be one of local, bedrock, not "magic"/);
  });
});

describe('scoreAnswer', () => {
  const recordingScorer = (): TextScorer & { score: ReturnType<typeof vi.fn> } => ({
    kind: 'local',
    score: vi.fn(async () => ({
      earned: 0,
      possible: 1,
      method: 'keywords' as const,
      confidence: 1,
      needsReview: false,
    })),
  });

  it('scores an objective question by its answer key, without the text scorer', async () => {
    // Arrange
    const scorer = recordingScorer();

    // Act
    const score = await scoreAnswer(aSingleChoice(), { type: 'single_choice', optionId: 'b' }, scorer);

    // Assert
    expect(score.earned).toBe(1);
    expect(scorer.score).not.toHaveBeenCalled();
  });

  it('hands a text answer to the text scorer', async () => {
    // Arrange
    const scorer = recordingScorer();
    const question = aCoding();

    // Act
    await scoreAnswer(question, { type: 'coding', code: 'return 42;' }, scorer);

    // Assert
    expect(scorer.score).toHaveBeenCalledWith(question, 'return 42;');
  });

  it('hands no answer, or one of another type, to the text scorer as blank', async () => {
    // Arrange
    const scorer = recordingScorer();

    // Act
    await scoreAnswer(aLongText(), undefined, scorer);
    await scoreAnswer(aLongText(), { type: 'short_text', text: 'short' }, scorer);

    // Assert
    expect(scorer.score.mock.calls.map((call) => call[1])).toEqual(['', '']);
  });
});

describe('answerText', () => {
  it('reads the text of short and long answers and the code of coding answers', () => {
    // Act & Assert
    expect(answerText(aShortText(), { type: 'short_text', text: 'Paris' })).toBe('Paris');
    expect(answerText(aLongText(), { type: 'long_text', text: 'Because.' })).toBe('Because.');
    expect(answerText(aCoding(), { type: 'coding', code: 'x++' })).toBe('x++');
  });
});
