import { Entity, type EntityItem } from 'electrodb';
import { timestampAttributes } from '../shared/attributes.ts';
import { documentClient, tableName } from '../shared/db.ts';
import {
  EVENT_SOURCES,
  NOT_QUEUED,
  PROCTORING_EVENT_TYPES,
  PROCTORING_SEVERITIES,
  REVIEW_STATUSES,
} from './proctoring.model.ts';

/**
 * ProctoringEvent: one signal from a test session (the test page's report, or our analysis
 * of a snapshot). Its id is derived from the session and the page's `clientEventId`, minted
 * at `detectedAt`, so a batch sent twice writes each event once (creation is conditional on
 * the key). Evidence for a person, never a verdict.
 *
 * Access patterns:
 * - byId         table  pk: tenant + event id                                        -> one event
 * - bySession    gsi1   pk: tenant + session          sk: detectedAt + id           -> a session's timeline
 * - reviewQueue  gsi2   pk: tenant + queue            sk: severity rank + detectedAt -> flagged and pending, worst first (sparse)
 * - byStatus     gsi3   pk: tenant + review status + severity  sk: detectedAt + id  -> the tenant's events by decision and severity
 */
export const ProctoringEventEntity = new Entity(
  {
    model: { entity: 'proctoring_event', version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      proctoringEventId: { type: 'string', required: true, readOnly: true },
      testSessionId: { type: 'string', required: true, readOnly: true },
      assessmentId: { type: 'string', required: true, readOnly: true },
      candidateId: { type: 'string', required: true, readOnly: true },
      /** The page's own id of the event: the de-duplication key within a session. */
      clientEventId: { type: 'string', required: true, readOnly: true },
      source: { type: EVENT_SOURCES, required: true, readOnly: true },
      eventType: { type: PROCTORING_EVENT_TYPES, required: true, readOnly: true },
      /** ISO, as the page reports it (checked against the session's window on the server's clock). */
      detectedAt: { type: 'string', required: true, readOnly: true },
      durationSeconds: { type: 'number', readOnly: true },
      /** The snapshot an analysis event was found in. */
      snapshotId: { type: 'string', readOnly: true },
      /** Small facts about the event (e.g. `faceCount`), flat and bounded by the ingestion schema. */
      metadata: { type: 'any', readOnly: true },
      /** The tenant's severity for the type on arrival; evaluation escalates it by duration and frequency. */
      severity: { type: PROCTORING_SEVERITIES, required: true },
      /** 0 (critical) to 3 (low): the review queue sorts on it, worst first. */
      severityRank: { type: 'string', required: true },
      /** False for a type the assessment allows, and for a dismissed event: it lowers no score. */
      counted: { type: 'boolean', required: true, default: true },
      /** Worth a person's look: high or critical, or any counted event of a flagged session. */
      flagged: { type: 'boolean', required: true, default: false },
      /** `pending` while flagged and undecided (the review queue), NOT_QUEUED otherwise. */
      reviewQueue: { type: 'string', required: true, default: NOT_QUEUED },
      reviewStatus: { type: REVIEW_STATUSES, required: true, default: 'pending' },
      reviewedBy: { type: 'string' },
      reviewedAt: { type: 'string' },
      reviewNotes: { type: 'string' },
      /** When evaluation last settled its severity and flag; absent until the queue got to it. */
      evaluatedAt: { type: 'string' },
      ...timestampAttributes,
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['tenantId', 'proctoringEventId'], casing: 'none' },
        sk: { field: 'sk', composite: [], casing: 'none' },
      },
      bySession: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['tenantId', 'testSessionId'], casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['detectedAt', 'proctoringEventId'], casing: 'none' },
      },
      reviewQueue: {
        index: 'gsi2',
        condition: (attributes) => attributes.reviewQueue !== NOT_QUEUED,
        pk: { field: 'gsi2pk', composite: ['tenantId', 'reviewQueue'], casing: 'none' },
        sk: { field: 'gsi2sk', composite: ['severityRank', 'detectedAt', 'proctoringEventId'], casing: 'none' },
      },
      byStatus: {
        index: 'gsi3',
        pk: { field: 'gsi3pk', composite: ['tenantId', 'reviewStatus', 'severity'], casing: 'none' },
        sk: { field: 'gsi3sk', composite: ['detectedAt', 'proctoringEventId'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type ProctoringEventItem = EntityItem<typeof ProctoringEventEntity>;
