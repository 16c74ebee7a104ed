import { createHash } from 'node:crypto';
import { type Clock, isoNow, systemClock } from '../shared/clock.ts';
import { ENV } from '../shared/env.ts';
import { NotFoundError } from '../shared/errors.ts';
import { pageOf } from '../shared/paging.ts';
import type { Page } from '../shared/schema.ts';
import { ExtractionLogEntity, type ExtractionLogItem } from './extraction-log.entity.ts';
import type { ExtractionSubjectType } from './extraction-log.model.ts';
import { ExtractionLog } from './extraction-log.schema.ts';
import type { ExtractionOutput, ExtractionPurpose, ExtractorKind } from './extractor.ts';

export const toExtractionLog = ({ extractionId, tenantId: _tenant, expiresAt: _ttl, ...item }: ExtractionLogItem) =>
  ExtractionLog.parse({ ...item, id: extractionId });

const DEFAULT_RETENTION_DAYS = 400;
const MAX_ERROR_MESSAGE = 500;
const BATCH_ATTEMPTS = 3;

/** Kept as long as audit entries (AUDIT_RETENTION_DAYS, 400 days when unset): both explain past decisions. */
const retentionDays = (): number => {
  const configured = Number(process.env[ENV.auditRetentionDays]);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_RETENTION_DAYS;
};

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export interface ExtractionRecord {
  tenantId: string;
  extractionId: string;
  subject: { type: ExtractionSubjectType; id: string };
  documentId?: string | undefined;
  purpose: ExtractionPurpose;
  extractor: ExtractorKind;
  text: string;
  durationMs: number;
  result: { output: ExtractionOutput } | { error: unknown };
}

const errorOf = (error: unknown): { message: string; code: string } => {
  const code = (error as { code?: unknown })?.code;
  return {
    message: (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_MESSAGE),
    code: typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown',
  };
};

/** Writes the log entry of one run: the hash and length of the text, never the text. */
export const writeExtractionLog = async (record: ExtractionRecord, clock: Clock = systemClock): Promise<void> => {
  const createdAt = isoNow(clock);
  const succeeded = 'output' in record.result ? record.result.output : undefined;
  await ExtractionLogEntity.create({
    tenantId: record.tenantId,
    extractionId: record.extractionId,
    subjectType: record.subject.type,
    subjectId: record.subject.id,
    documentId: record.documentId,
    purpose: record.purpose,
    extractor: succeeded?.extractor ?? record.extractor,
    model: succeeded?.model,
    promptVersion: succeeded?.promptVersion ?? 'unknown',
    inputHash: sha256(record.text),
    inputLength: record.text.length,
    inputTruncated: succeeded?.inputTruncated,
    output: succeeded ? { skills: succeeded.skills, droppedSkills: succeeded.droppedSkills } : undefined,
    durationMs: Math.round(record.durationMs),
    inputTokens: succeeded?.inputTokens,
    outputTokens: succeeded?.outputTokens,
    status: succeeded ? 'succeeded' : 'failed',
    error: 'error' in record.result ? errorOf(record.result.error) : undefined,
    createdAt,
    expiresAt: Math.floor(Date.parse(createdAt) / 1000) + retentionDays() * 86_400,
  }).go();
};

/** What a question generation made, counted: never the questions themselves. */
export interface GenerationSummary {
  questionCount: number;
  /** The skills the questions test (their skill tags), each once. */
  skills: string[];
  difficulties: { easy: number; medium: number; hard: number };
  shortfall?: number | undefined;
  droppedQuestions?: number | undefined;
}

export interface GenerationRecord {
  tenantId: string;
  extractionId: string;
  /** The set the run makes (or would have made). */
  questionSetId: string;
  generator: ExtractorKind;
  model?: string | undefined;
  promptVersion: string;
  /** What was sent to the generator (skills, counts, job description text): hashed and measured, never stored. */
  text: string;
  inputTruncated?: boolean | undefined;
  inputTokens?: number | undefined;
  outputTokens?: number | undefined;
  durationMs: number;
  result: { summary: GenerationSummary } | { error: unknown };
}

/** Writes the log entry of one question generation: counts of what it made, never its input text or its questions. */
export const writeGenerationLog = async (record: GenerationRecord, clock: Clock = systemClock): Promise<void> => {
  const createdAt = isoNow(clock);
  const summary = 'summary' in record.result ? record.result.summary : undefined;
  await ExtractionLogEntity.create({
    tenantId: record.tenantId,
    extractionId: record.extractionId,
    subjectType: 'question_set',
    subjectId: record.questionSetId,
    purpose: 'question_generation',
    extractor: record.generator,
    model: record.model,
    promptVersion: record.promptVersion,
    inputHash: sha256(record.text),
    inputLength: record.text.length,
    inputTruncated: record.inputTruncated,
    generation: summary,
    durationMs: Math.round(record.durationMs),
    inputTokens: record.inputTokens,
    outputTokens: record.outputTokens,
    status: summary ? 'succeeded' : 'failed',
    error: 'error' in record.result ? errorOf(record.result.error) : undefined,
    createdAt,
    expiresAt: Math.floor(Date.parse(createdAt) / 1000) + retentionDays() * 86_400,
  }).go();
};

export const getExtraction = async (tenantId: string, extractionId: string): Promise<ExtractionLog> => {
  const { data } = await ExtractionLogEntity.get({ tenantId, extractionId }).go();
  if (!data) throw new NotFoundError(`Extraction ${extractionId} was not found.`);
  return toExtractionLog(data);
};

/** A subject's extraction runs, newest first. */
export const listExtractions = (
  tenantId: string,
  subjectId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<ExtractionLog>> =>
  pageOf(ExtractionLogEntity.query.bySubject({ tenantId, subjectId }), 'gsi1pk', page, toExtractionLog);

/** Deletes every run of a subject (erasure: their evidence quotes the subject's text); returns how many. */
export const deleteExtractionsOfSubject = async (tenantId: string, subjectId: string): Promise<number> => {
  const { data } = await ExtractionLogEntity.query
    .bySubject({ tenantId, subjectId })
    .go({ pages: 'all', attributes: ['extractionId'] });
  let keys = data.map(({ extractionId }) => ({ tenantId, extractionId }));
  for (let attempt = 1; keys.length; attempt++) {
    const { unprocessed } = await ExtractionLogEntity.delete(keys).go();
    if (unprocessed.length && attempt >= BATCH_ATTEMPTS) {
      throw new Error(`${unprocessed.length} extraction logs of ${subjectId} could not be deleted.`);
    }
    keys = unprocessed.map(({ extractionId }) => ({ tenantId, extractionId }));
  }
  return data.length;
};
