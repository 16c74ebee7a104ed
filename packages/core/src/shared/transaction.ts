import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './db.ts';
import { ConflictError } from './errors.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * One write of a transaction: the parameters an ElectroDB `.params()` call produced, and
 * the error to raise when its own condition is what cancelled the transaction.
 */
export interface TransactionWrite {
  /** ConditionCheck writes nothing: the transaction happens only if its condition holds. */
  kind: 'Put' | 'Update' | 'Delete' | 'ConditionCheck';
  params: object;
  /** Gets the item as it was, so the error can say e.g. which limit was reached. */
  onConditionFailed?: (item: Record<string, unknown> | undefined) => Error;
}

type OnConditionFailed = TransactionWrite['onConditionFailed'];

const write =
  (kind: TransactionWrite['kind']) =>
  (params: object, onConditionFailed?: OnConditionFailed): TransactionWrite => ({
    kind,
    params,
    ...(onConditionFailed ? { onConditionFailed } : {}),
  });

export const put = write('Put');
export const update = write('Update');
export const remove = write('Delete');
/** Params: TableName, Key, ConditionExpression and the names and values it uses. */
export const check = write('ConditionCheck');

interface CancellationReason {
  Code?: string;
  Item?: Record<string, unknown>;
}

const reasonsOf = (error: unknown): CancellationReason[] | undefined =>
  error instanceof Error && error.name === 'TransactionCanceledException'
    ? ((error as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [])
    : undefined;

/** ElectroDB's update params carry a few fields a TransactWriteItem does not accept. */
const toTransactItem = ({ kind, params, onConditionFailed }: TransactionWrite): TransactItem => {
  const { ReturnValues: _returnValues, ...accepted } = params as Record<string, unknown>;
  return {
    [kind]: { ...accepted, ...(onConditionFailed ? { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } : {}) },
  } as TransactItem;
};

/**
 * The transaction kept colliding with concurrent ones on the same items and gave up: a 409
 * "try again" to a caller, and a sign to a caller with its own retry loop to decide again.
 */
export class ContentionError extends ConflictError {}

const ATTEMPTS = 3;
const BASE_BACKOFF_MS = 25;
const MAX_BACKOFF_MS = 1_000;

/**
 * Writes all or nothing. A write whose condition failed raises its own error (the first
 * such write wins); a conflict with a concurrent transaction on the same items is retried,
 * `attempts` times in all, after an exponential, fully jittered pause. No writes is nothing
 * to do (a decision to change nothing), which DynamoDB would refuse as a malformed request.
 */
export const transactWrite = async (
  writes: readonly TransactionWrite[],
  { attempts = ATTEMPTS }: { attempts?: number } = {},
): Promise<void> => {
  if (writes.length === 0) return;
  const input = { TransactItems: writes.map(toTransactItem) };
  for (let attempt = 1; ; attempt++) {
    try {
      await documentClient.send(new TransactWriteCommand(input));
      return;
    } catch (error) {
      const reasons = reasonsOf(error);
      if (!reasons) throw error;
      const failed = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
      if (failed >= 0) throw writes[failed]?.onConditionFailed?.(reasons[failed]?.Item) ?? error;
      const conflicted = reasons.some((reason) => reason.Code === 'TransactionConflict');
      if (!conflicted) throw error;
      if (attempt >= attempts) {
        throw new ContentionError('Someone else is changing the same data; try again.', { cause: error });
      }
      const ceiling = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** attempt);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
    }
  }
};
