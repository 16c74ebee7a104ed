import {
  archiveNotification,
  getNotification,
  getUnreadCount,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  readAllTypeOf,
} from '@assist-ten/core/notifications/notification.service';
import type { Operations } from '@assist-ten/lambda-kit/http/operation';
import type { notificationRoutes } from '../../routes/notifications.ts';

export const inboxOperations: Operations<(typeof notificationRoutes)[number]> = {
  'GET /api/v1/notifications': async ({ principal, query }) => ({ body: await listNotifications(principal, query) }),
  'GET /api/v1/notifications/unread-count': async ({ principal }) => ({ body: await getUnreadCount(principal) }),
  'POST /api/v1/notifications/read-all': async ({ principal, body, query }) => ({
    body: await markAllNotificationsRead(principal, readAllTypeOf(body, query)),
  }),
  'GET /api/v1/notifications/{id}': async ({ principal, path }) => ({
    body: await getNotification(principal, path.id),
  }),
  'PATCH /api/v1/notifications/{id}/read': async ({ principal, path }) => ({
    body: await markNotificationRead(principal, path.id),
  }),
  'DELETE /api/v1/notifications/{id}': async ({ principal, path }) => {
    await archiveNotification(principal, path.id);
    return {};
  },
};
