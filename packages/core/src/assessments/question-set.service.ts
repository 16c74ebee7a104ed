import { JobDescriptionEntity } from '../job-descriptions/job-description.entity.ts';
import { auditWrite } from '../platform/audit.ts';
import { isoNow } from '../shared/clock.ts';
import { ConflictError, ValidationError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { pageOf } from '../shared/paging.ts';
import type { Principal } from '../shared/principal.ts';
import type { Page } from '../shared/schema.ts';
import { put, type TransactionWrite, transactWrite, update } from '../shared/transaction.ts';
import { patched, versionedPatch, writeVersioned } from '../shared/versioned-write.ts';
import type { QuestionContent } from './question.content.ts';
import type { QuestionItem } from './question.entity.ts';
import { newQuestionWrite } from './question.item.ts';
import { MAX_QUESTIONS_PER_SET, type QuestionSetSource } from './question.model.ts';
import { assertQuestionSetManager, validContent } from './question.policy.ts';
import { ARCHIVED, LISTED, QuestionSetEntity, type QuestionSetItem } from './question-set.entity.ts';
import type { CreateQuestionSet, ListQuestionSets, QuestionSet, UpdateQuestionSet } from './question-set.schema.ts';
import { loadQuestionSet, QuestionSetChangedError, questionSetWrite, toQuestionSet } from './question-set.store.ts';
import { EMPTY_TOTALS, totalsAfter, totalsOf } from './question-set.totals.ts';

export { getQuestionsByIds, liveQuestionsOf, liveSnapshotOf } from './question.reads.ts';
export { questionContentOf, toCandidateQuestion } from './question.view.ts';
/** What other contexts use of question sets and their questions (assessments, test sessions, generation). */
export { loadQuestionSet, toQuestionSet } from './question-set.store.ts';

/** What the audit trail keeps of a set: what a person set, not the totals its questions make. */
const auditView = (item: Partial<QuestionSetItem>) => ({
  title: item.title,
  description: item.description,
  source: item.source,
  jobDescriptionId: item.jobDescriptionId,
  locked: item.locked,
  archivedAt: item.archivedAt,
});

/** A set's questions are about one of the tenant's (active) job descriptions, when they name one. */
const assertJobDescription = async (tenantId: string, jobDescriptionId: string): Promise<void> => {
  const { data } = await JobDescriptionEntity.get({ tenantId, jobDescriptionId }).go();
  if (data?.isActive) return;
  throw new ValidationError('The job description was not found.', {
    errors: [{ field: 'jobDescriptionId', code: 'unknown_job_description', message: 'Not a job description of yours' }],
  });
};

export const createQuestionSet = async (
  actor: Principal,
  input: CreateQuestionSet,
  questionSetId: string = newId('questionSet'),
): Promise<QuestionSet> => {
  assertQuestionSetManager(actor);
  if (input.jobDescriptionId !== undefined) await assertJobDescription(actor.tenantId, input.jobDescriptionId);
  const params = QuestionSetEntity.create({
    ...input,
    tenantId: actor.tenantId,
    questionSetId,
    source: 'manual',
    listIndexKey: LISTED,
    createdBy: actor.userId,
    updatedBy: actor.userId,
  }).params<{ Item: QuestionSetItem }>();
  await transactWrite([
    put(params, () => new ConflictError(`Question set ${questionSetId} already exists.`)),
    auditWrite(actor, {
      action: 'question_set.created',
      entityType: 'question_set',
      entityId: questionSetId,
      after: auditView(params.Item),
    }),
  ]);
  return toQuestionSet(params.Item);
};

export const getQuestionSet = async (actor: Principal, id: string): Promise<QuestionSet> => {
  assertQuestionSetManager(actor);
  return toQuestionSet(await loadQuestionSet(actor.tenantId, id));
};

/** Newest first; archived sets are not in the indexes, so they are not read and dropped. */
export const listQuestionSets = async (
  actor: Principal,
  { source, limit, cursor }: ListQuestionSets,
): Promise<Page<QuestionSet>> => {
  assertQuestionSetManager(actor);
  const { tenantId } = actor;
  return source === undefined
    ? pageOf(
        QuestionSetEntity.query.byTenant({ tenantId, listIndexKey: LISTED }),
        'gsi1pk',
        { limit, cursor },
        toQuestionSet,
      )
    : pageOf(
        QuestionSetEntity.query.bySource({ tenantId, source, listIndexKey: LISTED }),
        'gsi2pk',
        { limit, cursor },
        toQuestionSet,
      );
};

/** Title, description and job description; a locked set may still be renamed: no question changes. */
export const updateQuestionSet = async (
  actor: Principal,
  id: string,
  changes: UpdateQuestionSet,
  expectedVersion?: number,
): Promise<QuestionSet> => {
  assertQuestionSetManager(actor);
  if (changes.jobDescriptionId) await assertJobDescription(actor.tenantId, changes.jobDescriptionId);
  const set: Partial<Pick<QuestionSetItem, 'title' | 'description' | 'jobDescriptionId'>> = {};
  const remove: ('description' | 'jobDescriptionId')[] = [];
  if (changes.title !== undefined) set.title = changes.title;
  for (const field of ['description', 'jobDescriptionId'] as const) {
    const value = changes[field];
    if (value === null) remove.push(field);
    else if (value !== undefined) set[field] = value;
  }
  await writeVersioned(expectedVersion, {
    label: `Question set ${id}`,
    load: () => loadQuestionSet(actor.tenantId, id, { consistent: true }),
    decide: (current) => [
      versionedPatch(
        QuestionSetEntity.patch({ tenantId: actor.tenantId, questionSetId: id }).set({
          ...set,
          updatedBy: actor.userId,
        }),
        current.version,
        remove,
      ),
      auditWrite(actor, {
        action: 'question_set.updated',
        entityType: 'question_set',
        entityId: id,
        before: auditView(current),
        after: auditView(patched(current, set, remove)),
      }),
    ],
  });
  return toQuestionSet(await loadQuestionSet(actor.tenantId, id, { consistent: true }));
};

/**
 * Archived: out of every list and a 404 from then on. Its questions stay readable by id, so
 * the assessments published with them keep working.
 */
export const archiveQuestionSet = async (actor: Principal, id: string): Promise<void> => {
  assertQuestionSetManager(actor);
  await writeVersioned(undefined, {
    label: `Question set ${id}`,
    load: () => loadQuestionSet(actor.tenantId, id, { consistent: true }),
    decide: (current) => {
      const set = { archivedAt: isoNow(), listIndexKey: ARCHIVED };
      return [
        versionedPatch(
          QuestionSetEntity.patch({ tenantId: actor.tenantId, questionSetId: id })
            .set({ ...set, updatedBy: actor.userId })
            // The source is a composite of the per-source list: ElectroDB removes that key with it.
            .composite({ source: current.source }),
          current.version,
        ),
        auditWrite(actor, {
          action: 'question_set.archived',
          entityType: 'question_set',
          entityId: id,
          before: auditView(current),
          after: auditView(patched(current, set)),
        }),
      ];
    },
  });
};

/**
 * The writes that lock sets, for the transaction that publishes an assessment using them:
 * version + 1 (so a question write decided on the unlocked set fails and is decided again,
 * as a revision), only if the set exists, is not archived and, when `versions` names it, is
 * still at that version (the one the assessment's questions were read at). The publish's own
 * audit entry records the lock: these writes have no actor of their own.
 */
export const lockQuestionSetsWrites = (
  tenantId: string,
  questionSetIds: readonly string[],
  versions: Readonly<Record<string, number>> = {},
): TransactionWrite[] =>
  questionSetIds.map((questionSetId) =>
    update(
      QuestionSetEntity.patch({ tenantId, questionSetId })
        .set({ locked: true })
        .add({ version: 1 })
        .where(({ archivedAt, version }, { notExists, eq }) => {
          const expected = versions[questionSetId];
          return expected === undefined
            ? notExists(archivedAt)
            : `${notExists(archivedAt)} AND ${eq(version, expected)}`;
        })
        .params(),
      () =>
        new ConflictError(`Question set ${questionSetId} was archived or changed since it was read.`, {
          extensions: { questionSetId },
        }),
    ),
  );

/** A transaction holds 100 writes and 4 MB: a chunk of questions leaves room for the set's write and the audit entry. */
const QUESTIONS_PER_TRANSACTION = 90;
const BYTES_PER_TRANSACTION = 3_000_000;

const bySize = <T>(items: readonly T[], sizeOf: (item: T) => number): T[][] => {
  const chunks: T[][] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    const last = chunks.at(-1);
    if (last && last.length < QUESTIONS_PER_TRANSACTION && bytes + size <= BYTES_PER_TRANSACTION) {
      last.push(item);
      bytes += size;
    } else {
      chunks.push([item]);
      bytes = size;
    }
  }
  return chunks;
};

export interface NewQuestionSet {
  /** Given by a caller that may run twice (a redelivered generation): the second run is a 409. */
  questionSetId?: string;
  title: string;
  description?: string;
  source: QuestionSetSource;
  jobDescriptionId?: string;
  questions: readonly QuestionContent[];
}

const ATTEMPTS = 3;

/** Adds one chunk of new questions to a set made by this run, decided again on fresh totals if someone else wrote meanwhile. */
const appendChunk = async (
  actor: Principal,
  questionSetId: string,
  chunk: readonly NewQuestionWrite[],
  step: string,
) => {
  for (let attempt = 1; ; attempt++) {
    const current = await loadQuestionSet(actor.tenantId, questionSetId, { consistent: true });
    if (current.questionCount + chunk.length > MAX_QUESTIONS_PER_SET) {
      throw new ConflictError(`A question set holds at most ${MAX_QUESTIONS_PER_SET} questions.`);
    }
    try {
      await transactWrite([
        ...chunk.map(({ write }) => write),
        questionSetWrite(actor, questionSetId, current.version, {
          ...totalsAfter(totalsOf(current), { added: chunk.map(({ item }) => item) }),
          maxOrder: Math.max(current.maxOrder, ...chunk.map(({ item }) => item.order)),
        }),
        auditWrite(actor, {
          action: 'question_set.questions_added',
          entityType: 'question_set',
          entityId: questionSetId,
          after: { questionIds: chunk.map(({ item }) => item.questionId), step },
        }),
      ]);
      return;
    } catch (error) {
      if (!(error instanceof QuestionSetChangedError) || attempt >= ATTEMPTS) throw error;
    }
  }
};

type NewQuestionWrite = ReturnType<typeof newQuestionWrite>;

/**
 * One set and its questions, in the order given, for question generation (no role check: the
 * caller acts for the system or has checked the user). Up to ~90 questions are one transaction;
 * more are written in further transactions after the set's, each with the set's totals, so the
 * totals always match the questions written so far. A run that dies between two leaves a set
 * with the first questions, and running it again with the same id is a 409, never a second set.
 */
export const createQuestionSetWithQuestions = async (actor: Principal, input: NewQuestionSet): Promise<QuestionSet> => {
  const { questionSetId = newId('questionSet'), questions, ...fields } = input;
  if (questions.length > MAX_QUESTIONS_PER_SET) {
    throw new ValidationError(`A question set holds at most ${MAX_QUESTIONS_PER_SET} questions.`, {
      errors: [{ field: 'questions', code: 'too_big', message: `At most ${MAX_QUESTIONS_PER_SET} questions` }],
    });
  }
  const contents = questions.map((question, index) => {
    const outcome = validContent(question);
    if (!outcome.errors) return outcome.content;
    throw new ValidationError(`Question ${index + 1} is not valid.`, {
      errors: outcome.errors.map((error) => ({ ...error, field: `questions.${index}.${error.field}` })),
    });
  });
  if (fields.jobDescriptionId !== undefined) await assertJobDescription(actor.tenantId, fields.jobDescriptionId);
  const writes = contents.map((content, index) =>
    newQuestionWrite(actor, { questionId: newId('question'), questionSetId, content, order: index + 1 }),
  );
  const [first = [], ...rest] = bySize(writes, ({ item }) => JSON.stringify(item).length);
  const counted: QuestionItem[] = first.map(({ item }) => item);
  const params = QuestionSetEntity.create({
    ...fields,
    ...totalsAfter(EMPTY_TOTALS, { added: counted }),
    maxOrder: counted.length,
    tenantId: actor.tenantId,
    questionSetId,
    listIndexKey: LISTED,
    createdBy: actor.userId,
    updatedBy: actor.userId,
  }).params<{ Item: QuestionSetItem }>();
  await transactWrite([
    put(params, () => new ConflictError(`Question set ${questionSetId} already exists.`)),
    ...first.map(({ write }) => write),
    auditWrite(actor, {
      action: 'question_set.created',
      entityType: 'question_set',
      entityId: questionSetId,
      after: { ...auditView(params.Item), questionCount: counted.length },
    }),
  ]);
  for (const [index, chunk] of rest.entries()) {
    await appendChunk(actor, questionSetId, chunk, `${index + 2}/${rest.length + 1}`);
  }
  return toQuestionSet(await loadQuestionSet(actor.tenantId, questionSetId, { consistent: true }));
};
