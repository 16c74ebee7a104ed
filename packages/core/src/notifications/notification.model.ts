/** The vocabulary of an inbox notification, shared by its entity, schemas and rules. */
export { NOTIFICATION_TYPES, type NotificationType } from '../identity/user.model.ts';

export const NOTIFICATION_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type NotificationPriority = (typeof NOTIFICATION_PRIORITIES)[number];

export const NOTIFICATION_LIMITS = {
  title: 200,
  message: 2000,
  actionUrl: 2048,
  relatedEntityType: 64,
  relatedEntityId: 128,
} as const;

/** A notification nobody acted on leaves the inbox by itself (TTL) this long after it arrived. */
export const NOTIFICATION_RETENTION_DAYS = 90;

/**
 * Notifications one read-all transaction marks: DynamoDB takes 100 writes per transaction
 * and the counter is one of them.
 */
export const READ_ALL_BATCH = 99;
