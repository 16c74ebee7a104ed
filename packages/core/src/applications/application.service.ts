import { eventWrite } from '../events/record.ts';
import { auditWrite } from '../platform/audit.ts';
import { isoNow } from '../shared/clock.ts';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { pageOf } from '../shared/paging.ts';
import type { Principal } from '../shared/principal.ts';
import type { Page } from '../shared/schema.ts';
import { put, transactWrite } from '../shared/transaction.ts';
import { UniqueValueEntity } from '../shared/unique.entity.ts';
import { patched, versionedPatch, writeVersioned } from '../shared/versioned-write.ts';
import { ApplicationEntity, type ApplicationItem } from './application.entity.ts';
import { assertApplicationManager } from './application.policy.ts';
import type { Application, CreateApplication, ListApplications, UpdateApplication } from './application.schema.ts';
import { auditView, toApplication } from './application.view.ts';
import { creationDeltas } from './funnel.model.ts';
import { funnelWrite } from './funnel.service.ts';
import { candidateNameOf, readRequisition } from './related.ts';

export { toApplication } from './application.view.ts';

const notFound = (id: string) => new NotFoundError(`Application ${id} was not found.`);

/** The application, or a 404 when this tenant has none of that id. */
export const loadApplication = async (actor: Principal, id: string, consistent = false): Promise<ApplicationItem> => {
  const { data } = await ApplicationEntity.get({ tenantId: actor.tenantId, applicationId: id }).go({ consistent });
  if (!data) throw notFound(id);
  return data;
};

/** Cancellation reasons carry the old item in DynamoDB's wire format. */
const stringIn = (item: Record<string, unknown> | undefined, field: string): string | undefined => {
  const value = item?.[field];
  if (typeof value === 'string') return value;
  return (value as { S?: string } | undefined)?.S;
};

const alreadyApplied = (existingApplicationId: string | undefined) =>
  new ConflictError('This candidate already has an application for this requisition.', {
    errors: [
      { field: 'candidateId', code: 'already_applied', message: 'One application per candidate and requisition' },
    ],
    extensions: existingApplicationId ? { existingApplicationId } : {},
  });

const unknownReference = (field: 'candidateId' | 'requisitionId', what: string) =>
  new ValidationError(`There is no ${what} with this id.`, {
    errors: [{ field, code: 'not_found', message: `No ${what} of your organisation has this id` }],
  });

/**
 * Creates the application in `applied`, with the claim that keeps it the only one of its
 * candidate for its requisition, the funnel's counters and the audit entry, in one transaction.
 */
export const createApplication = async (
  actor: Principal,
  input: CreateApplication,
  applicationId: string = newId('application'),
): Promise<Application> => {
  assertApplicationManager(actor);
  const { tenantId } = actor;
  const [requisition, candidateName] = await Promise.all([
    readRequisition(tenantId, input.requisitionId),
    candidateNameOf(tenantId, input.candidateId),
  ]);
  if (candidateName === undefined) throw unknownReference('candidateId', 'candidate');
  if (!requisition) throw unknownReference('requisitionId', 'requisition');
  if (requisition.status !== 'open') {
    throw new ConflictError(
      `Requisition ${input.requisitionId} is ${requisition.status}: only an open one takes applications.`,
      {
        extensions: { requisitionStatus: requisition.status },
      },
    );
  }
  const now = isoNow();
  const params = ApplicationEntity.create({
    ...input,
    tenantId,
    applicationId,
    stage: 'applied',
    stageEnteredAt: now,
    furthestStage: 'applied',
    stageHistory: [{ to: 'applied', at: now, by: actor.userId }],
    appliedAt: now,
    isActive: true,
    createdBy: actor.userId,
    updatedBy: actor.userId,
  }).params<{ Item: ApplicationItem }>();
  await transactWrite([
    put(params, () => new ConflictError(`Application ${applicationId} already exists.`)),
    put(
      UniqueValueEntity.create({
        scope: tenantId,
        kind: 'candidate-application',
        value: `${input.candidateId}#${input.requisitionId}`,
        ownerId: applicationId,
      }).params(),
      (claim) => alreadyApplied(stringIn(claim, 'ownerId')),
    ),
    funnelWrite(tenantId, input.requisitionId, creationDeltas()),
    // The pair's skill match is scored off the request path.
    eventWrite(actor, 'application.created', {
      applicationId,
      candidateId: input.candidateId,
      requisitionId: input.requisitionId,
    }),
    auditWrite(actor, {
      action: 'application.created',
      entityType: 'application',
      entityId: applicationId,
      after: auditView(params.Item),
    }),
  ]);
  return toApplication(params.Item);
};

export const getApplication = async (actor: Principal, id: string): Promise<Application> => {
  assertApplicationManager(actor);
  return toApplication(await loadApplication(actor, id));
};

const listQuery = (
  tenantId: string,
  { requisitionId, candidateId, stage }: Omit<ListApplications, 'limit' | 'cursor'>,
) => {
  if (requisitionId !== undefined && stage !== undefined) {
    return {
      query: ApplicationEntity.query.byRequisitionStage({ tenantId, requisitionId, stage }),
      partition: 'gsi2pk',
    };
  }
  if (requisitionId !== undefined) {
    return { query: ApplicationEntity.query.byRequisition({ tenantId, requisitionId }), partition: 'gsi1pk' };
  }
  // The query schema guarantees exactly one of the two filters.
  return {
    query: ApplicationEntity.query.byCandidate({ tenantId, candidateId: candidateId ?? '' }),
    partition: 'gsi3pk',
  };
};

export const listApplications = async (actor: Principal, input: ListApplications): Promise<Page<Application>> => {
  assertApplicationManager(actor);
  const { limit, cursor, ...filters } = input;
  const { query, partition } = listQuery(actor.tenantId, filters);
  return pageOf(query, partition, { limit, cursor }, toApplication);
};

type Changes = Partial<Pick<ApplicationItem, 'source' | 'assessmentId' | 'rejectionReason'>>;

const rejectionNoteRefused = (stage: string) =>
  new ConflictError(`Only a rejected application has a rejection note; this one is ${stage}.`, {
    errors: [{ field: 'rejectionNote', code: 'not_rejected', message: 'The application is not rejected' }],
    extensions: { currentStage: stage },
  });

/** Bookkeeping edits; the stage moves through moveApplication only. */
export const updateApplication = async (
  actor: Principal,
  id: string,
  changes: UpdateApplication,
  expectedVersion?: number,
): Promise<Application> => {
  assertApplicationManager(actor);
  await writeVersioned(expectedVersion, {
    label: `Application ${id}`,
    load: () => loadApplication(actor, id),
    decide: (current) => {
      const set: Changes = {};
      const remove: ('source' | 'assessmentId')[] = [];
      const edited: string[] = [];
      for (const field of ['source', 'assessmentId'] as const) {
        const value = changes[field];
        if (value === null) remove.push(field);
        else if (value !== undefined) set[field] = value;
      }
      if (changes.rejectionNote !== undefined) {
        if (!current.rejectionReason) throw rejectionNoteRefused(current.stage);
        const { code } = current.rejectionReason;
        set.rejectionReason = changes.rejectionNote === null ? { code } : { code, note: changes.rejectionNote };
        edited.push('rejectionNote');
      }
      return [
        versionedPatch(
          ApplicationEntity.patch({ tenantId: actor.tenantId, applicationId: id }).set({
            ...set,
            updatedBy: actor.userId,
          }),
          current.version,
          remove,
        ),
        auditWrite(actor, {
          action: 'application.updated',
          entityType: 'application',
          entityId: id,
          before: auditView(current),
          // Free text is named, never quoted (see auditView).
          after: { ...auditView(patched(current, set, remove)), ...(edited.length ? { edited } : {}) },
        }),
      ];
    },
  });
  return toApplication(await loadApplication(actor, id, true));
};
