import * as z from 'zod/mini';
import { ExtractedSkill, type TaxonomyEntry } from './extracted-skill.ts';

/**
 * What a logged run was for: reading the skills of a resume or a job description, or
 * generating questions (question generation logs its runs in the same log, see
 * writeGenerationLog). Skill extractors take the first two only: `ExtractionPurpose`.
 */
export const EXTRACTION_PURPOSES = ['resume', 'job_description', 'question_generation'] as const;
export type LoggedPurpose = (typeof EXTRACTION_PURPOSES)[number];
export type ExtractionPurpose = Exclude<LoggedPurpose, 'question_generation'>;

export const EXTRACTOR_KINDS = ['local', 'bedrock'] as const;
export type ExtractorKind = (typeof EXTRACTOR_KINDS)[number];

export const SKILL_REQUIREMENTS = ['required', 'nice_to_have'] as const;
export type SkillRequirement = (typeof SKILL_REQUIREMENTS)[number];

/** More than this many skills in one text is noise, not a profile. */
export const MAX_EXTRACTED_SKILLS = 100;

/**
 * An extracted skill as extractors return it: for a job description also whether the text
 * asks for it or only welcomes it. The shared `ExtractedSkill` stays the stored shape.
 */
export const ExtractorSkill = z.object({
  ...ExtractedSkill.shape,
  requirement: z.optional(z.enum(SKILL_REQUIREMENTS)),
});
export type ExtractorSkill = z.output<typeof ExtractorSkill>;

export interface ExtractionInput {
  text: string;
  taxonomy: readonly TaxonomyEntry[];
  purpose: ExtractionPurpose;
}

export interface ExtractionOutput {
  /** Canonical taxonomy names only, one entry per skill, at most MAX_EXTRACTED_SKILLS. */
  skills: ExtractorSkill[];
  extractor: ExtractorKind;
  model?: string;
  /** Which prompt (bedrock) or rule set (local) produced the skills, to compare runs over time. */
  promptVersion: string;
  inputTokens?: number;
  outputTokens?: number;
  /** Skills the model named that are not in the taxonomy, left out. */
  droppedSkills?: number;
  /** The text was longer than the extractor reads; only its beginning was read. */
  inputTruncated?: boolean;
}

export interface SkillExtractor {
  readonly kind: ExtractorKind;
  extract(input: ExtractionInput): Promise<ExtractionOutput>;
}

/**
 * The extraction could not produce a valid answer (e.g. the model's output failed its schema
 * even after a re-ask). `rawOutput` is kept for debugging only: it may quote the text, which
 * is personal data, so it never goes into a log or a message.
 */
export class ExtractionFailedError extends Error {
  readonly code = 'extraction_failed';
  readonly rawOutput: string | undefined;

  constructor(message: string, options: { rawOutput?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ExtractionFailedError';
    this.rawOutput = options.rawOutput;
  }
}

/** Keeps the most certain skills when there are too many, earliest first among equals (deterministic). */
export const capSkills = <T extends { confidence: number }>(skills: readonly T[], max = MAX_EXTRACTED_SKILLS): T[] =>
  skills
    .map((skill, index) => ({ skill, index }))
    .sort((a, b) => b.skill.confidence - a.skill.confidence || a.index - b.index)
    .slice(0, max)
    .map(({ skill }) => skill);
