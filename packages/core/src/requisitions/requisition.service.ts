import { eventWrite } from '../events/record.ts';
import { claimRequisition, releaseRequisition } from '../identity/tenant-usage.ts';
import { requisitionDefaultsFromJobDescription } from '../job-descriptions/requisition-defaults.ts';
import { auditWrite } from '../platform/audit.ts';
import { metricWrites } from '../platform/metric.service.ts';
import { isoNow } from '../shared/clock.ts';
import {
  ConflictError,
  ForbiddenError,
  IllegalTransitionError,
  NotFoundError,
  ValidationError,
} from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { pageOf } from '../shared/paging.ts';
import type { Principal } from '../shared/principal.ts';
import type { Page } from '../shared/schema.ts';
import { allowedNext } from '../shared/state-machine.ts';
import { put, type TransactionWrite, transactWrite } from '../shared/transaction.ts';
import { patched, versionedPatch, writeVersioned } from '../shared/versioned-write.ts';
import { requisitionDefaultsFromRole } from '../skills/role.service.ts';
import { managerIndexKeyOf, RequisitionEntity, type RequisitionItem } from './requisition.entity.ts';
import { isActiveStatus } from './requisition.model.ts';
import { canManageRequisitions, canSeeRequisition, forcedStatusFilter, frozenFieldsIn } from './requisition.policy.ts';
import { missingForPublish, positionsError } from './requisition.rules.ts';
import {
  type CreateRequisition,
  type ListRequisitions,
  Requisition,
  type TransitionRequisition,
  type UpdateRequisition,
} from './requisition.schema.ts';
import {
  actionsFrom,
  REQUISITION_ACTIONS,
  REQUISITION_TRANSITIONS,
  type RequisitionAction,
} from './requisition.status.ts';

/** What the API shows: the item without tenant or key attributes, `requisitionId` as `id`. */
export const toRequisition = ({ requisitionId, ...item }: RequisitionItem): Requisition =>
  Requisition.parse({ id: requisitionId, ...item });

const notFound = (id: string) => new NotFoundError(`Requisition ${id} was not found.`);

const assertManager = (actor: Principal): void => {
  if (!canManageRequisitions(actor)) throw new ForbiddenError('Only recruiters and admins manage requisitions.');
};

const load = async (actor: Principal, id: string, consistent = false): Promise<RequisitionItem> => {
  const { data } = await RequisitionEntity.get({ tenantId: actor.tenantId, requisitionId: id }).go({ consistent });
  if (!data || !canSeeRequisition(actor, data)) throw notFound(id);
  return data;
};

type Changes = Partial<Omit<RequisitionItem, 'tenantId' | 'requisitionId' | 'createdAt' | 'createdBy' | 'version'>> & {
  managerIndexKey?: string;
};

interface Decision {
  set: Changes;
  remove: (keyof Changes)[];
  /** `requisition.<verb>` in the audit trail. */
  verb: string;
  /** Domain events the change causes, recorded in its transaction. */
  events?: TransactionWrite[];
}

/**
 * Writes `changes` with their audit entry, and the tenant's active-requisition count when
 * the requisition stops being active, in one transaction guarded by the version read.
 */
const writeChanges = async (
  actor: Principal,
  id: string,
  expectedVersion: number | undefined,
  decide: (current: RequisitionItem) => Decision,
): Promise<Requisition> => {
  await writeVersioned(expectedVersion, {
    label: `Requisition ${id}`,
    load: () => load(actor, id),
    decide: (current) => {
      const { set, remove, verb, events = [] } = decide(current);
      const stopsBeingActive = current.isActive && set.isActive === false;
      return [
        versionedPatch(
          RequisitionEntity.patch({ tenantId: actor.tenantId, requisitionId: id }).set({
            ...set,
            updatedBy: actor.userId,
          }),
          current.version,
          remove,
        ),
        auditWrite(actor, {
          action: `requisition.${verb}`,
          entityType: 'requisition',
          entityId: id,
          before: toRequisition(current),
          after: toRequisition(patched(current, set, remove)),
        }),
        ...(stopsBeingActive ? [releaseRequisition(actor.tenantId)] : []),
        ...events,
      ];
    },
  });
  return toRequisition(await load(actor, id, true));
};

export const createRequisition = async (
  actor: Principal,
  input: CreateRequisition,
  requisitionId: string = newId('requisition'),
): Promise<Requisition> => {
  assertManager(actor);
  // A role's and a job description's fields are defaults (the posting's skills over the
  // role's): whatever the body gives wins.
  const fields = {
    ...(input.roleId ? await requisitionDefaultsFromRole(actor.tenantId, input.roleId) : {}),
    ...(input.jobDescriptionId
      ? await requisitionDefaultsFromJobDescription(actor.tenantId, input.jobDescriptionId)
      : {}),
    ...input,
  };
  const { title } = fields;
  if (title === undefined) {
    throw new ValidationError('A requisition needs a title.', {
      errors: [
        { field: 'title', code: 'required', message: 'Give a title, or a roleId or jobDescriptionId to take it from' },
      ],
    });
  }
  const create = RequisitionEntity.create({
    ...fields,
    title,
    tenantId: actor.tenantId,
    requisitionId,
    managerIndexKey: managerIndexKeyOf(fields.hiringManagerId),
    status: 'draft',
    isActive: true,
    createdBy: actor.userId,
    updatedBy: actor.userId,
  });
  // The item as written, defaults and timestamps included: no read after the write.
  const params = create.params<{ Item: RequisitionItem }>();
  await transactWrite([
    put(params, () => new ConflictError(`Requisition ${requisitionId} already exists.`)),
    claimRequisition(actor.tenantId),
    ...metricWrites(actor.tenantId, 'requisitions_created'),
    auditWrite(actor, {
      action: 'requisition.created',
      entityType: 'requisition',
      entityId: requisitionId,
      after: fields,
    }),
  ]);
  return toRequisition(params.Item);
};

export const getRequisition = async (actor: Principal, id: string): Promise<Requisition> =>
  toRequisition(await load(actor, id));

/** Picks the index that serves the strongest filter; any second filter narrows that Query. */
const listQuery = (actor: Principal, filters: Omit<ListRequisitions, 'limit' | 'cursor'>) => {
  const { tenantId } = actor;
  const status = forcedStatusFilter(actor) ?? filters.status;
  if (filters.mine) {
    const query = RequisitionEntity.query.byCreator({ tenantId, createdBy: actor.userId });
    return { query, partitionIndex: 'gsi3pk', residual: { status, hiringManagerId: filters.hiringManagerId } };
  }
  if (filters.hiringManagerId !== undefined) {
    const query = RequisitionEntity.query.byHiringManager({
      tenantId,
      managerIndexKey: managerIndexKeyOf(filters.hiringManagerId),
    });
    return { query, partitionIndex: 'gsi4pk', residual: { status, hiringManagerId: undefined } };
  }
  if (status !== undefined) {
    const query = RequisitionEntity.query.byStatus({ tenantId, status });
    return { query, partitionIndex: 'gsi2pk', residual: { status: undefined, hiringManagerId: undefined } };
  }
  const query = RequisitionEntity.query.byTenant({ tenantId });
  return { query, partitionIndex: 'gsi1pk', residual: { status: undefined, hiringManagerId: undefined } };
};

export const listRequisitions = async (actor: Principal, input: ListRequisitions): Promise<Page<Requisition>> => {
  const { limit, cursor, ...filters } = input;
  const { query, partitionIndex, residual } = listQuery(actor, filters);
  const filtered = query.where(({ status, hiringManagerId }, { eq }) =>
    [
      residual.status === undefined ? '' : eq(status, residual.status),
      residual.hiringManagerId === undefined ? '' : eq(hiringManagerId, residual.hiringManagerId),
    ]
      .filter(Boolean)
      .join(' AND '),
  );
  return pageOf(filtered, partitionIndex, { limit, cursor }, toRequisition);
};

export const updateRequisition = async (
  actor: Principal,
  id: string,
  changes: UpdateRequisition,
  expectedVersion?: number,
): Promise<Requisition> => {
  assertManager(actor);
  return writeChanges(actor, id, expectedVersion, (current) => {
    const frozen = frozenFieldsIn(current.status, changes);
    if (frozen.length) {
      throw new ConflictError(`These fields cannot change while the requisition is ${current.status}.`, {
        errors: frozen.map((field) => ({ field, code: 'frozen', message: `${field} is frozen in ${current.status}` })),
        extensions: { currentStatus: current.status },
      });
    }
    const errors = positionsError({
      positionsAvailable: changes.positionsAvailable ?? current.positionsAvailable,
      positionsFilled: changes.positionsFilled ?? current.positionsFilled,
    });
    if (errors.length) throw new ValidationError('The positions do not add up.', { errors });
    const set: Changes = {};
    const remove: (keyof Changes)[] = [];
    for (const [field, value] of Object.entries(changes) as [keyof UpdateRequisition, unknown][]) {
      if (value === null) remove.push(field);
      else Object.assign(set, { [field]: value });
    }
    if (changes.hiringManagerId !== undefined) set.managerIndexKey = managerIndexKeyOf(changes.hiringManagerId);
    // Applicants were scored against the old skills: they are scored again, off the request path.
    const skillsChanged = changes.requiredSkills !== undefined || changes.niceToHaveSkills !== undefined;
    const events = skillsChanged
      ? [eventWrite(actor, 'requisition.skills_changed', { requisitionId: id, version: current.version + 1 })]
      : [];
    return { set, remove, verb: 'updated', events };
  });
};

const PAST_TENSE: Record<RequisitionAction, string> = {
  publish: 'published',
  pause: 'paused',
  resume: 'resumed',
  close: 'closed',
  fill: 'filled',
  cancel: 'cancelled',
};

export const transitionRequisition = async (
  actor: Principal,
  id: string,
  action: RequisitionAction,
  input: TransitionRequisition,
  expectedVersion?: number,
): Promise<Requisition> => {
  assertManager(actor);
  const target = REQUISITION_ACTIONS[action];
  return writeChanges(actor, id, expectedVersion, (current) => {
    const allowedActions = actionsFrom(current.status);
    if (!allowedActions.includes(action)) {
      throw new IllegalTransitionError(
        `Cannot ${action} a requisition that is ${current.status}. ${allowedActions.length ? `Allowed: ${allowedActions.join(', ')}.` : `'${current.status}' is final.`}`,
        {
          extensions: {
            currentStatus: current.status,
            allowedNextStatuses: allowedNext(REQUISITION_TRANSITIONS, current.status),
            allowedActions,
          },
        },
      );
    }
    if (target === 'open' && current.status === 'draft') {
      const errors = missingForPublish(current);
      if (errors.length) {
        throw new ConflictError('The requisition is not complete enough to publish.', { errors });
      }
    }
    const now = isoNow();
    const set: Changes = { status: target, isActive: isActiveStatus(target) };
    if (target === 'open' && current.publishedAt === undefined) set.publishedAt = now;
    if (!isActiveStatus(target)) {
      set.closedAt = now;
      if (input.reason !== undefined) set.closeReason = input.reason;
    }
    if (target === 'filled') set.positionsFilled = current.positionsAvailable;
    // Published once: pausing and resuming an open requisition tells nobody anything new.
    const published = target === 'open' && current.status === 'draft';
    const events = published
      ? [
          eventWrite(actor, 'requisition.published', {
            requisitionId: current.requisitionId,
            title: current.title,
            createdBy: current.createdBy,
            ...(current.hiringManagerId ? { hiringManagerId: current.hiringManagerId } : {}),
          }),
        ]
      : [];
    return { set, remove: [], verb: PAST_TENSE[action], events };
  });
};
