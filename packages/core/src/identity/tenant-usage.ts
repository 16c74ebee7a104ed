import { ConflictError } from '../shared/errors.ts';
import { type TransactionWrite, update } from '../shared/transaction.ts';
import { TenantEntity } from './tenant.entity.ts';

type Counter = 'userCount' | 'adminCount' | 'activeRequisitionCount';
type Limit = 'maxUsers' | 'maxActiveRequisitions';

const LIMIT_OF: Partial<Record<Counter, Limit>> = {
  userCount: 'maxUsers',
  activeRequisitionCount: 'maxActiveRequisitions',
};

const WHAT: Record<Limit, string> = { maxUsers: 'active users', maxActiveRequisitions: 'active requisitions' };

const numberIn = (item: Record<string, unknown> | undefined, field: string): number | undefined => {
  const value = item?.[field];
  if (typeof value === 'number') return value;
  // Cancellation reasons come back in DynamoDB's wire format.
  const wire = (value as { N?: string } | undefined)?.N;
  return wire === undefined ? undefined : Number(wire);
};

export const limitReached = (limit: Limit, value: number | undefined): ConflictError =>
  new ConflictError(
    `Your plan allows ${value ?? 'no more'} ${WHAT[limit]}; that limit is reached. Ask us about a larger plan.`,
    {
      errors: [{ field: limit, code: 'limit_reached', message: `At most ${value ?? '?'} ${WHAT[limit]}` }],
      extensions: { limit, ...(value === undefined ? {} : { value }) },
    },
  );

/**
 * Takes one more of a counted resource in the same transaction as the write that uses it:
 * the condition compares the counter with its limit on the tenant item, so two concurrent
 * requests cannot both take the last one.
 */
export const claim = (tenantId: string, counter: Counter): TransactionWrite => {
  const limit = LIMIT_OF[counter];
  const patch = TenantEntity.patch({ tenantId }).add({ [counter]: 1 });
  if (!limit) return update(patch.params());
  return update(
    patch.where((attributes, { name }) => `${name(attributes[counter])} < ${name(attributes[limit])}`).params(),
    (item) => limitReached(limit, numberIn(item, limit)),
  );
};

/** Gives one back, e.g. when a requisition closes or a user is deactivated. */
export const release = (tenantId: string, counter: Counter): TransactionWrite =>
  update(
    TenantEntity.patch({ tenantId })
      .add({ [counter]: -1 })
      .params(),
  );

/** Gives back an admin only if another active admin remains, so a tenant is never locked out. */
export const releaseAdmin = (tenantId: string): TransactionWrite =>
  update(
    TenantEntity.patch({ tenantId })
      .add({ adminCount: -1 })
      .where(({ adminCount }, { gt }) => gt(adminCount, 1))
      .params(),
    () =>
      new ConflictError('This is the last active admin of the tenant. Make someone else an admin first.', {
        extensions: { reason: 'last_admin' },
      }),
  );
