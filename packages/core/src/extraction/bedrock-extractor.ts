import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import {
  callForcedTool,
  defaultBedrockClient,
  type ForcedTool,
  schemaReAsk,
  schemaReader,
} from '../shared/bedrock-tool-call.ts';
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

const MAX_OUTPUT_TOKENS = 8_192;

const TOOL: ForcedTool<BedrockAnswer> = {
  name: TOOL_NAME,
  description: 'Records the skills found in the document.',
  inputSchema: ANSWER_JSON_SCHEMA,
  read: schemaReader(BedrockAnswer),
  reAsk: schemaReAsk(TOOL_NAME),
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
  client = defaultBedrockClient(),
  modelId = requireEnv(ENV.bedrockModelId),
}: BedrockExtractorOptions = {}): SkillExtractor => ({
  kind: 'bedrock',
  extract: async ({ text: fullText, taxonomy, purpose }: ExtractionInput): Promise<ExtractionOutput> => {
    const inputTruncated = fullText.length > MAX_BEDROCK_INPUT;
    const text = inputTruncated ? fullText.slice(0, MAX_BEDROCK_INPUT) : fullText;
    const { answer, inputTokens, outputTokens } = await callForcedTool({
      client,
      modelId,
      system: systemPrompt(purpose, promptSkillNames(taxonomy, text)),
      prompt: userPrompt(text),
      maxTokens: MAX_OUTPUT_TOKENS,
      tool: TOOL,
    });
    if (!answer.value) {
      throw new ExtractionFailedError(`The model's answer did not match the skills schema after a re-ask.`, {
        rawOutput: answer.raw,
      });
    }
    const { skills, dropped } = canonicalise(answer.value, taxonomy, purpose);
    return {
      skills,
      extractor: 'bedrock',
      model: modelId,
      promptVersion: PROMPT_VERSION,
      inputTokens,
      outputTokens,
      droppedSkills: dropped,
      ...(inputTruncated ? { inputTruncated } : {}),
    };
  },
});
