import type { QuestionContent } from '../../assessments/question.content.ts';
import { ENV } from '../../shared/env.ts';
import { bedrockTextScorer } from './bedrock-text-scorer.ts';
import { localTextScorer } from './local-text-scorer.ts';
import type { QuestionScore } from './score.schema.ts';

export const TEXT_QUESTION_TYPES = ['short_text', 'long_text', 'coding'] as const;
export type TextQuestionType = (typeof TEXT_QUESTION_TYPES)[number];
export type TextQuestion = Extract<QuestionContent, { type: TextQuestionType }> & { id?: string };

export const TEXT_SCORER_KINDS = ['local', 'bedrock'] as const;
export type TextScorerKind = (typeof TEXT_SCORER_KINDS)[number];

/**
 * Scores the answer to a short text, long text or coding question. A scorer never throws for
 * a poor answer or a poor model reply (it returns a score that needs review); it throws only
 * when its service fails (throttled after the SDK's retries), so the caller can retry later.
 */
export interface TextScorer {
  readonly kind: TextScorerKind;
  score(question: TextQuestion, answer: string): Promise<QuestionScore>;
}

const isTextScorerKind = (value: string): value is TextScorerKind =>
  (TEXT_SCORER_KINDS as readonly string[]).includes(value);

/**
 * The scorer ANSWER_SCORER names: `local` (the default) or `bedrock` (which needs
 * BEDROCK_MODEL_ID). Any other value fails at once, naming the variable.
 */
export const textScorerFromEnv = (): TextScorer => {
  const kind = process.env[ENV.answerScorer] || 'local';
  if (!isTextScorerKind(kind)) {
    throw new Error(`${ENV.answerScorer} must be one of ${TEXT_SCORER_KINDS.join(', ')}, not "${kind}"`);
  }
  return kind === 'bedrock' ? bedrockTextScorer() : localTextScorer();
};
