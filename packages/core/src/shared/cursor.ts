import * as z from 'zod/mini';
import { ValidationError } from './errors.ts';
import { KEY_ATTRIBUTES } from './table.ts';

/**
 * Pagination cursors are ElectroDB's (base64url of the LastEvaluatedKey), checked before
 * use: a cursor must decode to key attributes only, and its partition must be the very
 * partition the query reads. A tampered cursor, or one taken from another tenant's
 * listing, is a 400 instead of a DynamoDB error or a peek into someone else's data.
 */
const lastEvaluatedKey = z
  .record(z.string().check(z.maxLength(16)), z.string().check(z.maxLength(1024)))
  .check(z.refine((key) => Object.keys(key).every((name) => KEY_ATTRIBUTES.has(name)), 'unknown key attribute'));

export const MAX_CURSOR_LENGTH = 4096;

const invalidCursor = (cause?: unknown): ValidationError =>
  new ValidationError('The cursor is not valid for this list.', {
    errors: [
      { field: 'cursor', code: 'invalid_cursor', message: 'Use the nextCursor of a previous page of this list' },
    ],
    cause,
  });

const decode = (cursor: string): Record<string, string> => {
  try {
    return lastEvaluatedKey.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch (error) {
    throw invalidCursor(error);
  }
};

/**
 * DynamoDB refuses a start key outside the query's key condition (a timeline's cursor sent
 * with another time range): that is the caller's cursor, not our failure.
 */
export const isCursorOutsideQuery = (error: unknown): boolean =>
  error instanceof Error &&
  error.name === 'ValidationException' &&
  /starting key|ExclusiveStartKey|start key/i.test(error.message);

/** Runs a query that starts at a caller's cursor: a cursor DynamoDB refuses is a 400, not a 500. */
export const withCursor = async <T>(query: () => Promise<T>): Promise<T> => {
  try {
    return await query();
  } catch (error) {
    if (isCursorOutsideQuery(error)) throw invalidCursor(error);
    throw error;
  }
};

/**
 * @param partition the index partition attribute and the value the query reads
 */
export const assertCursorFor = (cursor: string, partition: { attribute: string; value: string }): void => {
  const key = decode(cursor);
  if (key[partition.attribute] !== partition.value) throw invalidCursor();
};
