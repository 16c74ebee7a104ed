import { hasAnyRole, type Principal, type StaffRole } from '../shared/principal.ts';
import type { RequisitionStatus } from './requisition.model.ts';
import type { UpdateRequisition } from './requisition.schema.ts';

/** Roles that manage requisitions; interviewers only read the open ones. */
export const REQUISITION_MANAGERS: readonly StaffRole[] = ['recruiter', 'admin'];

export const canManageRequisitions = (principal: Principal): boolean => hasAnyRole(principal, REQUISITION_MANAGERS);

/** Whether a requisition exists at all for this caller (others get a 404, not a 403). */
export const canSeeRequisition = (principal: Principal, requisition: { status: RequisitionStatus }): boolean =>
  canManageRequisitions(principal) || requisition.status === 'open';

/** The one status a non-manager may list. */
export const forcedStatusFilter = (principal: Principal): RequisitionStatus | undefined =>
  canManageRequisitions(principal) ? undefined : 'open';

type EditableField = keyof UpdateRequisition;

const EVERYTHING: readonly EditableField[] = [
  'title',
  'description',
  'department',
  'location',
  'remotePolicy',
  'employmentType',
  'experienceLevel',
  'requiredSkills',
  'niceToHaveSkills',
  'salary',
  'positionsAvailable',
  'positionsFilled',
  'hiringManagerId',
  'jobDescriptionId',
  'assessmentIds',
];

/**
 * Once a requisition is closed or filled, what it offered (title, pay, skills, seats)
 * is history and frozen; bookkeeping stays editable. A cancelled one is frozen whole.
 */
const BOOKKEEPING: readonly EditableField[] = ['description', 'department', 'hiringManagerId', 'positionsFilled'];

export const EDITABLE_FIELDS: Readonly<Record<RequisitionStatus, readonly EditableField[]>> = {
  draft: EVERYTHING,
  open: EVERYTHING,
  paused: EVERYTHING,
  closed: BOOKKEEPING,
  filled: BOOKKEEPING,
  cancelled: [],
};

export const frozenFieldsIn = (status: RequisitionStatus, changes: UpdateRequisition): EditableField[] =>
  (Object.keys(changes) as EditableField[]).filter((field) => !EDITABLE_FIELDS[status].includes(field));
