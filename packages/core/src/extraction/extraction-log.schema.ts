import * as z from 'zod/mini';
import { page } from '../shared/schema.ts';
import { EXTRACTION_STATUSES, EXTRACTION_SUBJECT_TYPES } from './extraction-log.model.ts';
import { EXTRACTION_PURPOSES, EXTRACTOR_KINDS, ExtractorSkill } from './extractor.ts';

/** One extraction run as the API shows it (GET .../extractions); never the text it read. */
export const ExtractionLog = z.object({
  id: z.string(),
  subjectType: z.enum(EXTRACTION_SUBJECT_TYPES),
  subjectId: z.string(),
  documentId: z.optional(z.string()),
  purpose: z.enum(EXTRACTION_PURPOSES),
  extractor: z.enum(EXTRACTOR_KINDS),
  model: z.optional(z.string()),
  promptVersion: z.string(),
  inputHash: z.string(),
  inputLength: z.int(),
  inputTruncated: z.optional(z.boolean()),
  output: z.optional(z.object({ skills: z.array(ExtractorSkill), droppedSkills: z.optional(z.int()) })),
  /** What a question generation made, counted. */
  generation: z.optional(
    z.object({
      questionCount: z.int(),
      skills: z.array(z.string()),
      difficulties: z.object({ easy: z.int(), medium: z.int(), hard: z.int() }),
      /** Questions asked for but not made. */
      shortfall: z.optional(z.int()),
      /** Questions the model wrote that failed validation, left out. */
      droppedQuestions: z.optional(z.int()),
    }),
  ),
  durationMs: z.number(),
  inputTokens: z.optional(z.int()),
  outputTokens: z.optional(z.int()),
  status: z.enum(EXTRACTION_STATUSES),
  error: z.optional(z.object({ message: z.string(), code: z.string() })),
  createdAt: z.string(),
});
export type ExtractionLog = z.output<typeof ExtractionLog>;

export const ExtractionLogPage = page(ExtractionLog);
