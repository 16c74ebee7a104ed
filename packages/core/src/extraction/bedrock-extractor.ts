import {
  BedrockRuntimeClient,
  type BedrockRuntimeClientConfig,
  ConverseCommand,
  type ConverseCommandOutput,
  type Message,
  type ToolConfiguration,
} from '@aws-sdk/client-bedrock-runtime';
import type { DocumentType } from '@smithy/types';
import { ENV, requireEnv } from '../shared/env.ts';
import {
  ANSWER_JSON_SCHEMA,
  BedrockAnswer,
  PROMPT_VERSION,
  promptSkillNames,
  systemPrompt,
  TOOL_NAME,
  userPrompt,
} from './bedrock-prompt.ts';
import type { TaxonomyEntry } from './extracted-skill.ts';
import {
  capSkills,
  ExtractionFailedError,
  type ExtractionInput,
  type ExtractionOutput,
  type ExtractionPurpose,
  type ExtractorSkill,
  type SkillExtractor,
} from './extractor.ts';
import { taxonomyMatcher, termKey } from './taxonomy-matcher.ts';

/** About 15,000 tokens: a long resume fits, and a pasted book does not run up the bill. */
export const MAX_BEDROCK_INPUT = 60_000;

/** The SDK's own retries (throttling, 5xx, timeouts), with its backoff: one call and three retries. */
export const BEDROCK_MAX_ATTEMPTS = 4;

const MAX_OUTPUT_TOKENS = 8_192;
const MAX_RAW_OUTPUT = 20_000;

export const createBedrockClient = (overrides: BedrockRuntimeClientConfig = {}): BedrockRuntimeClient =>
  new BedrockRuntimeClient({
    maxAttempts: BEDROCK_MAX_ATTEMPTS,
    requestHandler: { requestTimeout: 60_000, connectionTimeout: 5_000 },
    ...overrides,
  });

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
        name: TOOL_NAME,
        description: 'Records the skills found in the document.',
        inputSchema: { json: ANSWER_JSON_SCHEMA as DocumentType },
      },
    },
  ],
  toolChoice: { tool: { name: TOOL_NAME } },
};

interface Attempt {
  answer?: BedrockAnswer;
  raw: string;
  problems: string;
  toolUseId?: string;
  message?: Message;
}

const readAnswer = (response: ConverseCommandOutput): Attempt => {
  const message = response.output?.message;
  const toolUse = message?.content?.find((block) => block.toolUse?.name === TOOL_NAME)?.toolUse;
  const raw = JSON.stringify(toolUse?.input ?? message?.content ?? null).slice(0, MAX_RAW_OUTPUT);
  const base = {
    raw,
    ...(message ? { message } : {}),
    ...(toolUse?.toolUseId ? { toolUseId: toolUse.toolUseId } : {}),
  };
  if (!toolUse) return { ...base, problems: `Call the tool ${TOOL_NAME}.` };
  const parsed = BedrockAnswer.safeParse(toolUse.input);
  if (parsed.success) return { ...base, answer: parsed.data, problems: '' };
  const problems = parsed.error.issues
    .slice(0, 10)
    .map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`)
    .join('\n');
  return { ...base, problems };
};

/** The follow-up that tells the model what was wrong with its answer, in the same conversation. */
const reAsk = (attempt: Attempt): Message[] => {
  if (!attempt.message) return [];
  const feedback = `Your answer does not match the tool's schema:\n${attempt.problems}\nCall ${TOOL_NAME} again with a valid input.`;
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

/** The model's skills under their canonical names, one per skill; the ones not in the taxonomy counted and left out. */
export const canonicalise = (
  answer: BedrockAnswer,
  taxonomy: readonly TaxonomyEntry[],
  purpose: ExtractionPurpose,
): { skills: ExtractorSkill[]; dropped: number } => {
  const { entryByTerm } = taxonomyMatcher(taxonomy);
  const bySkill = new Map<string, ExtractorSkill>();
  let dropped = 0;
  for (const { requirement, ...found } of answer.skills) {
    const entry = entryByTerm.get(termKey(found.skill));
    if (!entry) {
      dropped++;
      continue;
    }
    const skill: ExtractorSkill = {
      ...found,
      skill: entry.name,
      skillId: entry.skillId,
      category: entry.category,
      ...(purpose === 'job_description' ? { requirement: requirement ?? 'required' } : {}),
    };
    const kept = bySkill.get(entry.skillId);
    if (!kept || skill.confidence > kept.confidence) bySkill.set(entry.skillId, skill);
  }
  return { skills: capSkills([...bySkill.values()]), dropped };
};

export interface BedrockExtractorOptions {
  client?: BedrockRuntimeClient;
  /** Defaults to BEDROCK_MODEL_ID; a missing one fails here, at cold start, naming the variable. */
  modelId?: string;
}

/**
 * Skills read by a Bedrock model through the Converse API: temperature 0, and the answer
 * forced through one tool whose input schema is the answer's schema. An answer that fails
 * validation is sent back once with what was wrong; a second failure is an ExtractionFailedError.
 */
export const bedrockExtractor = ({
  client = defaultClient(),
  modelId = requireEnv(ENV.bedrockModelId),
}: BedrockExtractorOptions = {}): SkillExtractor => ({
  kind: 'bedrock',
  extract: async ({ text: fullText, taxonomy, purpose }: ExtractionInput): Promise<ExtractionOutput> => {
    const inputTruncated = fullText.length > MAX_BEDROCK_INPUT;
    const text = inputTruncated ? fullText.slice(0, MAX_BEDROCK_INPUT) : fullText;
    const messages: Message[] = [{ role: 'user', content: [{ text: userPrompt(text) }] }];
    const usage = { inputTokens: 0, outputTokens: 0 };
    const ask = async (): Promise<Attempt> => {
      const response = await client.send(
        new ConverseCommand({
          modelId,
          system: [{ text: systemPrompt(purpose, promptSkillNames(taxonomy, text)) }],
          messages,
          inferenceConfig: { temperature: 0, maxTokens: MAX_OUTPUT_TOKENS },
          toolConfig: TOOL_CONFIG,
        }),
      );
      usage.inputTokens += response.usage?.inputTokens ?? 0;
      usage.outputTokens += response.usage?.outputTokens ?? 0;
      return readAnswer(response);
    };

    let attempt = await ask();
    if (!attempt.answer) {
      messages.push(...reAsk(attempt));
      attempt = await ask();
    }
    if (!attempt.answer) {
      throw new ExtractionFailedError(`The model's answer did not match the skills schema after a re-ask.`, {
        rawOutput: attempt.raw,
      });
    }
    const { skills, dropped } = canonicalise(attempt.answer, taxonomy, purpose);
    return {
      skills,
      extractor: 'bedrock',
      model: modelId,
      promptVersion: PROMPT_VERSION,
      ...usage,
      droppedSkills: dropped,
      ...(inputTruncated ? { inputTruncated } : {}),
    };
  },
});
