import { DOCUMENT_STATUSES, type DocumentStatus } from '@assist-ten/core/documents/document.model';
import { DOCUMENT_TRANSITIONS } from '@assist-ten/core/documents/document.status';
import { IllegalTransitionError } from '@assist-ten/core/shared/errors';
import { allowedNext, assertTransition, canTransition } from '@assist-ten/core/shared/state-machine';
import { describe, expect, it } from 'vitest';
import { thrownBy } from '../support/factories.ts';

/** The lifecycle as the product defines it, cell by cell (row = from, column = to). */
const ALLOWED: Record<DocumentStatus, DocumentStatus[]> = {
  pending_upload: ['uploaded', 'rejected'],
  uploaded: ['processing', 'rejected'],
  processing: ['processed', 'failed', 'rejected'],
  failed: ['processing'],
  processed: [],
  rejected: [],
};

const ALL_PAIRS = DOCUMENT_STATUSES.flatMap((from) => DOCUMENT_STATUSES.map((to) => [from, to] as const));

describe('DOCUMENT_TRANSITIONS', () => {
  it('has a row for exactly the known statuses', () => {
    // Act
    const rows = Object.keys(DOCUMENT_TRANSITIONS).sort();

    // Assert
    expect(rows).toEqual([...DOCUMENT_STATUSES].sort());
    expect(ALL_PAIRS).toHaveLength(36);
  });

  it.each(ALL_PAIRS)('canTransition(%s -> %s) matches the lifecycle', (from, to) => {
    // Arrange
    const expected = ALLOWED[from].includes(to);

    // Act
    const allowed = canTransition(DOCUMENT_TRANSITIONS, from, to);

    // Assert
    expect(allowed).toBe(expected);
  });

  it.each(['processed', 'rejected'] as const)('treats %s as final', (status) => {
    expect(allowedNext(DOCUMENT_TRANSITIONS, status)).toEqual([]);
  });

  it('lets only a failed document be processed again (a redelivered message retries it)', () => {
    // Act
    const backToProcessing = DOCUMENT_STATUSES.filter((from) =>
      canTransition(DOCUMENT_TRANSITIONS, from, 'processing'),
    );

    // Assert
    expect(backToProcessing.sort()).toEqual(['failed', 'uploaded']);
  });

  it('refuses an illegal move with a 409 naming the allowed next statuses', () => {
    // Act
    const error = thrownBy(() => assertTransition(DOCUMENT_TRANSITIONS, 'A document', 'pending_upload', 'processed'));

    // Assert
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect(error).toMatchObject({
      statusCode: 409,
      extensions: { currentStatus: 'pending_upload', allowedNextStatuses: ['uploaded', 'rejected'] },
    });
  });
});
