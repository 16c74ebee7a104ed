import { Entity, type EntityItem } from 'electrodb';
import { documentClient, tableName } from '../shared/db.ts';
import { EXTRACTION_STATUSES, EXTRACTION_SUBJECT_TYPES } from './extraction-log.model.ts';
import { EXTRACTION_PURPOSES, EXTRACTOR_KINDS, SKILL_REQUIREMENTS } from './extractor.ts';
import { extractedSkillAttribute } from './skill.attributes.ts';

/**
 * ExtractionLog: one run of a skill extractor over one text, succeeded or failed: which
 * extractor, model and prompt version, how long, how many tokens, and the skills it found.
 * A question generation logs its runs here too (purpose `question_generation`, subject the
 * question set), with counts of what it made instead of skills.
 * The text itself is never stored (it is personal data and erasable); its SHA-256 and
 * length tell whether two runs read the same text. Written once, never updated; DynamoDB's
 * TTL on `expiresAt` removes it after the audit retention period.
 *
 * No `updatedAt`, `version` or `createdBy`: nobody edits a log entry, and the system writes it.
 *
 * Access patterns (ids are ULIDs, so sorting by id is sorting by time):
 * - byId       table  pk: tenant + extraction id         -> one run
 * - bySubject  gsi1   pk: tenant + subject id   sk: id    -> a candidate's, a job description's or a question set's runs, newest first
 */
export const ExtractionLogEntity = new Entity(
  {
    model: { entity: 'extraction_log', version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      extractionId: { type: 'string', required: true, readOnly: true },
      subjectType: { type: EXTRACTION_SUBJECT_TYPES, required: true, readOnly: true },
      subjectId: { type: 'string', required: true, readOnly: true },
      documentId: { type: 'string', readOnly: true },
      purpose: { type: EXTRACTION_PURPOSES, required: true, readOnly: true },
      extractor: { type: EXTRACTOR_KINDS, required: true, readOnly: true },
      model: { type: 'string', readOnly: true },
      promptVersion: { type: 'string', required: true, readOnly: true },
      inputHash: { type: 'string', required: true, readOnly: true },
      inputLength: { type: 'number', required: true, readOnly: true },
      inputTruncated: { type: 'boolean', readOnly: true },
      output: {
        type: 'map',
        readOnly: true,
        properties: {
          skills: {
            type: 'list',
            required: true,
            items: {
              type: 'map',
              properties: {
                ...extractedSkillAttribute.properties,
                requirement: { type: SKILL_REQUIREMENTS },
              },
            },
          },
          droppedSkills: { type: 'number' },
        },
      },
      /** A question generation's outcome, counted: never the questions themselves. */
      generation: {
        type: 'map',
        readOnly: true,
        properties: {
          questionCount: { type: 'number', required: true },
          skills: { type: 'list', required: true, items: { type: 'string' } },
          difficulties: {
            type: 'map',
            required: true,
            properties: {
              easy: { type: 'number', required: true },
              medium: { type: 'number', required: true },
              hard: { type: 'number', required: true },
            },
          },
          shortfall: { type: 'number' },
          droppedQuestions: { type: 'number' },
        },
      },
      durationMs: { type: 'number', required: true, readOnly: true },
      inputTokens: { type: 'number', readOnly: true },
      outputTokens: { type: 'number', readOnly: true },
      status: { type: EXTRACTION_STATUSES, required: true, readOnly: true },
      error: {
        type: 'map',
        readOnly: true,
        properties: {
          message: { type: 'string', required: true },
          code: { type: 'string', required: true },
        },
      },
      createdAt: { type: 'string', required: true, readOnly: true },
      expiresAt: { type: 'number', required: true, readOnly: true },
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['tenantId', 'extractionId'], casing: 'none' },
        sk: { field: 'sk', composite: [], casing: 'none' },
      },
      bySubject: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['tenantId', 'subjectId'], casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['extractionId'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type ExtractionLogItem = EntityItem<typeof ExtractionLogEntity>;
