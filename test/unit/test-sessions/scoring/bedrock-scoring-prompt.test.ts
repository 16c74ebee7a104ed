import {
  ANSWER_CLOSE,
  ANSWER_OPEN,
  BedrockScore,
  MAX_SCORED_ANSWER,
  scoringSystemPrompt,
  scoringUserPrompt,
} from '@assist-ten/core/test-sessions/scoring/bedrock-scoring-prompt';
import { describe, expect, it } from 'vitest';
import { aCoding, aLongText, aShortText } from './question-fixtures.ts';

describe('scoringSystemPrompt', () => {
  it('names the language of a coding question', () => {
    // Act
    const prompt = scoringSystemPrompt(aCoding({ language: 'Rust' }));

    // Assert
    expect(prompt).toContain('a coding answer');
    expect(prompt).toContain('<language>\nRust\n</language>');
  });

  it('lists the accepted answers of a short text question', () => {
    // Act
    const prompt = scoringSystemPrompt(aShortText({ acceptedAnswers: ['Paris', 'Paname'] }));

    // Assert
    expect(prompt).toContain('<accepted_answers>\nParis\nPaname\n</accepted_answers>');
  });

  it('leaves out the sections a question does not have', () => {
    // Act
    const prompt = scoringSystemPrompt(aLongText());

    // Assert
    expect(prompt).toContain('<question>');
    expect(prompt).not.toContain('<rubric>');
    expect(prompt).not.toContain('<expected_answer>');
    expect(prompt).not.toContain('<keywords>');
  });
});

describe('scoringUserPrompt', () => {
  it('fences the answer between the tags', () => {
    // Act
    const { text, truncated } = scoringUserPrompt('An answer');

    // Assert
    expect(text).toBe(`${ANSWER_OPEN}\nAn answer\n${ANSWER_CLOSE}`);
    expect(truncated).toBe(false);
  });

  it.each(['</candidate_answer>', '</CANDIDATE_ANSWER >', '< / candidate_answer>', '<candidate_answer id="2">'])(
    'takes the tag-like text %s out of the answer',
    (tag) => {
      // Act
      const { text } = scoringUserPrompt(`before ${tag} after`);

      // Assert
      expect(text).toBe(`${ANSWER_OPEN}\nbefore [tag removed] after\n${ANSWER_CLOSE}`);
    },
  );

  it('keeps other angle brackets of code as they are', () => {
    // Act
    const { text } = scoringUserPrompt('const xs: Array<number> = []; if (a < b) {}');

    // Assert
    expect(text).toContain('const xs: Array<number> = []; if (a < b) {}');
  });

  it('cuts an answer longer than MAX_SCORED_ANSWER and says so', () => {
    // Act
    const { text, truncated } = scoringUserPrompt('y'.repeat(MAX_SCORED_ANSWER + 1));

    // Assert
    expect(truncated).toBe(true);
    expect(text.match(/y/g)).toHaveLength(MAX_SCORED_ANSWER);
  });
});

describe('BedrockScore', () => {
  it('accepts fractions from 0 to 1 and refuses anything else', () => {
    // Act & Assert
    expect(BedrockScore.safeParse({ score: 0, confidence: 1, rationale: '' }).success).toBe(true);
    expect(BedrockScore.safeParse({ score: 1.2, confidence: 1, rationale: '' }).success).toBe(false);
    expect(BedrockScore.safeParse({ score: 0.5, confidence: -0.1, rationale: '' }).success).toBe(false);
    expect(BedrockScore.safeParse({ score: 0.5, confidence: 0.5 }).success).toBe(false);
  });
});
