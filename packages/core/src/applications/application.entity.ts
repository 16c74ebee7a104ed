import { Entity, type EntityItem } from 'electrodb';
import { trackedAttributes } from '../shared/attributes.ts';
import { documentClient, tableName } from '../shared/db.ts';
import { APPLICATION_STAGES, PIPELINE, REJECTION_CODES } from './application.model.ts';

/**
 * AssessmentApplication: one candidate's application to one requisition, and where it
 * stands in the hiring pipeline. One per (candidate, requisition): a UniqueValue claim
 * `candidate-application` = `<candidateId>#<requisitionId>` is written with it.
 *
 * Access patterns (the tenant is always the first composite):
 * - byId                table  pk: tenant + application id                       -> one application
 * - byRequisition       gsi1   pk: tenant + requisition          sk: id  -> a requisition's, newest first
 * - byRequisitionStage  gsi2   pk: tenant + requisition + stage  sk: id  -> one stage of it, newest first
 * - byCandidate         gsi3   pk: tenant + candidate            sk: id  -> a candidate's (matching, erasure)
 * Ids are ULIDs, so sorting by id is sorting by application time. A stage change rebuilds
 * the gsi2 key from the new stage and the (unchanging) requisition, passed as a composite.
 */
export const ApplicationEntity = new Entity(
  {
    model: { entity: 'application', version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      applicationId: { type: 'string', required: true, readOnly: true },
      candidateId: { type: 'string', required: true, readOnly: true },
      requisitionId: { type: 'string', required: true, readOnly: true },
      assessmentId: { type: 'string' },
      stage: { type: APPLICATION_STAGES, required: true, default: 'applied' },
      stageEnteredAt: { type: 'string', required: true },
      /** The furthest pipeline stage ever reached: what the funnel's "entered" counts are built on. */
      furthestStage: { type: PIPELINE, required: true, default: 'applied' },
      /** The last MAX_STAGE_HISTORY moves, oldest first. */
      stageHistory: {
        type: 'list',
        required: true,
        default: () => [],
        items: {
          type: 'map',
          properties: {
            from: { type: APPLICATION_STAGES },
            to: { type: APPLICATION_STAGES, required: true },
            at: { type: 'string', required: true },
            by: { type: 'string', required: true },
            reason: { type: 'string' },
          },
        },
      },
      rejectionReason: {
        type: 'map',
        properties: {
          code: { type: REJECTION_CODES, required: true },
          note: { type: 'string' },
        },
      },
      withdrawnReason: { type: 'string' },
      source: { type: 'string' },
      appliedAt: { type: 'string', required: true, readOnly: true },
      hiredAt: { type: 'string' },
      closedAt: { type: 'string' },
      isActive: { type: 'boolean', required: true, default: true },
      ...trackedAttributes,
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['tenantId', 'applicationId'], casing: 'none' },
        sk: { field: 'sk', composite: [], casing: 'none' },
      },
      byRequisition: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['tenantId', 'requisitionId'], casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['applicationId'], casing: 'none' },
      },
      byRequisitionStage: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: ['tenantId', 'requisitionId', 'stage'], casing: 'none' },
        sk: { field: 'gsi2sk', composite: ['applicationId'], casing: 'none' },
      },
      byCandidate: {
        index: 'gsi3',
        pk: { field: 'gsi3pk', composite: ['tenantId', 'candidateId'], casing: 'none' },
        sk: { field: 'gsi3sk', composite: ['applicationId'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type ApplicationItem = EntityItem<typeof ApplicationEntity>;
