import { ConflictError, NotFoundError } from '../shared/errors.ts';
import { LIVE, QuestionEntity, type QuestionItem } from './question.entity.ts';
import type { QuestionSetItem } from './question-set.entity.ts';
import { loadQuestionSet, QuestionSetChangedError } from './question-set.store.ts';

/** Reads of questions: a set's live list (index gsi1) and questions by id (BatchGet). */

export const liveQuery = (tenantId: string, questionSetId: string) =>
  QuestionEntity.query.live({ tenantId, ownerId: questionSetId, liveIndexKey: LIVE });

const readAllLive = async (tenantId: string, questionSetId: string): Promise<QuestionItem[]> =>
  (await liveQuery(tenantId, questionSetId).go({ pages: 'all', order: 'asc' })).data;

/**
 * The live questions of the set as read (its version): the index is eventually consistent,
 * so a list that does not hold the set's count of questions is not used (see the retries).
 */
export const liveAsOf = async (set: QuestionSetItem): Promise<QuestionItem[]> => {
  const items = await readAllLive(set.tenantId, set.questionSetId);
  if (items.length !== set.questionCount) throw new QuestionSetChangedError();
  return items;
};

const LIVE_READ_ATTEMPTS = 5;
const LIVE_READ_PAUSE_MS = 100;

/**
 * A set and all its live questions in order, read when the index agrees with the set's count.
 * The set's `version` is the one the questions were read at: the lock of a publish can be
 * conditioned on it (`lockQuestionSetsWrites(..., { [id]: version })`), so no question changes
 * between this read and the lock.
 */
export const liveSnapshotOf = async (
  tenantId: string,
  questionSetId: string,
): Promise<{ set: QuestionSetItem; questions: QuestionItem[] }> => {
  for (let attempt = 1; ; attempt++) {
    const set = await loadQuestionSet(tenantId, questionSetId, { consistent: true });
    try {
      return { set, questions: await liveAsOf(set) };
    } catch (error) {
      if (!(error instanceof QuestionSetChangedError)) throw error;
      if (attempt >= LIVE_READ_ATTEMPTS) {
        throw new ConflictError(`The questions of set ${questionSetId} are being changed; try again.`);
      }
      await new Promise((resolve) => setTimeout(resolve, LIVE_READ_PAUSE_MS * attempt));
    }
  }
};

/** All live questions of a set, in order (see liveSnapshotOf). */
export const liveQuestionsOf = async (tenantId: string, questionSetId: string): Promise<QuestionItem[]> =>
  (await liveSnapshotOf(tenantId, questionSetId)).questions;

const BATCH_ATTEMPTS = 5;
const BATCH_PAUSE_MS = 50;

/**
 * Questions by id in one BatchGet per 100 (retired ones included: results point at them), in
 * the order asked. Keys DynamoDB leaves unprocessed are asked again after a pause. A missing
 * question is a NotFoundError: a snapshot never points at nothing.
 */
export const getQuestionsByIds = async (
  tenantId: string,
  ids: string[],
  { consistent = false }: { consistent?: boolean } = {},
): Promise<QuestionItem[]> => {
  const unique = [...new Set(ids)];
  const found = new Map<string, QuestionItem>();
  let keys = unique.map((questionId) => ({ tenantId, questionId }));
  for (let attempt = 1; keys.length > 0; attempt++) {
    const { data, unprocessed } = await QuestionEntity.get(keys).go({ consistent });
    for (const item of data) found.set(item.questionId, item);
    keys = unprocessed.map(({ questionId }) => ({ tenantId, questionId }));
    if (keys.length === 0) break;
    if (attempt >= BATCH_ATTEMPTS)
      throw new Error(`${keys.length} questions stayed unprocessed after ${attempt} reads.`);
    await new Promise((resolve) => setTimeout(resolve, Math.random() * BATCH_PAUSE_MS * 2 ** attempt));
  }
  const missing = unique.filter((id) => !found.has(id));
  if (missing.length) throw new NotFoundError(`Questions not found: ${missing.slice(0, 10).join(', ')}.`);
  return ids.map((id) => found.get(id) as QuestionItem);
};
