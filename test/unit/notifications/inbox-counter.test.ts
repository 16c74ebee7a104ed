import { toUnreadCount, unreadCountChange } from '@assist-ten/core/notifications/inbox-counter';
import type { InboxCounterItem } from '@assist-ten/core/notifications/inbox-counter.entity';
import { describe, expect, it } from 'vitest';

const OWNER = { tenantId: 'tnt_01JDEM00000000000000000001', userId: 'usr_01JDEM00000000000000000011' };

interface UpdateParams {
  UpdateExpression: string;
  ExpressionAttributeValues: Record<string, unknown>;
  ConditionExpression?: string;
}

describe('unreadCountChange', () => {
  it('adds to the total and to each type, grouped, without a condition so a missing counter is created', () => {
    // Act
    const { kind, params } = unreadCountChange(OWNER, -1, ['system', 'interview', 'system']);

    // Assert
    const update = params as UpdateParams;
    expect(kind).toBe('Update');
    expect(update.UpdateExpression).toContain('ADD #unreadCount :unreadCount_u0, #unreadSystem :unreadSystem_u0');
    expect(update.ExpressionAttributeValues).toMatchObject({
      ':unreadCount_u0': -3,
      ':unreadSystem_u0': -2,
      ':unreadInterview_u0': -1,
    });
    expect(update.ConditionExpression).toBeUndefined();
  });
});

describe('toUnreadCount', () => {
  it('reads a missing counter as an empty inbox', () => {
    // Act
    const count = toUnreadCount(null);

    // Assert
    expect(count).toEqual({
      unreadCount: 0,
      byType: { system: 0, assessment: 0, interview: 0, application: 0, proctoring: 0 },
    });
  });

  it('shows the stored counts per type, and never a negative badge', () => {
    // Arrange
    const item = { ...OWNER, unreadCount: 4, unreadSystem: 3, unreadProctoring: 1, unreadInterview: -1 };

    // Act
    const count = toUnreadCount(item as InboxCounterItem);

    // Assert
    expect(count).toEqual({
      unreadCount: 4,
      byType: { system: 3, assessment: 0, interview: 0, application: 0, proctoring: 1 },
    });
  });
});
