/** The routes the notifications function serves; it bundles these schemas and no other context's. */
export { notificationRoutes } from '../../routes/notifications.ts';
