import { Entity, type EntityItem } from 'electrodb';
import { trackedAttributes } from '../shared/attributes.ts';
import { documentClient, tableName } from '../shared/db.ts';
import { ASSESSMENT_STATUSES } from './assessment.model.ts';

/**
 * Assessment: a timed test built from question sets, for one requisition. Publishing it
 * snapshots its questions (`questionIds`), so every candidate of a published assessment
 * gets the same questions however the sets change later.
 *
 * Access patterns (the tenant is always the first composite):
 * - byId           table  pk: tenant + assessment id          -> one assessment
 * - byTenant       gsi1   pk: tenant          sk: id           -> all, newest first
 * - byRequisition  gsi2   pk: tenant + requisition  sk: id     -> a requisition's, newest first
 */
export const AssessmentEntity = new Entity(
  {
    model: { entity: 'assessment', version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      assessmentId: { type: 'string', required: true, readOnly: true },
      requisitionId: { type: 'string', required: true, readOnly: true },
      title: { type: 'string', required: true },
      description: { type: 'string' },
      instructions: { type: 'string' },
      status: { type: ASSESSMENT_STATUSES, required: true },
      questionSetIds: { type: 'list', required: true, items: { type: 'string' } },
      durationMinutes: { type: 'number', required: true },
      passingScore: { type: 'number', required: true },
      /** ISO instants; a session never runs past `availableUntil`. */
      availableFrom: { type: 'string' },
      availableUntil: { type: 'string' },
      attemptsAllowed: { type: 'number', required: true },
      shuffleQuestions: { type: 'boolean', required: true },
      shuffleOptions: { type: 'boolean', required: true },
      invitationValidDays: { type: 'number', required: true },
      proctoring: {
        type: 'map',
        required: true,
        properties: {
          required: { type: 'boolean', required: true },
          snapshotIntervalSeconds: { type: 'number', required: true },
          allowedEvents: { type: 'list', required: true, items: { type: 'string' } },
        },
      },
      /** Set on publish: the questions in the order candidates get them (before any shuffle). */
      questionIds: { type: 'list', items: { type: 'string' } },
      questionCount: { type: 'number' },
      totalPoints: { type: 'number' },
      /** The skills the questions are tagged with, for per-skill results. */
      skills: { type: 'list', items: { type: 'string' } },
      isPublished: { type: 'boolean', required: true, default: false },
      publishedAt: { type: 'string' },
      publishedBy: { type: 'string' },
      archivedAt: { type: 'string' },
      ...trackedAttributes,
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['tenantId', 'assessmentId'], casing: 'none' },
        sk: { field: 'sk', composite: [], casing: 'none' },
      },
      byTenant: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['tenantId'], casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['assessmentId'], casing: 'none' },
      },
      byRequisition: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: ['tenantId', 'requisitionId'], casing: 'none' },
        sk: { field: 'gsi2sk', composite: ['assessmentId'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type AssessmentItem = EntityItem<typeof AssessmentEntity>;
