import { readRequisition } from '../applications/related.ts';
import { auditWrite } from '../platform/audit.ts';
import { isoNow } from '../shared/clock.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { pageOf } from '../shared/paging.ts';
import { hasAnyRole, type Principal } from '../shared/principal.ts';
import type { Page } from '../shared/schema.ts';
import { assertTransition } from '../shared/state-machine.ts';
import { put, transactWrite } from '../shared/transaction.ts';
import { patched, versionedPatch, writeVersioned } from '../shared/versioned-write.ts';
import { AssessmentEntity, type AssessmentItem } from './assessment.entity.ts';
import type { AssessmentStatus } from './assessment.model.ts';
import { ASSESSMENT_MANAGERS, frozenFieldErrors, snapshotOf } from './assessment.policy.ts';
import { Assessment, type CreateAssessment, type ListAssessments, type UpdateAssessment } from './assessment.schema.ts';
import { ASSESSMENT_TRANSITIONS } from './assessment.status.ts';
import { liveSnapshotOf, loadQuestionSet, lockQuestionSetsWrites } from './question-set.service.ts';

export const toAssessment = ({ assessmentId, tenantId: _tenant, ...item }: AssessmentItem): Assessment =>
  Assessment.parse({ ...item, id: assessmentId });

/** What the audit trail keeps of an assessment: its settings, not its question list. */
const auditView = ({ questionIds: _questions, tenantId: _tenant, ...item }: Partial<AssessmentItem>) => item;

export const assertAssessmentManager = (actor: Principal): void => {
  if (!hasAnyRole(actor, ASSESSMENT_MANAGERS))
    throw new ForbiddenError('Only recruiters and admins manage assessments.');
};

const notFound = (id: string) => new NotFoundError(`Assessment ${id} was not found.`);

/** The assessment, or a 404 when this tenant has none of that id. */
export const loadAssessment = async (tenantId: string, id: string, consistent = false): Promise<AssessmentItem> => {
  const { data } = await AssessmentEntity.get({ tenantId, assessmentId: id }).go({ consistent });
  if (!data) throw notFound(id);
  return data;
};

const invalid = (field: string, code: string, message: string, detail: string) =>
  new ValidationError(detail, { errors: [{ field, code, message }] });

/** Every set must be a live set of the tenant: a missing one is the caller's 400, naming its position. */
const assertQuestionSets = async (tenantId: string, ids: readonly string[]): Promise<void> => {
  const found = await Promise.all(
    ids.map((id) =>
      loadQuestionSet(tenantId, id).then(
        () => true,
        (error: unknown) => {
          if (error instanceof NotFoundError) return false;
          throw error;
        },
      ),
    ),
  );
  const missing = found.flatMap((ok, index) => (ok ? [] : [index]));
  if (missing.length) {
    throw new ValidationError('Some question sets do not exist.', {
      errors: missing.map((index) => ({
        field: `questionSetIds.${index}`,
        code: 'not_found',
        message: 'No question set of your organisation has this id',
      })),
    });
  }
};

const assertRequisition = async (tenantId: string, requisitionId: string): Promise<void> => {
  const requisition = await readRequisition(tenantId, requisitionId);
  if (!requisition) {
    throw invalid(
      'requisitionId',
      'not_found',
      'No requisition of your organisation has this id',
      'There is no requisition with this id.',
    );
  }
  if (!requisition.isActive) {
    throw new ConflictError(`Requisition ${requisitionId} is ${requisition.status}: it takes no new assessments.`, {
      extensions: { requisitionStatus: requisition.status },
    });
  }
};

export const createAssessment = async (
  actor: Principal,
  input: CreateAssessment,
  assessmentId: string = newId('assessment'),
): Promise<Assessment> => {
  assertAssessmentManager(actor);
  await Promise.all([
    assertRequisition(actor.tenantId, input.requisitionId),
    assertQuestionSets(actor.tenantId, input.questionSetIds),
  ]);
  const params = AssessmentEntity.create({
    ...input,
    tenantId: actor.tenantId,
    assessmentId,
    status: 'draft',
    isPublished: false,
    createdBy: actor.userId,
    updatedBy: actor.userId,
  }).params<{ Item: AssessmentItem }>();
  await transactWrite([
    put(params, () => new ConflictError(`Assessment ${assessmentId} already exists.`)),
    auditWrite(actor, {
      action: 'assessment.created',
      entityType: 'assessment',
      entityId: assessmentId,
      after: auditView(params.Item),
    }),
  ]);
  return toAssessment(params.Item);
};

export const getAssessment = async (actor: Principal, id: string): Promise<Assessment> => {
  assertAssessmentManager(actor);
  return toAssessment(await loadAssessment(actor.tenantId, id));
};

/** Newest first: the tenant's, or one requisition's. */
export const listAssessments = async (actor: Principal, input: ListAssessments): Promise<Page<Assessment>> => {
  assertAssessmentManager(actor);
  const { tenantId } = actor;
  return input.requisitionId
    ? pageOf(
        AssessmentEntity.query.byRequisition({ tenantId, requisitionId: input.requisitionId }),
        'gsi2pk',
        input,
        toAssessment,
      )
    : pageOf(AssessmentEntity.query.byTenant({ tenantId }), 'gsi1pk', input, toAssessment);
};

const NULLABLE = ['description', 'instructions', 'availableFrom', 'availableUntil'] as const;

/** Settings change at any time; what candidates are tested on only while it is a draft. */
export const updateAssessment = async (
  actor: Principal,
  id: string,
  changes: UpdateAssessment,
  expectedVersion?: number,
): Promise<Assessment> => {
  assertAssessmentManager(actor);
  await writeVersioned(expectedVersion, {
    label: `Assessment ${id}`,
    load: () => loadAssessment(actor.tenantId, id),
    decide: async (current) => {
      if (current.status === 'archived') throw new ConflictError(`Assessment ${id} is archived: it cannot change.`);
      const frozen = frozenFieldErrors(current.status, changes);
      if (frozen.length) throw new ConflictError('A published assessment keeps what it tests.', { errors: frozen });
      if (changes.questionSetIds) await assertQuestionSets(actor.tenantId, changes.questionSetIds);
      const removed = NULLABLE.filter((field) => changes[field] === null);
      const set = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== null));
      const next = patched(current, set, removed);
      if (
        next.availableFrom &&
        next.availableUntil &&
        Date.parse(next.availableFrom) >= Date.parse(next.availableUntil)
      ) {
        throw invalid(
          'availableUntil',
          'before_start',
          'Must be after availableFrom',
          'The availability window is empty.',
        );
      }
      return [
        versionedPatch(
          AssessmentEntity.patch({ tenantId: actor.tenantId, assessmentId: id }).set({
            ...set,
            updatedBy: actor.userId,
          }),
          current.version,
          removed,
        ),
        auditWrite(actor, {
          action: 'assessment.updated',
          entityType: 'assessment',
          entityId: id,
          before: auditView(current),
          after: auditView(next),
        }),
      ];
    },
  });
  return toAssessment(await loadAssessment(actor.tenantId, id, true));
};

const transitionWrites = (
  actor: Principal,
  current: AssessmentItem,
  to: AssessmentStatus,
  set: Partial<AssessmentItem>,
) => {
  assertTransition(ASSESSMENT_TRANSITIONS, `Assessment ${current.assessmentId}`, current.status, to);
  return [
    versionedPatch(
      AssessmentEntity.patch({ tenantId: actor.tenantId, assessmentId: current.assessmentId }).set({
        ...set,
        status: to,
        updatedBy: actor.userId,
      }),
      current.version,
    ),
    auditWrite(actor, {
      action: `assessment.${to}`,
      entityType: 'assessment',
      entityId: current.assessmentId,
      before: { status: current.status },
      after: { status: to, ...auditView(set) },
    }),
  ];
};

/**
 * Publishing freezes the questions (a snapshot of the sets' live questions, in order) and
 * locks the sets, so editing one of those questions later makes a new version instead of
 * changing what candidates of this assessment answer.
 */
export const publishAssessment = async (
  actor: Principal,
  id: string,
  expectedVersion?: number,
): Promise<Assessment> => {
  assertAssessmentManager(actor);
  await writeVersioned(expectedVersion, {
    label: `Assessment ${id}`,
    load: () => loadAssessment(actor.tenantId, id),
    decide: async (current) => {
      assertTransition(ASSESSMENT_TRANSITIONS, `Assessment ${id}`, current.status, 'published');
      await assertRequisition(actor.tenantId, current.requisitionId);
      // Each set is locked at the version its questions were read at: an edit in between fails the publish.
      const snapshots = await Promise.all(current.questionSetIds.map((setId) => liveSnapshotOf(actor.tenantId, setId)));
      const sets = snapshots.map(({ questions }) => ({
        questions: questions.map((question) => ({
          id: question.questionId,
          points: question.points,
          skillTags: question.skillTags ?? [],
        })),
      }));
      const versions = Object.fromEntries(snapshots.map(({ set }) => [set.questionSetId, set.version]));
      const snapshot = snapshotOf(sets);
      const now = isoNow();
      return [
        ...transitionWrites(actor, current, 'published', {
          ...snapshot,
          isPublished: true,
          publishedAt: now,
          publishedBy: actor.userId,
        }),
        ...lockQuestionSetsWrites(actor.tenantId, current.questionSetIds, versions),
      ];
    },
  });
  return toAssessment(await loadAssessment(actor.tenantId, id, true));
};

/** No new invitations; sessions already started run to their end and are scored. */
export const archiveAssessment = async (actor: Principal, id: string): Promise<void> => {
  assertAssessmentManager(actor);
  await writeVersioned(undefined, {
    label: `Assessment ${id}`,
    load: () => loadAssessment(actor.tenantId, id),
    decide: (current) => transitionWrites(actor, current, 'archived', { archivedAt: isoNow() }),
  });
};
