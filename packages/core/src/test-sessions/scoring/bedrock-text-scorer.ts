import {
  type BedrockRuntimeClient,
  ConverseCommand,
  type ConverseCommandOutput,
  type Message,
  type ToolConfiguration,
} from '@aws-sdk/client-bedrock-runtime';
import type { DocumentType } from '@smithy/types';
import { createBedrockClient } from '../../extraction/bedrock-extractor.ts';
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

// Created at cold start, as every SDK client; tests pass their own.
let sharedClient: BedrockRuntimeClient | undefined;
const defaultClient = (): BedrockRuntimeClient => {
  sharedClient ??= createBedrockClient();
  return sharedClient;
};

const TOOL_CONFIG: ToolConfiguration = {
  tools: [
    {
      toolSpec: {
        name: SCORING_TOOL_NAME,
        description: "Records the score of the candidate's answer.",
        inputSchema: { json: SCORE_JSON_SCHEMA as DocumentType },
      },
    },
  ],
  toolChoice: { tool: { name: SCORING_TOOL_NAME } },
};

interface Attempt {
  verdict?: BedrockScore;
  problems: string;
  toolUseId?: string;
  message?: Message;
}

const readVerdict = (response: ConverseCommandOutput): Attempt => {
  const message = response.output?.message;
  const toolUse = message?.content?.find((block) => block.toolUse?.name === SCORING_TOOL_NAME)?.toolUse;
  const base = { ...(message ? { message } : {}), ...(toolUse?.toolUseId ? { toolUseId: toolUse.toolUseId } : {}) };
  if (!toolUse) return { ...base, problems: `Call the tool ${SCORING_TOOL_NAME}.` };
  const parsed = BedrockScore.safeParse(toolUse.input);
  if (parsed.success) return { ...base, verdict: parsed.data, problems: '' };
  const problems = parsed.error.issues
    .slice(0, 10)
    .map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`)
    .join('\n');
  return { ...base, problems };
};

/** The follow-up that tells the model what was wrong with its verdict, in the same conversation. */
const reAsk = (attempt: Attempt): Message[] => {
  if (!attempt.message) return [];
  const feedback = `Your answer does not match the tool's schema:\n${attempt.problems}\nCall ${SCORING_TOOL_NAME} again with a valid input.`;
  return [
    attempt.message,
    {
      role: 'user',
      content: attempt.toolUseId
        ? [{ toolResult: { toolUseId: attempt.toolUseId, status: 'error', content: [{ text: feedback }] } }]
        : [{ text: feedback }],
    },
  ];
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
  client = defaultClient(),
  modelId = requireEnv(ENV.bedrockModelId),
}: BedrockTextScorerOptions = {}): TextScorer => ({
  kind: 'bedrock',
  score: async (question, answer) => {
    const settled = settledWithoutScorer(question, answer);
    if (settled) return settled;
    const { text, truncated } = scoringUserPrompt(answer);
    const messages: Message[] = [{ role: 'user', content: [{ text }] }];
    const ask = async (): Promise<Attempt> =>
      readVerdict(
        await client.send(
          new ConverseCommand({
            modelId,
            system: [{ text: scoringSystemPrompt(question) }],
            messages: [...messages],
            inferenceConfig: { temperature: 0, maxTokens: MAX_OUTPUT_TOKENS },
            toolConfig: TOOL_CONFIG,
          }),
        ),
      );

    let attempt = await ask();
    if (!attempt.verdict) {
      messages.push(...reAsk(attempt));
      attempt = await ask();
    }
    if (!attempt.verdict) return fallback(question, answer);
    const { score, confidence, rationale } = attempt.verdict;
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
