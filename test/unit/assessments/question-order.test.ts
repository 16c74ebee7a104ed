import { movesFor, orderErrors, placementFor } from '@assist-ten/core/assessments/question.order';
import { chunked } from '@assist-ten/core/shared/chunked';
import { describe, expect, it } from 'vitest';

const fields = (errors: { field: string; code: string }[]) => errors.map(({ field, code }) => `${field}:${code}`);
const placed = (...orders: number[]) => orders.map((order, index) => ({ questionId: `q${index + 1}`, order }));

describe('orderErrors', () => {
  it('accepts every live question once, in any order', () => {
    expect(orderErrors(['q1', 'q2', 'q3'], ['q3', 'q1', 'q2'])).toEqual([]);
  });

  it('names a question listed twice by its position', () => {
    expect(fields(orderErrors(['q1', 'q2'], ['q1', 'q2', 'q1']))).toEqual(['questionIds.2:duplicate']);
  });

  it('names an id that is no live question of the set', () => {
    expect(fields(orderErrors(['q1', 'q2'], ['q1', 'q9', 'q2']))).toEqual(['questionIds.1:unknown_question']);
  });

  it('names the live questions the order leaves out', () => {
    const errors = orderErrors(['q1', 'q2', 'q3'], ['q2']);

    expect(fields(errors)).toEqual(['questionIds:missing_questions']);
    expect(errors[0]?.message).toContain('q1, q3');
  });

  it('refuses an empty order for a set that has questions', () => {
    expect(fields(orderErrors(['q1'], []))).toEqual(['questionIds:missing_questions']);
  });
});

describe('movesFor', () => {
  it('gives the requested questions the orders 1..n, writing only those that move', () => {
    const live = placed(1, 2, 3);

    expect(movesFor(live, ['q1', 'q3', 'q2'])).toEqual([
      { questionId: 'q3', from: 3, to: 2 },
      { questionId: 'q2', from: 2, to: 3 },
    ]);
  });

  it('closes gaps left by removed questions', () => {
    expect(movesFor(placed(1, 4), ['q1', 'q2'])).toEqual([{ questionId: 'q2', from: 4, to: 2 }]);
  });

  it('moves nothing when the order is the current one', () => {
    expect(movesFor(placed(1, 2), ['q1', 'q2'])).toEqual([]);
  });
});

describe('placementFor', () => {
  it('appends after the highest order when no order is wanted', () => {
    expect(placementFor(7, [])).toEqual({ order: 8, moves: [] });
  });

  it('appends when the wanted order is past the end', () => {
    expect(placementFor(3, [], 10)).toEqual({ order: 4, moves: [] });
  });

  it('moves the questions that sit back to back from the wanted order down one, up to the first gap', () => {
    // Arrange: orders 2, 3 and 5 from the wanted order 2 on.
    const from = [
      { questionId: 'q2', order: 2 },
      { questionId: 'q3', order: 3 },
      { questionId: 'q5', order: 5 },
    ];

    // Act
    const placement = placementFor(5, from, 2);

    // Assert
    expect(placement).toEqual({
      order: 2,
      moves: [
        { questionId: 'q2', from: 2, to: 3 },
        { questionId: 'q3', from: 3, to: 4 },
      ],
    });
  });

  it('moves nothing when the wanted order is a gap', () => {
    expect(placementFor(5, [{ questionId: 'q5', order: 5 }], 4)).toEqual({ order: 4, moves: [] });
  });

  it('separates two questions that share an order', () => {
    const from = [
      { questionId: 'qa', order: 1 },
      { questionId: 'qb', order: 1 },
    ];

    expect(placementFor(1, from, 1).moves).toEqual([
      { questionId: 'qa', from: 1, to: 2 },
      { questionId: 'qb', from: 1, to: 3 },
    ]);
  });
});

describe('chunked', () => {
  it('cuts a list into runs of at most the size, in order', () => {
    expect(chunked([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunked([], 2)).toEqual([]);
  });
});
