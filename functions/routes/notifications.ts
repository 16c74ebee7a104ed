import {
  ListNotificationsQuery,
  Notification,
  NotificationPage,
  NotificationPath,
  ReadAllBody,
  ReadAllQuery,
  ReadAllResult,
  UnreadCount,
} from '@assist-ten/core/notifications/notification.schema';
import { STAFF_ROLES } from '@assist-ten/core/shared/principal';
import { route } from './define.ts';

const NOTIFICATIONS = '/api/v1/notifications';
const everyone = { type: 'staff', roles: STAFF_ROLES } as const;
/** Each user's own inbox state: what they have seen is no business of the audit trail. */
const PERSONAL = "A user's own inbox state (read, archived), not a change to the tenant's data";

export const notificationRoutes = [
  route({
    method: 'GET',
    path: NOTIFICATIONS,
    context: 'notifications',
    auth: everyone,
    summary: 'List my notifications, newest first (unread only, one type, or both)',
    request: { query: ListNotificationsQuery },
    response: { status: 200, body: NotificationPage, description: 'One page of my inbox' },
  }),
  // A literal segment: API Gateway (and the local gateway) prefer it to `{id}` below.
  route({
    method: 'GET',
    path: `${NOTIFICATIONS}/unread-count`,
    context: 'notifications',
    auth: everyone,
    summary: 'How many of my notifications are unread, in all and per type',
    response: { status: 200, body: UnreadCount, description: 'My unread counts' },
  }),
  route({
    method: 'POST',
    path: `${NOTIFICATIONS}/read-all`,
    context: 'notifications',
    auth: everyone,
    summary: 'Mark all my unread notifications read (of one type, if given in the body or query)',
    request: { query: ReadAllQuery, body: ReadAllBody },
    response: { status: 200, body: ReadAllResult, description: 'How many were marked read' },
    unaudited: PERSONAL,
  }),
  route({
    method: 'GET',
    path: `${NOTIFICATIONS}/{id}`,
    context: 'notifications',
    auth: everyone,
    summary: 'Get one of my notifications',
    request: { path: NotificationPath },
    response: { status: 200, body: Notification, description: 'The notification' },
    resource: 'notification',
  }),
  route({
    method: 'PATCH',
    path: `${NOTIFICATIONS}/{id}/read`,
    context: 'notifications',
    auth: everyone,
    summary: 'Mark one of my notifications read (already read: answered as it is)',
    request: { path: NotificationPath },
    response: { status: 200, body: Notification, description: 'The notification, read' },
    resource: 'notification',
    unaudited: PERSONAL,
  }),
  route({
    method: 'DELETE',
    path: `${NOTIFICATIONS}/{id}`,
    context: 'notifications',
    auth: everyone,
    summary: 'Archive one of my notifications: it leaves every list and the unread count',
    request: { path: NotificationPath },
    response: { status: 204, description: 'Archived (also when it already was)' },
    resource: 'notification',
    unaudited: PERSONAL,
  }),
] as const;
