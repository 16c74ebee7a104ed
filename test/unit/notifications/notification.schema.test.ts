import {
  actionUrl,
  ListNotificationsQuery,
  NewNotificationInput,
  NotificationPath,
  ReadAllBody,
} from '@assist-ten/core/notifications/notification.schema';
import { describe, expect, it } from 'vitest';

const aNewNotification = (overrides: Record<string, unknown> = {}) => ({
  tenantId: 'tnt_01JDEM00000000000000000001',
  userId: 'usr_01JDEM00000000000000000011',
  notificationId: 'ntf_01JABCDEFGHJKMNPQRSTVWXYZ0',
  type: 'assessment',
  title: 'Assessment completed',
  message: 'Ada finished the TypeScript assessment.',
  priority: 'normal',
  ...overrides,
});

describe('actionUrl', () => {
  it.each([
    '/requisitions/req_01JABCDEFGHJKMNPQRSTVWXYZ0',
    '/notifications?tab=unread#top',
    'https://app.assist-ten.test/interviews/int_1',
    'http://localhost:5173/inbox',
  ])('accepts %s', (value) => {
    // Act
    const result = actionUrl.safeParse(value);

    // Assert
    expect(result.success).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '//evil.test/phish',
    '/\\evil.test',
    'requisitions/req_1',
    '/with space',
    'ftp://files.test/x',
    `/${'a'.repeat(2048)}`,
  ])('refuses %s', (value) => {
    // Act
    const result = actionUrl.safeParse(value);

    // Assert
    expect(result.success).toBe(false);
  });
});

describe('NewNotificationInput', () => {
  it('shortens a generated title and message to their limits instead of refusing them', () => {
    // Act
    const parsed = NewNotificationInput.parse(aNewNotification({ title: 'T'.repeat(500), message: 'M'.repeat(3000) }));

    // Assert
    expect(parsed.title).toHaveLength(200);
    expect(parsed.title.endsWith('…')).toBe(true);
    expect(parsed.message).toHaveLength(2000);
  });

  it('refuses ids of the wrong kind, so a notification cannot land in a made-up partition', () => {
    // Act
    const result = NewNotificationInput.safeParse(
      aNewNotification({ userId: 'tnt_01JDEM00000000000000000001', notificationId: 'ntf_1' }),
    );

    // Assert
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['notificationId', 'userId']);
  });

  it('refuses an unknown type or priority, and fields it does not know', () => {
    // Act
    const result = NewNotificationInput.safeParse(aNewNotification({ type: 'gossip', priority: 'meh', extra: 1 }));

    // Assert
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.code).sort()).toEqual([
      'invalid_value',
      'invalid_value',
      'unrecognized_keys',
    ]);
  });

  it('takes an expiry as an ISO instant', () => {
    // Act
    const good = NewNotificationInput.safeParse(aNewNotification({ expiresAt: '2026-06-01T00:00:00Z' }));
    const bad = NewNotificationInput.safeParse(aNewNotification({ expiresAt: 1_780_000_000 }));

    // Assert
    expect(good.success).toBe(true);
    expect(bad.success).toBe(false);
  });
});

describe('ListNotificationsQuery', () => {
  it('reads the unread filter, the type and the page size from query text', () => {
    // Act
    const parsed = ListNotificationsQuery.parse({ unread: 'true', type: 'interview', limit: '10' });

    // Assert
    expect(parsed).toEqual({ unread: true, type: 'interview', limit: 10 });
  });

  it('defaults to a page of 25 of the whole inbox', () => {
    // Act
    const parsed = ListNotificationsQuery.parse({});

    // Assert
    expect(parsed).toEqual({ limit: 25 });
  });

  it.each([{ unread: 'yes' }, { type: 'gossip' }, { limit: '101' }, { status: 'archived' }])('refuses %o', (query) => {
    // Act
    const result = ListNotificationsQuery.safeParse(query);

    // Assert
    expect(result.success).toBe(false);
  });
});

describe('request bodies and paths', () => {
  it('takes a notification id only in {id}', () => {
    // Act
    const good = NotificationPath.safeParse({ id: 'ntf_01JABCDEFGHJKMNPQRSTVWXYZ0' });
    const bad = NotificationPath.safeParse({ id: 'req_01JABCDEFGHJKMNPQRSTVWXYZ0' });

    // Assert
    expect(good.success).toBe(true);
    expect(bad.success).toBe(false);
  });

  it('takes an optional type in the read-all body and nothing else', () => {
    // Act
    const typed = ReadAllBody.safeParse({ type: 'proctoring' });
    const unknown = ReadAllBody.safeParse({ type: 'proctoring', all: true });

    // Assert
    expect(typed.success).toBe(true);
    expect(unknown.success).toBe(false);
  });
});
