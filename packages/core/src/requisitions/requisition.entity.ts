import { Entity, type EntityItem } from 'electrodb';
import { statedSkillListAttribute } from '../extraction/skill.attributes.ts';
import { trackedAttributes } from '../shared/attributes.ts';
import { documentClient, tableName } from '../shared/db.ts';
import {
  EMPLOYMENT_TYPES,
  EXPERIENCE_LEVELS,
  REMOTE_POLICIES,
  REQUISITION_STATUSES,
  SALARY_PERIODS,
} from './requisition.model.ts';

/**
 * JobRequisition: an opening the tenant is hiring for.
 *
 * Access patterns (every one a Get or a Query; the tenant is always the first composite):
 * - byId            table  pk: tenant + requisition id                   -> one requisition
 * - byTenant        gsi1   pk: tenant              sk: id  -> all, newest first
 * - byStatus        gsi2   pk: tenant + status     sk: id  -> one status, newest first
 * - byCreator       gsi3   pk: tenant + createdBy  sk: id  -> "mine", newest first
 * - byHiringManager gsi4   pk: tenant + manager    sk: id  -> a manager's, newest first (sparse)
 * Ids are ULIDs, so sorting by id is sorting by creation time; and since the id is part of
 * the item's key, a status or manager change can rebuild the index keys without a read.
 * A second filter on top of one of these (e.g. mine + status) is a filter expression on that Query.
 */
/** Cannot collide with a user id, which never contains '#'. */
export const NO_MANAGER = '#none';

/** What `managerIndexKey` must hold for a requisition with this hiring manager. */
export const managerIndexKeyOf = (hiringManagerId: string | null | undefined): string => hiringManagerId ?? NO_MANAGER;

export const RequisitionEntity = new Entity(
  {
    model: { entity: 'requisition', version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      requisitionId: { type: 'string', required: true, readOnly: true },
      title: { type: 'string', required: true },
      description: { type: 'string' },
      department: { type: 'string' },
      location: { type: 'string' },
      remotePolicy: { type: REMOTE_POLICIES },
      employmentType: { type: EMPLOYMENT_TYPES },
      experienceLevel: { type: EXPERIENCE_LEVELS },
      requiredSkills: statedSkillListAttribute,
      niceToHaveSkills: statedSkillListAttribute,
      salary: {
        type: 'map',
        properties: {
          min: { type: 'number', required: true },
          max: { type: 'number', required: true },
          currency: { type: 'string', required: true },
          period: { type: SALARY_PERIODS, required: true },
        },
      },
      positionsAvailable: { type: 'number', required: true, default: 1 },
      positionsFilled: { type: 'number', required: true, default: 0 },
      hiringManagerId: { type: 'string' },
      /**
       * The hiring manager as the sparse index sees it. ElectroDB needs every composite of an
       * index on every write, so "no manager" is a value the index condition leaves out.
       */
      managerIndexKey: { type: 'string', required: true, hidden: true },
      jobDescriptionId: { type: 'string' },
      /** The job-role template it was made from; set on create only. */
      roleId: { type: 'string', readOnly: true },
      assessmentIds: { type: 'list', items: { type: 'string' }, default: () => [] },
      status: { type: REQUISITION_STATUSES, required: true, default: 'draft' },
      isActive: { type: 'boolean', required: true, default: true },
      publishedAt: { type: 'string' },
      closedAt: { type: 'string' },
      closeReason: { type: 'string' },
      ...trackedAttributes,
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['tenantId', 'requisitionId'], casing: 'none' },
        sk: { field: 'sk', composite: [], casing: 'none' },
      },
      byTenant: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['tenantId'], casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['requisitionId'], casing: 'none' },
      },
      byStatus: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: ['tenantId', 'status'], casing: 'none' },
        sk: { field: 'gsi2sk', composite: ['requisitionId'], casing: 'none' },
      },
      byCreator: {
        index: 'gsi3',
        pk: { field: 'gsi3pk', composite: ['tenantId', 'createdBy'], casing: 'none' },
        sk: { field: 'gsi3sk', composite: ['requisitionId'], casing: 'none' },
      },
      byHiringManager: {
        index: 'gsi4',
        // Sparse: only requisitions with a hiring manager are in this index.
        condition: (attributes) => attributes.managerIndexKey !== NO_MANAGER,
        pk: { field: 'gsi4pk', composite: ['tenantId', 'managerIndexKey'], casing: 'none' },
        sk: { field: 'gsi4sk', composite: ['requisitionId'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type RequisitionItem = EntityItem<typeof RequisitionEntity>;
