import { type AuditEvent, auditWrite } from '../platform/audit.ts';
import { chunked } from '../shared/chunked.ts';
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { pageOf } from '../shared/paging.ts';
import type { Principal } from '../shared/principal.ts';
import type { Page } from '../shared/schema.ts';
import { remove, type TransactionWrite, transactWrite } from '../shared/transaction.ts';
import { patched, versionedPatch, writeVersioned } from '../shared/versioned-write.ts';
import type { QuestionContent } from './question.content.ts';
import { QuestionEntity, type QuestionItem } from './question.entity.ts';
import { CLEARABLE_FIELDS } from './question.fields.ts';
import { moveWrite, newQuestionWrite, questionAuditView, retireWrite } from './question.item.ts';
import { MAX_QUESTIONS_PER_SET } from './question.model.ts';
import { type Move, movesFor, orderErrors, placementFor } from './question.order.ts';
import {
  assertQuestionSetManager,
  patchedContent,
  questionEditMode,
  questionRemovalMode,
  validContent,
} from './question.policy.ts';
import { liveAsOf, liveQuery } from './question.reads.ts';
import type {
  CreateQuestion,
  EditedQuestion,
  ListQuestions,
  Question,
  ReorderQuestions,
  UpdateQuestion,
} from './question.schema.ts';
import { questionContentOf, toQuestion } from './question.view.ts';
import type { QuestionSetItem } from './question-set.entity.ts';
import type { QuestionSet } from './question-set.schema.ts';
import {
  loadQuestionSet,
  QuestionSetChangedError,
  type QuestionSetChanges,
  questionSetWrite,
  toQuestionSet,
} from './question-set.store.ts';
import { totalsAfter, totalsOf } from './question-set.totals.ts';

const ATTEMPTS = 3;
const RETRY_PAUSE_MS = 50;

/**
 * Runs a question write again, on fresh reads, when the set changed between its read and the
 * write (another question write, a lock): the decision (totals, order, in place or revision)
 * was taken on the set as read and must be taken again.
 */
const retryOnSetChange = async <T>(questionSetId: string, run: () => Promise<T>): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof QuestionSetChangedError)) throw error;
      if (attempt >= ATTEMPTS) {
        throw new ConflictError(`Question set ${questionSetId} is being changed by others; try again.`, {
          cause: error,
        });
      }
      // Jittered, so racing writers do not collide again; also gives a lagging index time to catch up.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * RETRY_PAUSE_MS * attempt));
    }
  }
};

const questionNotFound = (id: string) => new NotFoundError(`Question ${id} was not found.`);

/** A question of this set, live or retired; any other question is a 404 here. */
const loadQuestionOf = async (tenantId: string, questionSetId: string, questionId: string): Promise<QuestionItem> => {
  const { data } = await QuestionEntity.get({ tenantId, questionId }).go({ consistent: true });
  if (!data || data.questionSetId !== questionSetId) throw questionNotFound(questionId);
  return data;
};

const assertLive = (question: QuestionItem): void => {
  if (question.retiredAt === undefined) return;
  throw new ConflictError(`Question ${question.questionId} is retired: change the question that replaced it.`, {
    extensions: { retiredAt: question.retiredAt, replacedByQuestionId: question.replacedByQuestionId },
  });
};

/** Moves per transaction: with the set's write and the audit entry (and a new question), within 100. */
const MOVES_PER_STEP = 96;

interface Step {
  writes: TransactionWrite[];
  setChanges?: QuestionSetChanges;
  audit: AuditEvent;
}

/**
 * Writes steps one transaction each, every one with the set's write at the next version: the
 * first step decides whether the whole plan still holds (else it is decided again); a later
 * step that finds the set changed stops, and says how far the plan got.
 */
const writeSteps = async (actor: Principal, set: QuestionSetItem, steps: readonly Step[]): Promise<void> => {
  for (const [index, step] of steps.entries()) {
    try {
      await transactWrite([
        ...step.writes,
        questionSetWrite(actor, set.questionSetId, set.version + index, step.setChanges),
        auditWrite(actor, step.audit),
      ]);
    } catch (error) {
      if (index === 0 || !(error instanceof QuestionSetChangedError)) throw error;
      throw new ConflictError(
        `Question set ${set.questionSetId} changed while its questions were being moved (${index} of ${steps.length} steps done). Read it and try again.`,
        { extensions: { stepsDone: index, steps: steps.length } },
      );
    }
  }
};

const movesAudit = (questionSetId: string, moves: readonly Move[], step: string): AuditEvent => ({
  action: 'question_set.reordered',
  entityType: 'question_set',
  entityId: questionSetId,
  after: { movedQuestions: moves.length, step },
});

const moveSteps = (
  actor: Principal,
  questionSetId: string,
  chunks: readonly Move[][],
  { total, setChanges }: { total: number; setChanges?: QuestionSetChanges },
): Step[] =>
  chunks.map((chunk, index) => ({
    writes: chunk.map((move) => moveWrite(actor, questionSetId, move, () => new QuestionSetChangedError())),
    ...(setChanges ? { setChanges } : {}),
    audit: movesAudit(questionSetId, chunk, `${index + 1}/${total}`),
  }));

const invalidQuestion = (errors: NonNullable<ReturnType<typeof validContent>['errors']>) =>
  new ValidationError('The question is not valid.', { errors });

/**
 * Adds a question at the end, or at `order` (the questions from there on that sit back to
 * back move down one). The move of more than one transaction's worth of questions goes first,
 * last question first, so no two questions ever share an order.
 */
export const addQuestion = async (
  actor: Principal,
  questionSetId: string,
  input: CreateQuestion,
  questionId: string = newId('question'),
): Promise<Question> => {
  assertQuestionSetManager(actor);
  const { order: wanted, ...rest } = input;
  const valid = validContent(rest);
  if (valid.errors) throw invalidQuestion(valid.errors);
  const { content } = valid;
  const item = await retryOnSetChange(questionSetId, async () => {
    const set = await loadQuestionSet(actor.tenantId, questionSetId, { consistent: true });
    if (set.questionCount >= MAX_QUESTIONS_PER_SET) {
      throw new ConflictError(
        `A question set holds at most ${MAX_QUESTIONS_PER_SET} questions; start another set for more.`,
        { extensions: { limit: MAX_QUESTIONS_PER_SET } },
      );
    }
    const from =
      wanted !== undefined && wanted <= set.maxOrder
        ? (await liveQuery(actor.tenantId, questionSetId).gte({ order: wanted }).go({ pages: 'all', order: 'asc' }))
            .data
        : [];
    const { order, moves } = placementFor(set.maxOrder, from, wanted);
    // Last first: each move then goes to an order nobody holds any more; the new question
    // goes in with the moves next to it.
    const earlier = chunked([...moves].reverse(), MOVES_PER_STEP);
    const withQuestion = earlier.pop() ?? [];
    const created = newQuestionWrite(actor, { questionId, questionSetId, content, order });
    // Raised with the first step: should a later one fail, an append still goes after every question.
    const maxOrder = Math.max(set.maxOrder, order, ...moves.map((move) => move.to));
    const steps: Step[] = [
      ...moveSteps(actor, questionSetId, earlier, { total: earlier.length + 1, setChanges: { maxOrder } }),
      {
        writes: [
          created.write,
          ...withQuestion.map((move) => moveWrite(actor, questionSetId, move, () => new QuestionSetChangedError())),
        ],
        setChanges: { ...totalsAfter(totalsOf(set), { added: [content] }), maxOrder },
        audit: {
          action: 'question.created',
          entityType: 'question',
          entityId: questionId,
          after: { ...questionAuditView(created.item), movedQuestions: moves.length },
        },
      },
    ];
    await writeSteps(actor, set, steps);
    return created.item;
  });
  return toQuestion(item);
};

/** A page of the set's live questions in order, answer keys included (staff only). */
export const listQuestions = async (
  actor: Principal,
  questionSetId: string,
  { limit, cursor }: ListQuestions,
): Promise<Page<Question>> => {
  assertQuestionSetManager(actor);
  await loadQuestionSet(actor.tenantId, questionSetId);
  return pageOf(liveQuery(actor.tenantId, questionSetId), 'gsi1pk', { limit, cursor, order: 'asc' }, toQuestion);
};

/** A question of the set, retired ones included. */
export const getQuestion = async (actor: Principal, questionSetId: string, questionId: string): Promise<Question> => {
  assertQuestionSetManager(actor);
  await loadQuestionSet(actor.tenantId, questionSetId);
  return toQuestion(await loadQuestionOf(actor.tenantId, questionSetId, questionId));
};

type ContentField = keyof QuestionItem;

/** The fields to set and to remove to turn `before` into `after` (same type). */
const contentChanges = (before: QuestionContent, after: QuestionContent) => {
  const was = before as Record<string, unknown>;
  const is = after as Record<string, unknown>;
  const set = Object.fromEntries(
    Object.entries(is).filter(
      ([field, value]) => field !== 'type' && JSON.stringify(value) !== JSON.stringify(was[field]),
    ),
  );
  const cleared = CLEARABLE_FIELDS.filter((field) => was[field] !== undefined && is[field] === undefined);
  return { set: set as Partial<QuestionItem>, remove: cleared as ContentField[] };
};

/** Raised inside a decision when the edit changes nothing: no write, no revision. */
class NothingChanged extends Error {}

/**
 * Edits a question. In an unlocked set it changes in place (version + 1, If-Match honoured).
 * In a locked set it is immutable: the edit becomes a new question (new id, revision + 1,
 * `previousQuestionId`) at the same order, and the old one is retired, in one transaction;
 * the answer's `replacedQuestionId` names the retired one.
 */
export const updateQuestion = async (
  actor: Principal,
  questionSetId: string,
  questionId: string,
  patch: UpdateQuestion,
  expectedVersion?: number,
): Promise<EditedQuestion> => {
  assertQuestionSetManager(actor);
  let revised: QuestionItem | undefined;
  try {
    await retryOnSetChange(questionSetId, () =>
      writeVersioned(expectedVersion, {
        label: `Question ${questionId}`,
        load: async () => {
          await loadQuestionSet(actor.tenantId, questionSetId);
          return loadQuestionOf(actor.tenantId, questionSetId, questionId);
        },
        decide: async (current) => {
          assertLive(current);
          const set = await loadQuestionSet(actor.tenantId, questionSetId, { consistent: true });
          const before = questionContentOf(current);
          const outcome = patchedContent(before, patch);
          if (outcome.errors) throw invalidQuestion(outcome.errors);
          if (outcome.changedFields.length === 0) throw new NothingChanged();
          const after = outcome.content;
          const totals = totalsAfter(totalsOf(set), { added: [after], removed: [before] });
          if (questionEditMode(set) === 'in_place') {
            revised = undefined;
            const { set: fields, remove: cleared } = contentChanges(before, after);
            return [
              versionedPatch(
                QuestionEntity.patch({ tenantId: actor.tenantId, questionId }).set({
                  ...fields,
                  updatedBy: actor.userId,
                }),
                current.version,
                cleared,
              ),
              questionSetWrite(actor, questionSetId, set.version, totals),
              auditWrite(actor, {
                action: 'question.updated',
                entityType: 'question',
                entityId: questionId,
                before: questionAuditView(current),
                after: {
                  ...questionAuditView(patched(current, fields, cleared)),
                  changedFields: outcome.changedFields,
                },
              }),
            ];
          }
          const created = newQuestionWrite(actor, {
            questionId: newId('question'),
            questionSetId,
            content: after,
            order: current.order,
            previousQuestion: current,
          });
          revised = created.item;
          return [
            created.write,
            retireWrite(actor, current, created.item.questionId),
            questionSetWrite(actor, questionSetId, set.version, totals),
            auditWrite(actor, {
              action: 'question.retired',
              entityType: 'question',
              entityId: questionId,
              after: { replacedByQuestionId: created.item.questionId },
            }),
            auditWrite(actor, {
              action: 'question.revised',
              entityType: 'question',
              entityId: created.item.questionId,
              before: questionAuditView(current),
              after: {
                ...questionAuditView(created.item),
                previousQuestionId: questionId,
                changedFields: outcome.changedFields,
              },
            }),
          ];
        },
      }),
    );
  } catch (error) {
    if (!(error instanceof NothingChanged)) throw error;
  }
  if (revised) return { ...toQuestion(revised), replacedQuestionId: questionId };
  return toQuestion(await loadQuestionOf(actor.tenantId, questionSetId, questionId));
};

/**
 * Removes a question from its set: for good in an unlocked set; in a locked set it is
 * retired (out of the live list, still readable by id for the results that point at it).
 */
export const deleteQuestion = async (actor: Principal, questionSetId: string, questionId: string): Promise<void> => {
  assertQuestionSetManager(actor);
  await retryOnSetChange(questionSetId, () =>
    writeVersioned(undefined, {
      label: `Question ${questionId}`,
      load: async () => {
        await loadQuestionSet(actor.tenantId, questionSetId);
        return loadQuestionOf(actor.tenantId, questionSetId, questionId);
      },
      decide: async (current) => {
        assertLive(current);
        const set = await loadQuestionSet(actor.tenantId, questionSetId, { consistent: true });
        const totals = totalsAfter(totalsOf(set), { removed: [questionContentOf(current)] });
        const retire = questionRemovalMode(set) === 'retire';
        return [
          retire
            ? retireWrite(actor, current)
            : remove(
                QuestionEntity.delete({ tenantId: actor.tenantId, questionId })
                  .where(({ version }, { eq }) => eq(version, current.version))
                  .params(),
                () => new QuestionSetChangedError(),
              ),
          questionSetWrite(actor, questionSetId, set.version, totals),
          auditWrite(actor, {
            action: retire ? 'question.retired' : 'question.deleted',
            entityType: 'question',
            entityId: questionId,
            before: questionAuditView(current),
          }),
        ];
      },
    }),
  );
};

/**
 * Gives the set's live questions the order 1..n of `questionIds`, which must list each of
 * them once. Only the questions whose order changes are written; more than one transaction's
 * worth is written in steps (see docs/question-sets.md). If-Match is the set's version.
 */
export const reorderQuestions = async (
  actor: Principal,
  questionSetId: string,
  { questionIds }: ReorderQuestions,
  expectedVersion?: number,
): Promise<QuestionSet> => {
  assertQuestionSetManager(actor);
  const run = async () => {
    const set = await loadQuestionSet(actor.tenantId, questionSetId, { consistent: true });
    if (expectedVersion !== undefined && expectedVersion !== set.version) {
      throw new PreconditionFailedError(
        `Question set ${questionSetId} is at version ${set.version}, not ${expectedVersion}. Read it again.`,
        { extensions: { currentVersion: set.version } },
      );
    }
    const live = await liveAsOf(set);
    const errors = orderErrors(
      live.map((question) => question.questionId),
      questionIds,
    );
    if (errors.length) {
      throw new ValidationError('questionIds must list every live question of the set exactly once.', { errors });
    }
    const moves = movesFor(live, questionIds);
    if (moves.length === 0) return;
    const chunks = chunked(moves, MOVES_PER_STEP);
    const steps = moveSteps(actor, questionSetId, chunks, { total: chunks.length });
    const last = steps.at(-1);
    if (last) last.setChanges = { maxOrder: questionIds.length };
    await writeSteps(actor, set, steps);
  };
  if (expectedVersion === undefined) await retryOnSetChange(questionSetId, run);
  else {
    try {
      await run();
    } catch (error) {
      if (!(error instanceof QuestionSetChangedError)) throw error;
      throw new PreconditionFailedError(
        `Question set ${questionSetId} changed while you were ordering it. Read it again.`,
      );
    }
  }
  return toQuestionSet(await loadQuestionSet(actor.tenantId, questionSetId, { consistent: true }));
};
