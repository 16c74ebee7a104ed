import type { FieldError } from '../shared/errors.ts';

/**
 * The order of a set's questions. `order` is a sort key (1, 2, 3 ... after a reorder); removing
 * a question leaves a gap, which costs nothing, instead of renumbering everything after it.
 */

/** Orders are padded to this many digits in the live index: beyond it, text order would not be number order. */
export const ORDER_DIGITS = 9;
export const MAX_QUESTION_ORDER = 10 ** ORDER_DIGITS - 1;

export interface Placed {
  questionId: string;
  order: number;
}

export interface Move {
  questionId: string;
  from: number;
  to: number;
}

const MAX_LISTED_IDS = 10;

const listed = (ids: readonly string[]): string =>
  ids.length > MAX_LISTED_IDS
    ? `${ids.slice(0, MAX_LISTED_IDS).join(', ')} and ${ids.length - MAX_LISTED_IDS} more`
    : ids.join(', ');

/**
 * Why `requested` is not a new order of exactly the live questions `liveIds`: an id listed
 * twice or naming no live question (by position), and the live questions it leaves out.
 */
export const orderErrors = (liveIds: readonly string[], requested: readonly string[]): FieldError[] => {
  const live = new Set(liveIds);
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  requested.forEach((id, index) => {
    if (seen.has(id)) {
      errors.push({ field: `questionIds.${index}`, code: 'duplicate', message: `${id} is listed more than once` });
    } else if (!live.has(id)) {
      errors.push({
        field: `questionIds.${index}`,
        code: 'unknown_question',
        message: `${id} is not a live question of this set`,
      });
    }
    seen.add(id);
  });
  const missing = liveIds.filter((id) => !seen.has(id));
  if (missing.length) {
    errors.push({
      field: 'questionIds',
      code: 'missing_questions',
      message: `List every live question of the set; missing: ${listed(missing)}`,
    });
  }
  return errors;
};

/** The moves that give the questions of `requested` the orders 1..n: only those whose order changes. */
export const movesFor = (live: readonly Placed[], requested: readonly string[]): Move[] => {
  const orderOf = new Map(live.map((question) => [question.questionId, question.order]));
  return requested.flatMap((questionId, index) => {
    const from = orderOf.get(questionId);
    const to = index + 1;
    return from === undefined || from === to ? [] : [{ questionId, from, to }];
  });
};

/**
 * Where a new question goes: at `wanted` when that is within the set (the questions from
 * there on that sit back to back move down one, up to the first gap), else after the last.
 * @param from the live questions whose order is `wanted` or more, by order
 */
export const placementFor = (
  maxOrder: number,
  from: readonly Placed[],
  wanted?: number,
): { order: number; moves: Move[] } => {
  if (wanted === undefined || wanted > maxOrder) return { order: maxOrder + 1, moves: [] };
  const moves: Move[] = [];
  let taken = wanted;
  for (const question of from) {
    // A question at or before the last taken order collides (two may share one after a race).
    if (question.order > taken) break;
    moves.push({ questionId: question.questionId, from: question.order, to: taken + 1 });
    taken += 1;
  }
  return { order: wanted, moves };
};
