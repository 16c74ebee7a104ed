import { isoNow } from '../shared/clock.ts';
import { ConflictError } from '../shared/errors.ts';
import type { Principal } from '../shared/principal.ts';
import { put, type TransactionWrite, update } from '../shared/transaction.ts';
import { versionedPatch } from '../shared/versioned-write.ts';
import type { QuestionContent } from './question.content.ts';
import { LIVE, QuestionEntity, type QuestionItem, RETIRED } from './question.entity.ts';
import type { Move } from './question.order.ts';

/** The writes of question items, shared by the set service (bulk creation) and the question service. */

export interface NewQuestion {
  questionId: string;
  questionSetId: string;
  content: QuestionContent;
  order: number;
  /** A revision of a locked question: its predecessor, whose revision this one follows. */
  previousQuestion?: Pick<QuestionItem, 'questionId' | 'revision'>;
}

/** The put of a new live question of a set, and the item as it will be (defaults and timestamps included). */
export const newQuestionWrite = (
  actor: Principal,
  question: NewQuestion,
): { write: TransactionWrite; item: QuestionItem } => {
  const { questionId, questionSetId, content, order, previousQuestion } = question;
  const params = QuestionEntity.create({
    ...content,
    tenantId: actor.tenantId,
    questionId,
    questionSetId,
    ownerId: questionSetId,
    order,
    revision: previousQuestion ? previousQuestion.revision + 1 : 1,
    ...(previousQuestion ? { previousQuestionId: previousQuestion.questionId } : {}),
    liveIndexKey: LIVE,
    createdBy: actor.userId,
    updatedBy: actor.userId,
  }).params<{ Item: QuestionItem }>();
  return { write: put(params, () => new ConflictError(`Question ${questionId} already exists.`)), item: params.Item };
};

/**
 * Takes a question out of its owner's live list for good, keeping it readable by id. Guarded
 * by the version read, like any versioned write.
 */
export const retireWrite = (actor: Principal, item: QuestionItem, replacedByQuestionId?: string): TransactionWrite =>
  versionedPatch(
    QuestionEntity.patch({ tenantId: item.tenantId, questionId: item.questionId })
      .set({
        liveIndexKey: RETIRED,
        retiredAt: isoNow(),
        ...(replacedByQuestionId ? { replacedByQuestionId } : {}),
        updatedBy: actor.userId,
      })
      // Composites of the live index: ElectroDB rebuilds (here: removes) its keys from them.
      .composite({ ownerId: item.ownerId, order: item.order }),
    item.version,
  );

/**
 * Moves a live question to another order, only if it is still live at the order the move
 * was planned from (the list it was planned on comes from an eventually consistent index).
 */
export const moveWrite = (actor: Principal, ownerId: string, move: Move, onStale: () => Error): TransactionWrite =>
  update(
    QuestionEntity.patch({ tenantId: actor.tenantId, questionId: move.questionId })
      .set({ order: move.to, liveIndexKey: LIVE, updatedBy: actor.userId })
      .composite({ ownerId })
      .add({ version: 1 })
      .where(({ order, liveIndexKey }, { eq }) => `${eq(order, move.from)} AND ${eq(liveIndexKey, LIVE)}`)
      .params(),
    onStale,
  );

/** What the audit trail keeps of a question: its shape and place, not its text. */
export const questionAuditView = (question: {
  questionSetId?: string | undefined;
  type: string;
  points: number;
  difficulty: string;
  order: number;
  revision: number;
  skillTags?: readonly string[] | undefined;
}) => ({
  questionSetId: question.questionSetId,
  type: question.type,
  points: question.points,
  difficulty: question.difficulty,
  order: question.order,
  revision: question.revision,
  skillTags: question.skillTags,
});
