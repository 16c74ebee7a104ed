import { ConflictError } from '../shared/errors.ts';
import { type TransactionWrite, update } from '../shared/transaction.ts';
import { MonthlyUsageEntity } from './monthly-usage.entity.ts';
import { TenantEntity } from './tenant.entity.ts';

type Limit = 'maxUsers' | 'maxActiveRequisitions' | 'maxAssessmentsPerMonth';

const WHAT: Record<Limit, string> = {
  maxUsers: 'active users',
  maxActiveRequisitions: 'active requisitions',
  maxAssessmentsPerMonth: 'assessment invitations a month',
};

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

const lastAdmin = () =>
  new ConflictError('This is the last active admin of the tenant. Make someone else an admin first.', {
    extensions: { reason: 'last_admin' },
  });

/**
 * The writes below go into the transaction of the change that uses or frees the resource:
 * each is ONE update of the tenant item (a transaction may touch an item once), and a limit
 * is its condition, so two concurrent requests cannot both take the last one.
 */

/** One more active requisition, within the plan's limit. */
export const claimRequisition = (tenantId: string): TransactionWrite =>
  update(
    TenantEntity.patch({ tenantId })
      .add({ activeRequisitionCount: 1 })
      .where(
        ({ activeRequisitionCount, maxActiveRequisitions }, { name }) =>
          `${name(activeRequisitionCount)} < ${name(maxActiveRequisitions)}`,
      )
      .params(),
    (item) => limitReached('maxActiveRequisitions', numberIn(item, 'maxActiveRequisitions')),
  );

/** A requisition stopped being active. */
export const releaseRequisition = (tenantId: string): TransactionWrite =>
  update(TenantEntity.patch({ tenantId }).add({ activeRequisitionCount: -1 }).params());

/** One more active user (and admin), within the plan's limit. */
export const claimSeat = (tenantId: string, { admin }: { admin: boolean }): TransactionWrite =>
  update(
    TenantEntity.patch({ tenantId })
      .add({ userCount: 1, ...(admin ? { adminCount: 1 } : {}) })
      .where(({ userCount, maxUsers }, { name }) => `${name(userCount)} < ${name(maxUsers)}`)
      .params(),
    (item) => limitReached('maxUsers', numberIn(item, 'maxUsers')),
  );

/** An active user (and admin) left; an admin only if another active admin remains, so a tenant is never locked out. */
export const releaseSeat = (tenantId: string, { admin }: { admin: boolean }): TransactionWrite => {
  const patch = TenantEntity.patch({ tenantId }).add({ userCount: -1, ...(admin ? { adminCount: -1 } : {}) });
  if (!admin) return update(patch.params());
  return update(patch.where(({ adminCount }, { gt }) => gt(adminCount, 1)).params(), lastAdmin);
};

/** An active user became an admin. */
export const claimAdmin = (tenantId: string): TransactionWrite =>
  update(TenantEntity.patch({ tenantId }).add({ adminCount: 1 }).params());

/** An active admin stopped being one, if another active admin remains. */
export const releaseAdmin = (tenantId: string): TransactionWrite =>
  update(
    TenantEntity.patch({ tenantId })
      .add({ adminCount: -1 })
      .where(({ adminCount }, { gt }) => gt(adminCount, 1))
      .params(),
    lastAdmin,
  );

/** The calendar month (UTC) an instant falls in, as MonthlyUsage keys it. */
export const usageMonth = (at: string): string => at.slice(0, 7);

/**
 * One more assessment invitation this month, within the plan's `maxAssessmentsPerMonth`
 * (read by the caller from the tenant: a condition cannot read another item). The first
 * one of a month creates the month's item.
 */
export const claimMonthlyInvitation = (tenantId: string, month: string, limit: number): TransactionWrite =>
  update(
    MonthlyUsageEntity.update({ tenantId, month })
      .add({ assessmentInvitations: 1 })
      .where(
        ({ assessmentInvitations }, { notExists, lt }) =>
          `${notExists(assessmentInvitations)} OR ${lt(assessmentInvitations, limit)}`,
      )
      .params(),
    () => limitReached('maxAssessmentsPerMonth', limit),
  );
