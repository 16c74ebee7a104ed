import { DomainEvent, EVENT_TYPES } from '@assist-ten/core/events/catalogue';
import { OUTBOX_ENTITY } from '@assist-ten/core/events/outbox.entity';
import { eventWrite } from '@assist-ten/core/events/record';
import { newId } from '@assist-ten/core/shared/ids';
import { systemPrincipal } from '@assist-ten/core/shared/principal';
import { describe, expect, it } from 'vitest';
import { aPrincipal, thrownBy } from '../support/factories.ts';
import { sampleEvents } from './samples.ts';

describe('DomainEvent', () => {
  it('has a sample for every event type of the catalogue, and each sample parses', () => {
    // Act
    const types = sampleEvents().map((event) => DomainEvent.parse(event).type);

    // Assert
    expect(types.sort()).toEqual([...EVENT_TYPES].sort());
  });

  it.each([
    ['an unknown type', { type: 'requisition.deleted' }],
    ['a payload of another type', { type: 'interview.scheduled' }],
    ['a missing payload', { payload: undefined }],
    ['a bad tenant id', { tenantId: 'demo' }],
  ])('refuses %s', (_case, change) => {
    // Arrange
    const [sample] = sampleEvents();

    // Act
    const result = DomainEvent.safeParse({ ...sample, ...change });

    // Assert
    expect(result.success).toBe(false);
  });
});

describe('eventWrite', () => {
  const actor = aPrincipal({ userId: newId('user'), tenantId: newId('tenant') });
  const payload = { requisitionId: newId('requisition'), title: 'Staff Engineer', createdBy: actor.userId };

  it('puts an outbox item keyed by a fresh event id, with its actor, tenant and a week of life', () => {
    // Act
    const write = eventWrite(actor, 'requisition.published', payload);

    // Assert
    expect(write.kind).toBe('Put');
    const { Item, ConditionExpression } = write.params as {
      Item: Record<string, unknown>;
      ConditionExpression: string;
    };
    expect(Item).toMatchObject({
      __edb_e__: OUTBOX_ENTITY,
      type: 'requisition.published',
      tenantId: actor.tenantId,
      actorId: actor.userId,
      payload,
    });
    expect(Item.pk).toBe(`$assist-ten#eventId_${Item.eventId}`);
    expect(Item.sk).toBe(`$${OUTBOX_ENTITY}_1`);
    // The replay index: the UTC day it occurred, then the event id.
    expect(Item.day).toBe(String(Item.occurredAt).slice(0, 10));
    expect(Item.gsi1pk).toBe(`$assist-ten#day_${Item.day}`);
    expect(Item.gsi1sk).toBe(`$${OUTBOX_ENTITY}_1#eventId_${Item.eventId}`);
    expect(ConditionExpression).toContain('attribute_not_exists');
    const week = Number(Item.expiresAt) - Math.floor(Date.parse(String(Item.occurredAt)) / 1000);
    expect(week).toBe(7 * 24 * 60 * 60);
  });

  it('records a system change without an actor', () => {
    // Act
    const write = eventWrite({ tenantId: actor.tenantId }, 'requisition.published', payload);

    // Assert
    expect((write.params as { Item: Record<string, unknown> }).Item.actorId).toBeUndefined();
  });

  it('records a change the system principal makes without an actor, so consumers accept it', () => {
    // Act
    const write = eventWrite(systemPrincipal(actor.tenantId, 'sweep:1'), 'requisition.published', payload);

    // Assert
    expect((write.params as { Item: Record<string, unknown> }).Item.actorId).toBeUndefined();
  });

  it('refuses a payload its consumers would refuse, before anything is written', () => {
    // Act
    const error = thrownBy(() => eventWrite(actor, 'requisition.published', { ...payload, title: 'x'.repeat(301) }));

    // Assert
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toContain('requisition.published');
  });
});
