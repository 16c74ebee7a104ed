import { NotFoundError } from '../shared/errors.ts';
import type { Principal } from '../shared/principal.ts';
import { type TransactionWrite, update } from '../shared/transaction.ts';
import { assertApplicationManager } from './application.policy.ts';
import { type CounterDeltas, funnelOf } from './funnel.model.ts';
import { Funnel } from './funnel.schema.ts';
import { FunnelCounterEntity } from './funnel-counter.entity.ts';
import { readRequisition } from './related.ts';

/** The counter write of a transaction that creates or moves an application; its UpdateItem creates a missing counter. */
export const funnelWrite = (tenantId: string, requisitionId: string, deltas: CounterDeltas): TransactionWrite =>
  update(FunnelCounterEntity.update({ tenantId, requisitionId }).add(deltas).params());

/** One GetItem of the counters, whatever the number of applications. */
export const getFunnel = async (actor: Principal, requisitionId: string): Promise<Funnel> => {
  assertApplicationManager(actor);
  const [requisition, counters] = await Promise.all([
    readRequisition(actor.tenantId, requisitionId),
    FunnelCounterEntity.get({ tenantId: actor.tenantId, requisitionId }).go(),
  ]);
  if (!requisition) throw new NotFoundError(`Requisition ${requisitionId} was not found.`);
  return Funnel.parse({ requisitionId, ...funnelOf(counters.data ?? {}) });
};
