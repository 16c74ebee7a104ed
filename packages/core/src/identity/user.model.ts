/** The vocabulary of a staff user, shared by its entity, schemas and rules. */
export const USER_STATUSES = ['active', 'deactivated'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** The kinds of notification a user can tune, one switch per channel. */
export const NOTIFICATION_TYPES = ['system', 'assessment', 'interview', 'application', 'proctoring'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export const NOTIFICATION_CHANNELS = ['inApp', 'email'] as const;

/** One entry per notification type: the shape of every preference map (entity, schema, view). */
export const perNotificationType = <T>(value: T): Record<NotificationType, T> =>
  Object.fromEntries(NOTIFICATION_TYPES.map((type) => [type, value])) as Record<NotificationType, T>;

export type NotificationPreferences = Record<NotificationType, { inApp: boolean; email: boolean }>;

export const DEFAULT_NOTIFICATION_PREFERENCES: NotificationPreferences = {
  system: { inApp: true, email: true },
  assessment: { inApp: true, email: true },
  interview: { inApp: true, email: true },
  application: { inApp: true, email: false },
  proctoring: { inApp: true, email: true },
};

export const DEFAULT_TIMEZONE = 'UTC';
export const DEFAULT_LOCALE = 'en';
