import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import {
  callForcedTool,
  defaultBedrockClient,
  type ForcedTool,
  schemaReAsk,
  schemaReader,
} from '../../shared/bedrock-tool-call.ts';
import { ENV, requireEnv } from '../../shared/env.ts';
import {
  BedrockScore,
  SCORE_JSON_SCHEMA,
  SCORING_TOOL_NAME,
  scoringSystemPrompt,
  scoringUserPrompt,
} from './bedrock-scoring-prompt.ts';
import { scoreByKeywords, settledWithoutScorer } from './local-text-scorer.ts';
import { round2 } from './rounding.ts';
import { needsReviewAt, type QuestionScore } from './score.schema.ts';
import type { TextQuestion, TextScorer } from './text-scorer.ts';

/** A verdict is one short object; this leaves room for the rationale and nothing more. */
const MAX_OUTPUT_TOKENS = 1_024;

const TOOL: ForcedTool<BedrockScore> = {
  name: SCORING_TOOL_NAME,
  description: "Records the score of the candidate's answer.",
  inputSchema: SCORE_JSON_SCHEMA,
  read: schemaReader(BedrockScore),
  reAsk: schemaReAsk(SCORING_TOOL_NAME),
};

/** A candidate-safe sentence: the model's rationale may quote the answer key, so it is never used. */
export const modelFeedback = (fraction: number): string => {
  if (fraction >= 0.9) return 'Complete';
  if (fraction >= 0.5) return 'Partly complete';
  if (fraction > 0) return 'Mostly incomplete';
  return 'Does not answer the question';
};

/** When the model gave no usable verdict: the keyword score, which a person must confirm. */
const fallback = (question: TextQuestion, answer: string): QuestionScore => ({
  ...scoreByKeywords(question, answer),
  needsReview: true,
  rationale: "The model's verdict could not be used; this is the keyword score.",
});

export interface BedrockTextScorerOptions {
  client?: BedrockRuntimeClient;
  /** Defaults to BEDROCK_MODEL_ID; a missing one fails here, at cold start, naming the variable. */
  modelId?: string;
}

/**
 * Scores through a Bedrock model with the Converse API: temperature 0, the verdict forced
 * through one tool whose input schema is the verdict's schema. A verdict that fails validation
 * is sent back once with what was wrong; a second failure falls back to the keyword score,
 * marked for review. Failures of the service itself (throttling after the SDK's retries) are
 * thrown, for the caller to retry.
 */
export const bedrockTextScorer = ({
  client = defaultBedrockClient(),
  modelId = requireEnv(ENV.bedrockModelId),
}: BedrockTextScorerOptions = {}): TextScorer => ({
  kind: 'bedrock',
  score: async (question, answer) => {
    const settled = settledWithoutScorer(question, answer);
    if (settled) return settled;
    const { text, truncated } = scoringUserPrompt(answer);
    const { answer: verdict } = await callForcedTool({
      client,
      modelId,
      system: scoringSystemPrompt(question),
      prompt: text,
      maxTokens: MAX_OUTPUT_TOKENS,
      tool: TOOL,
    });
    if (!verdict.value) return fallback(question, answer);
    const { score, confidence, rationale } = verdict.value;
    return {
      ...(question.id ? { questionId: question.id } : {}),
      earned: round2(question.points * score),
      possible: question.points,
      method: 'model',
      confidence,
      // The model did not read all of a cut answer: a person must.
      needsReview: needsReviewAt(confidence) || truncated,
      feedback: modelFeedback(score),
      rationale,
    };
  },
});
