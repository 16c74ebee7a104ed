import { eventWrite } from '../events/record.ts';
import { releaseRequisition } from '../identity/tenant-usage.ts';
import { auditWrite } from '../platform/audit.ts';
import { RequisitionEntity, type RequisitionItem } from '../requisitions/requisition.entity.ts';
import { toRequisition } from '../requisitions/requisition.service.ts';
import { isoNow } from '../shared/clock.ts';
import { ConflictError } from '../shared/errors.ts';
import type { Principal } from '../shared/principal.ts';
import { type TransactionWrite, update } from '../shared/transaction.ts';
import { patched, versionedPatch, writeVersioned } from '../shared/versioned-write.ts';
import { ApplicationEntity, type ApplicationItem } from './application.entity.ts';
import { type ApplicationStage, MAX_STAGE_HISTORY } from './application.model.ts';
import { assertApplicationManager, assertStageMove } from './application.policy.ts';
import type { Application, MoveStage } from './application.schema.ts';
import { loadApplication } from './application.service.ts';
import { auditView, toApplication } from './application.view.ts';
import { furthestAfter, moveDeltas } from './funnel.model.ts';
import { funnelWrite } from './funnel.service.ts';
import { candidateNameOf, readRequisition } from './related.ts';

/** The requisition changed between our read and our write (a concurrent hire, an edit): decide again. */
class RequisitionMovedError extends Error {}

const ATTEMPTS = 3;

type StageChanges = Partial<
  Pick<
    ApplicationItem,
    | 'stage'
    | 'stageEnteredAt'
    | 'furthestStage'
    | 'stageHistory'
    | 'rejectionReason'
    | 'withdrawnReason'
    | 'hiredAt'
    | 'closedAt'
    | 'isActive'
  >
>;

/** The application after the move: the new stage, its history entry, and what a final stage closes. */
export const stageChanges = (current: ApplicationItem, input: MoveStage, by: string, at: string): StageChanges => {
  const entry = { from: current.stage, to: input.stage, at, by, ...(input.reason ? { reason: input.reason } : {}) };
  const set: StageChanges = {
    stage: input.stage,
    stageEnteredAt: at,
    furthestStage: furthestAfter(current.furthestStage, input.stage),
    stageHistory: [...current.stageHistory, entry].slice(-MAX_STAGE_HISTORY),
  };
  if (input.stage === 'hired' || input.stage === 'rejected' || input.stage === 'withdrawn') {
    Object.assign(set, { closedAt: at, isActive: false });
  }
  if (input.stage === 'hired') set.hiredAt = at;
  if (input.stage === 'rejected' && input.rejection) set.rejectionReason = input.rejection;
  if (input.stage === 'withdrawn' && input.reason) set.withdrawnReason = input.reason;
  return set;
};

const notHiring = (requisition: RequisitionItem) =>
  new ConflictError(
    `Requisition ${requisition.requisitionId} is ${requisition.status}: only an open requisition hires.`,
    { extensions: { requisitionStatus: requisition.status } },
  );

const full = (requisition: RequisitionItem) =>
  new ConflictError(
    `Requisition ${requisition.requisitionId} has all ${requisition.positionsAvailable} positions filled.`,
    {
      extensions: {
        requisitionStatus: requisition.status,
        positionsAvailable: requisition.positionsAvailable,
        positionsFilled: requisition.positionsFilled,
      },
    },
  );

/**
 * A hire takes one seat of the requisition, only if it is still open, has a seat, and is
 * exactly as read; the last seat fills it (no longer active, so the tenant's count of
 * active requisitions is released), as the requisition's own `fill` would.
 */
const hireWrites = (actor: Principal, requisition: RequisitionItem, at: string): TransactionWrite[] => {
  if (requisition.status !== 'open') throw notHiring(requisition);
  if (requisition.positionsFilled >= requisition.positionsAvailable) throw full(requisition);
  const positionsFilled = requisition.positionsFilled + 1;
  const fills = positionsFilled >= requisition.positionsAvailable;
  const set = { positionsFilled, ...(fills ? { status: 'filled' as const, isActive: false, closedAt: at } : {}) };
  const { tenantId, requisitionId, version } = requisition;
  return [
    update(
      RequisitionEntity.patch({ tenantId, requisitionId })
        .set({ ...set, updatedBy: actor.userId })
        .add({ version: 1 })
        .where(
          (attributes, { eq, name }) =>
            `${eq(attributes.version, version)} AND ${eq(attributes.status, 'open')} AND ${name(attributes.positionsFilled)} < ${name(attributes.positionsAvailable)}`,
        )
        .params(),
      () => new RequisitionMovedError(),
    ),
    auditWrite(actor, {
      action: fills ? 'requisition.filled' : 'requisition.position_filled',
      entityType: 'requisition',
      entityId: requisitionId,
      before: toRequisition(requisition),
      after: toRequisition(patched(requisition, { ...set, version: version + 1 })),
    }),
    ...(fills ? [releaseRequisition(tenantId)] : []),
  ];
};

/** The writes of one move, decided on the application and its requisition as read. */
const moveWrites = async (
  actor: Principal,
  current: ApplicationItem,
  input: MoveStage,
): Promise<TransactionWrite[]> => {
  assertStageMove(current.stage, input.stage);
  const { tenantId } = actor;
  const { applicationId, requisitionId } = current;
  const [requisition, candidateName] = await Promise.all([
    readRequisition(tenantId, requisitionId, true),
    candidateNameOf(tenantId, current.candidateId),
  ]);
  if (!requisition) throw new ConflictError(`The requisition of application ${applicationId} no longer exists.`);
  const at = isoNow();
  const set = stageChanges(current, input, actor.userId, at);
  return [
    versionedPatch(
      ApplicationEntity.patch({ tenantId, applicationId })
        .set({ ...set, updatedBy: actor.userId })
        // The stage index's key is rebuilt from the new stage and the requisition it keeps.
        .composite({ requisitionId }),
      current.version,
    ),
    funnelWrite(
      tenantId,
      requisitionId,
      moveDeltas({
        from: current.stage,
        to: input.stage,
        furthest: current.furthestStage,
        stageEnteredAt: current.stageEnteredAt,
        appliedAt: current.appliedAt,
        at,
      }),
    ),
    auditWrite(actor, {
      action: 'application.stage_changed',
      entityType: 'application',
      entityId: applicationId,
      before: auditView(current),
      after: auditView(patched(current, set)),
    }),
    eventWrite(actor, 'application.stage_changed', {
      applicationId,
      // An erased candidate has no name left to carry.
      candidateName: candidateName ?? 'An erased candidate',
      requisitionId,
      requisitionTitle: requisition.title,
      from: current.stage,
      to: input.stage,
      recruiterId: current.createdBy,
      ...(requisition.hiringManagerId ? { hiringManagerId: requisition.hiringManagerId } : {}),
    }),
    ...(input.stage === 'hired' ? hireWrites(actor, requisition, at) : []),
  ];
};

/**
 * Moves an application to another stage: the application, the funnel's counters, the audit
 * entries, the stage_changed event and, for a hire, the requisition's seat, in one
 * transaction. If-Match guards the application; a requisition that changed under a hire is
 * read again and the move decided afresh (a few times, then 409).
 */
export const moveApplication = async (
  actor: Principal,
  id: string,
  input: MoveStage,
  expectedVersion?: number,
): Promise<Application> => {
  assertApplicationManager(actor);
  for (let attempt = 1; ; attempt++) {
    try {
      await writeVersioned(expectedVersion, {
        label: `Application ${id}`,
        load: () => loadApplication(actor, id),
        decide: (current) => moveWrites(actor, current, input),
      });
      return toApplication(await loadApplication(actor, id, true));
    } catch (error) {
      if (!(error instanceof RequisitionMovedError)) throw error;
      if (attempt >= ATTEMPTS) {
        throw new ConflictError('The requisition is being changed by others; try again.', { cause: error });
      }
    }
  }
};

/**
 * The system moves an application on by itself (e.g. a passed assessment advances it to the
 * interview stage), only from the stage it expects: if a person moved it meanwhile, their
 * decision stands and nothing happens. Returns whether it moved.
 */
export const advanceApplication = async (
  cause: Principal,
  id: string,
  { from, to, reason }: { from: ApplicationStage; to: ApplicationStage; reason: string },
): Promise<boolean> => {
  let moved = false;
  await writeVersioned(undefined, {
    label: `Application ${id}`,
    load: () => loadApplication(cause, id, true),
    decide: async (current) => {
      moved = current.stage === from;
      return moved ? moveWrites(cause, current, { stage: to, reason }) : [];
    },
  });
  return moved;
};
