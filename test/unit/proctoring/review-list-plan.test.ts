import { ListProctoringEventsQuery } from '@assist-ten/core/proctoring/review.schema';
import {
  decodeWalkCursor,
  encodeWalkCursor,
  justAfter,
  planFor,
  WORST_FIRST,
} from '@assist-ten/core/proctoring/review-list.plan';
import { ValidationError } from '@assist-ten/core/shared/errors';
import { describe, expect, it } from 'vitest';
import { thrownBy } from '../support/factories.ts';

const SESSION = 'tses_01JDEM00000000000000000001';

describe('planFor', () => {
  it('reads the review queue when nothing is asked for: flagged and pending, worst first', () => {
    // Act
    const plan = planFor({});

    // Assert
    expect(plan).toEqual({ index: 'reviewQueue', order: 'asc', residual: {} });
  });

  it('narrows the queue by a severity key prefix and filters the type and time range', () => {
    // Act
    const plan = planFor({
      reviewStatus: 'pending',
      flagged: true,
      severity: 'critical',
      eventType: 'multiple_faces_detected',
      from: '2026-03-02T10:00:00+01:00',
    });

    // Assert
    expect(plan).toEqual({
      index: 'reviewQueue',
      order: 'asc',
      severityRank: '0',
      residual: { eventType: 'multiple_faces_detected', from: '2026-03-02T09:00:00.000Z' },
    });
  });

  it("reads one session's timeline, oldest first, with the time range as its key range and every other filter filtering", () => {
    // Act
    const plan = planFor({
      testSessionId: SESSION,
      reviewStatus: 'confirmed',
      severity: 'high',
      eventType: 'paste',
      flagged: false,
      from: '2026-03-02T09:00:00Z',
      to: '2026-03-02T10:00:00Z',
    });

    // Assert
    expect(plan).toEqual({
      index: 'bySession',
      testSessionId: SESSION,
      order: 'asc',
      range: { from: '2026-03-02T09:00:00.000Z', to: '2026-03-02T10:00:00.000Z' },
      residual: { reviewStatus: 'confirmed', severity: 'high', eventType: 'paste', flagged: false },
    });
  });

  it.each([
    ['a decision', { reviewStatus: 'dismissed' }, 'dismissed'],
    ['unflagged events', { flagged: false }, 'pending'],
    ['unflagged pending events', { reviewStatus: 'pending', flagged: false }, 'pending'],
  ] as const)(
    'reads the decision index for %s, every severity worst first, newest first within each',
    (_, filters, status) => {
      // Act
      const plan = planFor(filters);

      // Assert
      expect(plan).toMatchObject({ index: 'byStatus', reviewStatus: status, severities: WORST_FIRST, order: 'desc' });
      expect(WORST_FIRST).toEqual(['critical', 'high', 'medium', 'low']);
    },
  );

  it('reads one severity partition of the decision index when a severity is given, the time range as its key range', () => {
    // Act
    const plan = planFor({ reviewStatus: 'confirmed', severity: 'low', eventType: 'copy', to: '2026-03-02T10:00:00Z' });

    // Assert
    expect(plan).toEqual({
      index: 'byStatus',
      reviewStatus: 'confirmed',
      severities: ['low'],
      order: 'desc',
      range: { to: '2026-03-02T10:00:00.000Z' },
      residual: { eventType: 'copy' },
    });
  });
});

describe('justAfter', () => {
  it('is one millisecond later, so an inclusive end becomes an exclusive key bound', () => {
    // Act
    const bound = justAfter('2026-03-02T10:00:00.000Z');

    // Assert
    expect(bound).toBe('2026-03-02T10:00:00.001Z');
    expect('2026-03-02T10:00:00.000Z#proc_01J' < `${bound}`).toBe(true);
  });
});

describe('walk cursors', () => {
  const inner = Buffer.from(JSON.stringify({ gsi3pk: 'x', gsi3sk: 'y', pk: 'a', sk: 'b' })).toString('base64url');

  it('round-trip the partition and the page cursor within it', () => {
    // Act
    const within = decodeWalkCursor(encodeWalkCursor({ severity: 'high', cursor: inner }), WORST_FIRST);
    const atStart = decodeWalkCursor(encodeWalkCursor({ severity: 'medium', cursor: null }), WORST_FIRST);

    // Assert
    expect(within).toEqual({ severity: 'high', cursor: inner });
    expect(atStart).toEqual({ severity: 'medium', cursor: null });
  });

  it.each([
    ['a partition this list does not walk', encodeWalkCursor({ severity: 'low', cursor: null }), ['critical']],
    ['a plain page cursor', inner, WORST_FIRST],
    ['junk', 'not-a-cursor', WORST_FIRST],
    ['an unknown severity', Buffer.from(JSON.stringify({ s: 'severe' })).toString('base64url'), WORST_FIRST],
  ] as const)('refuse %s as the 400 of an invalid cursor', (_, cursor, severities) => {
    // Act
    const error = thrownBy(() => decodeWalkCursor(cursor, severities));

    // Assert
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors).toEqual([
      expect.objectContaining({ field: 'cursor', code: 'invalid_cursor' }),
    ]);
  });
});

describe('ListProctoringEventsQuery', () => {
  it('takes flagged as text, and a time range whose from is not after its to', () => {
    // Act
    const parsed = ListProctoringEventsQuery.safeParse({ flagged: 'false', from: '2026-03-02T09:00:00Z' });
    const backwards = ListProctoringEventsQuery.safeParse({ from: '2026-03-02T10:00:00Z', to: '2026-03-02T09:00:00Z' });
    const unknown = ListProctoringEventsQuery.safeParse({ eventType: 'telepathy' });

    // Assert
    expect(parsed.data).toMatchObject({ flagged: false, limit: 25 });
    expect(backwards.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['from']);
    expect(unknown.success).toBe(false);
  });
});
