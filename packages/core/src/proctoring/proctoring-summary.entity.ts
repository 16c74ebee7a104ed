import { Entity, type EntityItem } from 'electrodb';
import { timestampAttributes } from '../shared/attributes.ts';
import { documentClient, tableName } from '../shared/db.ts';
import { PROCTORING_EVENT_TYPES, PROCTORING_SEVERITIES, VERDICTS } from './proctoring.model.ts';

const severityCounts = {
  type: 'map',
  required: true,
  default: () => ({ low: 0, medium: 0, high: 0, critical: 0 }),
  properties: Object.fromEntries(
    PROCTORING_SEVERITIES.map((severity) => [severity, { type: 'number', required: true }]),
  ) as Record<(typeof PROCTORING_SEVERITIES)[number], { type: 'number'; required: true }>,
} as const;

/**
 * ProctoringSummary: what proctoring concluded about one test session, kept beside it (the
 * session's own item is the test's record, written by scoring and overrides). Evaluation
 * rewrites the score with the version it read; the reviewer's verdict and the candidate's
 * appeal live here too. Made on first need (an event, a snapshot URL).
 *
 * Access patterns:
 * - byId  table  pk: tenant + session id  -> the session's summary
 */
export const ProctoringSummaryEntity = new Entity(
  {
    model: { entity: 'proctoring_summary', version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      testSessionId: { type: 'string', required: true, readOnly: true },
      assessmentId: { type: 'string', required: true, readOnly: true },
      candidateId: { type: 'string', required: true, readOnly: true },
      /** 0-100: 100 less what the counted events cost (integrity.ts). */
      integrityScore: { type: 'number', required: true, default: 100 },
      /** What lowered the score, costliest first. */
      deductions: {
        type: 'list',
        required: true,
        default: () => [],
        items: {
          type: 'map',
          properties: {
            eventType: { type: PROCTORING_EVENT_TYPES, required: true },
            count: { type: 'number', required: true },
            points: { type: 'number', required: true },
            worstSeverity: { type: PROCTORING_SEVERITIES, required: true },
            explanation: { type: 'string', required: true },
          },
        },
      },
      eventCount: { type: 'number', required: true, default: 0 },
      countedEventCount: { type: 'number', required: true, default: 0 },
      severityCounts,
      /** Below the tenant's `autoFlagBelowScore` at the last evaluation. */
      flagged: { type: 'boolean', required: true, default: false },
      /** The first time it was flagged: the recruiter is told once. */
      flaggedAt: { type: 'string' },
      evaluatedAt: { type: 'string' },
      /** Evaluations written: each is conditional on the count it read, so the one that saw the most events writes last. */
      evaluations: { type: 'number', required: true, default: 0 },
      /** Upload URLs issued: the rate limit of snapshots counts these. */
      snapshotUrlsIssued: { type: 'number', required: true, default: 0 },
      acceptedSnapshots: { type: 'number', required: true, default: 0 },
      rejectedSnapshots: { type: 'number', required: true, default: 0 },
      verdict: { type: VERDICTS },
      verdictReason: { type: 'string' },
      verdictBy: { type: 'string' },
      verdictAt: { type: 'string' },
      /** The candidate's own account, sent through their invitation link; shown beside the evidence. */
      appealText: { type: 'string' },
      appealedAt: { type: 'string' },
      ...timestampAttributes,
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['tenantId', 'testSessionId'], casing: 'none' },
        sk: { field: 'sk', composite: [], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type ProctoringSummaryItem = EntityItem<typeof ProctoringSummaryEntity>;
