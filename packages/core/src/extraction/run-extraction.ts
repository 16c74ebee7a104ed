import { ENV } from '../shared/env.ts';
import { newId } from '../shared/ids.ts';
import { bedrockExtractor } from './bedrock-extractor.ts';
import type { TaxonomyEntry } from './extracted-skill.ts';
import type { ExtractionSubjectType } from './extraction-log.model.ts';
import { writeExtractionLog } from './extraction-log.service.ts';
import { EXTRACTOR_KINDS, type ExtractionOutput, type ExtractionPurpose, type SkillExtractor } from './extractor.ts';
import { localExtractor } from './local-extractor.ts';

const isExtractorKind = (value: string): value is (typeof EXTRACTOR_KINDS)[number] =>
  (EXTRACTOR_KINDS as readonly string[]).includes(value);

/**
 * The extractor SKILL_EXTRACTOR names: `local` (the default) or `bedrock` (which needs
 * BEDROCK_MODEL_ID). Any other value fails at once, naming the variable.
 */
export const extractorFromEnv = (): SkillExtractor => {
  const kind = process.env[ENV.skillExtractor] || 'local';
  if (!isExtractorKind(kind)) {
    throw new Error(`${ENV.skillExtractor} must be one of ${EXTRACTOR_KINDS.join(', ')}, not "${kind}"`);
  }
  return kind === 'bedrock' ? bedrockExtractor() : localExtractor();
};

export interface RunExtraction {
  tenantId: string;
  subject: { type: ExtractionSubjectType; id: string };
  documentId?: string;
  text: string;
  taxonomy: readonly TaxonomyEntry[];
  purpose: ExtractionPurpose;
  /** Defaults to `extractorFromEnv()`. */
  extractor?: SkillExtractor;
}

/**
 * Extracts the skills of a text and logs the run, succeeded or failed. A failure is logged
 * and then rethrown to the caller (a background task, which retries); should the log write
 * itself fail then, the extraction's own error is the one the caller gets.
 */
export const runExtraction = async (
  input: RunExtraction,
): Promise<{ extractionId: string; output: ExtractionOutput }> => {
  const extractor = input.extractor ?? extractorFromEnv();
  const extractionId = newId('extraction');
  const started = performance.now();
  const record = {
    tenantId: input.tenantId,
    extractionId,
    subject: input.subject,
    documentId: input.documentId,
    purpose: input.purpose,
    extractor: extractor.kind,
    text: input.text,
  };
  let output: ExtractionOutput;
  try {
    output = await extractor.extract({ text: input.text, taxonomy: input.taxonomy, purpose: input.purpose });
  } catch (error) {
    await writeExtractionLog({ ...record, durationMs: performance.now() - started, result: { error } }).catch(
      () => undefined,
    );
    throw error;
  }
  await writeExtractionLog({ ...record, durationMs: performance.now() - started, result: { output } });
  return { extractionId, output };
};
