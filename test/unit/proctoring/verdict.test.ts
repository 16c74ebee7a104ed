import { VerdictBody } from '@assist-ten/core/proctoring/session-review.schema';
import { decideVerdict } from '@assist-ten/core/proctoring/verdict.rules';
import { ConflictError, IllegalTransitionError } from '@assist-ten/core/shared/errors';
import { describe, expect, it } from 'vitest';
import { thrownBy } from '../support/factories.ts';

describe('decideVerdict', () => {
  it.each([
    ['a first clear', undefined, 'clear'],
    ['a first invalidation', undefined, 'invalidate'],
    ['an invalidation after a clear', 'clear', 'invalidate'],
  ] as const)('records %s', (_, current, requested) => {
    // Act
    const decision = decideVerdict('scored', current, requested);

    // Assert
    expect(decision).toBe('record');
  });

  it.each(['clear', 'invalidate'] as const)(
    'leaves a repeated %s unchanged: the same request twice is one',
    (verdict) => {
      // Act
      const decision = decideVerdict('scored', verdict, verdict);

      // Assert
      expect(decision).toBe('unchanged');
    },
  );

  it('refuses to clear an invalidated attempt: an invalidation is final', () => {
    // Act
    const error = thrownBy(() => decideVerdict('scored', 'invalidate', 'clear'));

    // Assert
    expect(error).toBeInstanceOf(IllegalTransitionError);
    expect((error as IllegalTransitionError).statusCode).toBe(409);
    expect((error as IllegalTransitionError).extensions).toEqual({
      currentStatus: 'invalidate',
      allowedNextStatuses: [],
    });
  });

  it.each(['in_progress', 'submitted'] as const)('refuses a %s session with a 409 that says to retry', (status) => {
    // Act
    const error = thrownBy(() => decideVerdict(status, undefined, 'invalidate'));

    // Assert
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).extensions).toEqual({ reason: 'not_scored' });
    expect((error as ConflictError).message).toMatch(/try again in a moment/);
  });
});

describe('VerdictBody', () => {
  it('takes a verdict and a reason, and refuses an unknown verdict, a blank or long reason, and extra fields', () => {
    // Act
    const valid = VerdictBody.safeParse({ verdict: 'invalidate', reason: '  Two faces throughout.  ' });
    const unknown = VerdictBody.safeParse({ verdict: 'ban', reason: 'x' });
    const blank = VerdictBody.safeParse({ verdict: 'clear', reason: '   ' });
    const long = VerdictBody.safeParse({ verdict: 'clear', reason: 'a'.repeat(1001) });
    const extra = VerdictBody.safeParse({ verdict: 'clear', reason: 'ok', by: 'usr_x' });

    // Assert
    expect(valid.data).toEqual({ verdict: 'invalidate', reason: 'Two faces throughout.' });
    expect([unknown.success, blank.success, long.success, extra.success]).toEqual([false, false, false, false]);
  });
});
