import { NotFoundError } from '../shared/errors.ts';
import type { Principal } from '../shared/principal.ts';
import { type TransactionWrite, update } from '../shared/transaction.ts';
import { QuestionSetEntity, type QuestionSetItem } from './question-set.entity.ts';
import { QuestionSet } from './question-set.schema.ts';
import { type SetTotals, skillsOf } from './question-set.totals.ts';

/** A set item as the API shows it, its reads, and the write every question change makes to it. */

export const toQuestionSet = (item: QuestionSetItem): QuestionSet =>
  QuestionSet.parse({
    id: item.questionSetId,
    title: item.title,
    description: item.description,
    source: item.source,
    jobDescriptionId: item.jobDescriptionId,
    skills: skillsOf(item.skillTally),
    difficultyMix: item.difficultyMix,
    questionCount: item.questionCount,
    totalPoints: item.totalPoints,
    locked: item.locked,
    archivedAt: item.archivedAt,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    createdBy: item.createdBy,
    updatedBy: item.updatedBy,
    version: item.version,
  });

const notFound = (id: string) => new NotFoundError(`Question set ${id} was not found.`);

/** A live (not archived) set of the tenant; 404 otherwise, whether it is missing, archived or another tenant's. */
export const loadQuestionSet = async (
  tenantId: string,
  questionSetId: string,
  { consistent = false }: { consistent?: boolean } = {},
): Promise<QuestionSetItem> => {
  const { data } = await QuestionSetEntity.get({ tenantId, questionSetId }).go({ consistent });
  if (!data || data.archivedAt !== undefined) throw notFound(questionSetId);
  return data;
};

/** Raised by a set write's own condition: the set changed (or was archived) since it was read. */
export class QuestionSetChangedError extends Error {}

export type QuestionSetChanges = Partial<SetTotals & { maxOrder: number }>;

/**
 * The set's side of a question write: its totals (and `maxOrder`), version + 1, only if it is
 * still at `expectedVersion` and not archived. Every question write changes the set's version,
 * so a decision taken on the set as read (its totals, whether it is locked) cannot go stale.
 */
export const questionSetWrite = (
  actor: Principal,
  questionSetId: string,
  expectedVersion: number,
  changes: QuestionSetChanges = {},
): TransactionWrite =>
  update(
    QuestionSetEntity.patch({ tenantId: actor.tenantId, questionSetId })
      .set({ ...changes, updatedBy: actor.userId })
      .add({ version: 1 })
      .where(
        ({ version, archivedAt }, { eq, notExists }) => `${eq(version, expectedVersion)} AND ${notExists(archivedAt)}`,
      )
      .params(),
    () => new QuestionSetChangedError(),
  );
