import { auditWrite, changesBetween } from '@assist-ten/core/platform/audit';
import { describe, expect, it } from 'vitest';
import { aPrincipal } from '../support/factories.ts';

describe('changesBetween', () => {
  it('lists the fields that differ, sorted, with their before and after values', () => {
    // Act
    const changes = changesBetween(
      { title: 'A', status: 'draft', department: 'X' },
      { title: 'B', status: 'open', department: 'X' },
    );

    // Assert
    expect(changes).toEqual([
      { field: 'status', before: 'draft', after: 'open' },
      { field: 'title', before: 'A', after: 'B' },
    ]);
  });

  it('records a creation as after-only fields and a removal as before-only', () => {
    // Act
    const created = changesBetween(undefined, { title: 'New' });
    const removed = changesBetween({ hiringManagerId: 'usr_1' }, {});

    // Assert
    expect(created).toEqual([{ field: 'title', after: 'New' }]);
    expect(removed).toEqual([{ field: 'hiringManagerId', before: 'usr_1' }]);
  });

  it('leaves out bookkeeping every write changes', () => {
    // Act
    const changes = changesBetween(
      { id: 'x', version: 1, updatedAt: 'a', updatedBy: 'u1', createdAt: 'c', createdBy: 'u1' },
      { id: 'x', version: 2, updatedAt: 'b', updatedBy: 'u2', createdAt: 'c', createdBy: 'u1' },
    );

    // Assert
    expect(changes).toEqual([]);
  });

  it('compares nested values by content, not identity', () => {
    // Act
    const changes = changesBetween({ salary: { min: 1, max: 2 } }, { salary: { min: 1, max: 2 } });

    // Assert
    expect(changes).toEqual([]);
  });

  it('masks personal data, also inside nested objects', () => {
    // Act
    const changes = changesBetween(undefined, {
      email: 'alice@demo.test',
      name: 'Alice Liddell',
      contact: { name: 'Bob Builder', email: 'bob@acme.test', phone: '+49 30 1234567' },
    });

    // Assert
    expect(changes).toEqual([
      { field: 'contact', after: { name: 'B***', email: 'b***@acme.test', phone: '+***' } },
      { field: 'email', after: 'a***@demo.test' },
      { field: 'name', after: 'A***' },
    ]);
    expect(JSON.stringify(changes)).not.toMatch(/alice@|Liddell|bob@|Builder|1234567/);
  });

  it('shortens long text and replaces oversized values by their size', () => {
    // Act
    const [description, skills] = changesBetween(undefined, {
      description: 'x'.repeat(10_000),
      requiredSkills: Array.from({ length: 300 }, (_, index) => ({ skill: `skill-${index}`, proficiency: 'expert' })),
    });

    // Assert
    expect(description?.after).toBe(`${'x'.repeat(500)}…`);
    expect(skills?.after).toMatch(/^\[\d+ characters, not kept\]$/);
  });
});

describe('auditWrite', () => {
  it('puts an entry in the tenant of the object, naming the actor, the request and an expiry', () => {
    // Arrange
    const actor = aPrincipal({ userId: 'usr_root', tenantId: 'tnt_platform', requestId: 'req-42' });

    // Act
    const write = auditWrite(actor, {
      action: 'tenant.suspended',
      entityType: 'tenant',
      entityId: 'tnt_x',
      tenantId: 'tnt_x',
      before: { status: 'active' },
      after: { status: 'suspended' },
    });

    // Assert
    const { Item, ConditionExpression } = write.params as {
      Item: Record<string, unknown>;
      ConditionExpression: string;
    };
    expect(write.kind).toBe('Put');
    expect(ConditionExpression).toContain('attribute_not_exists');
    expect(Item).toMatchObject({
      tenantId: 'tnt_x',
      actorId: 'usr_root',
      actorTenantId: 'tnt_platform',
      action: 'tenant.suspended',
      requestId: 'req-42',
      changes: [{ field: 'status', before: 'active', after: 'suspended' }],
    });
    expect(Item.auditId).toMatch(/^aud_[0-9A-HJKMNP-TV-Z]{26}$/);
    const days = ((Item.expiresAt as number) - Date.now() / 1000) / 86_400;
    expect(days).toBeGreaterThan(399);
    expect(days).toBeLessThan(401);
  });

  it('defaults the tenant to the actor', () => {
    // Act
    const write = auditWrite(aPrincipal({ tenantId: 'tnt_demo' }), {
      action: 'requisition.created',
      entityType: 'requisition',
      entityId: 'req_1',
    });

    // Assert
    expect((write.params as { Item: { tenantId: string } }).Item.tenantId).toBe('tnt_demo');
  });
});
