import { isConditionalCheckFailure } from './db-errors.ts';
import { ConflictError, IdempotencyKeyReusedError } from './errors.ts';
import { IdempotencyRecordEntity } from './idempotency.entity.ts';

export interface IdempotencyKey {
  tenantId: string;
  /** What the key is unique within: the route and the caller. */
  scope: string;
  key: string;
}

export interface StoredResponse {
  statusCode: number;
  body: string;
  headers: { etag?: string; location?: string };
}

const RETENTION_SECONDS = 24 * 60 * 60;
/** Longer than any API function may run, so a live request is never taken over. */
const LOCK_MS = 60_000;

export type IdempotencyStart = { kind: 'first' } | { kind: 'replay'; response: StoredResponse };

/**
 * Claims the key for this request, or returns the response of the request that claimed
 * it first. A key reused for a different request is a 422; one whose first request is
 * still running is a 409 the client may retry.
 */
export const beginIdempotent = async (
  id: IdempotencyKey,
  fingerprint: string,
  { now = Date.now(), retentionSeconds = RETENTION_SECONDS }: { now?: number; retentionSeconds?: number } = {},
): Promise<IdempotencyStart> => {
  try {
    await IdempotencyRecordEntity.put({
      ...id,
      fingerprint,
      state: 'in_progress',
      lockedUntil: now + LOCK_MS,
      expiresAt: Math.floor(now / 1000) + retentionSeconds,
    })
      .where(
        ({ state, lockedUntil }, { notExists, eq, lt }) =>
          `${notExists(state)} OR (${eq(state, 'in_progress')} AND ${lt(lockedUntil, now)})`,
      )
      .go();
    return { kind: 'first' };
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
  }
  const { data } = await IdempotencyRecordEntity.get(id).go({ consistent: true });
  if (data?.fingerprint !== undefined && data.fingerprint !== fingerprint) {
    throw new IdempotencyKeyReusedError('This Idempotency-Key was already used for a different request.');
  }
  if (data?.state === 'completed') {
    return {
      kind: 'replay',
      response: { statusCode: data.statusCode ?? 200, body: data.body ?? '', headers: data.headers ?? {} },
    };
  }
  throw new ConflictError('A request with this Idempotency-Key is still being processed; retry shortly.');
};

export const completeIdempotent = async (id: IdempotencyKey, response: StoredResponse): Promise<void> => {
  await IdempotencyRecordEntity.patch(id)
    .set({ state: 'completed', ...response })
    .go();
};

/** Frees the key after a failed request, so the client can fix it and retry with the same key. */
export const abandonIdempotent = async (id: IdempotencyKey): Promise<void> => {
  await IdempotencyRecordEntity.delete(id).go();
};
