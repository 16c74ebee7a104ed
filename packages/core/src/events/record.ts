import { isoNow } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';
import { type Principal, SYSTEM_ACTOR_ID } from '../shared/principal.ts';
import { put, type TransactionWrite } from '../shared/transaction.ts';
import { EVENT_PAYLOADS, type EventPayload, type EventType } from './catalogue.ts';
import { OutboxEventEntity } from './outbox.entity.ts';

/** How long an event can be replayed (replay.ts); consumers remember what they did as long. */
export const EVENT_RETENTION_SECONDS = 7 * 24 * 60 * 60;

/** Who caused an event: a person's request, or the system itself (a worker, a timer). */
export type EventCause = Pick<Principal, 'tenantId'> & { userId?: string };

/**
 * The outbox write of one domain event, for the transaction of the change that causes it:
 * both are stored, or neither is.
 */
export const eventWrite = <T extends EventType>(
  cause: EventCause,
  type: T,
  payload: EventPayload<T>,
  eventId: string = newId('event'),
): TransactionWrite => {
  // A payload its consumers would refuse must fail the change now, not poison the queue later.
  const checked = EVENT_PAYLOADS[type].safeParse(payload);
  if (!checked.success) throw new Error(`Event ${type} has an invalid payload`, { cause: checked.error });
  const occurredAt = isoNow();
  return put(
    OutboxEventEntity.create({
      eventId,
      type,
      tenantId: cause.tenantId,
      occurredAt,
      day: occurredAt.slice(0, 10),
      // The system's own changes name no actor: events carry people's ids only.
      ...(cause.userId && cause.userId !== SYSTEM_ACTOR_ID ? { actorId: cause.userId } : {}),
      payload,
      expiresAt: Math.floor(Date.parse(occurredAt) / 1000) + EVENT_RETENTION_SECONDS,
    }).params(),
  );
};
