import * as z from 'zod/mini';
import { STAFF_ROLES } from '../shared/principal.ts';
import {
  emailAddress,
  idPath,
  listQuery,
  locale,
  notEmpty,
  page,
  text,
  timeZone,
  trackedView,
} from '../shared/schema.ts';
import { perNotificationType, USER_STATUSES } from './user.model.ts';

/** Tenant admins hand out these; superadmin is a platform role no tenant can grant. */
export const TENANT_ROLES = ['recruiter', 'interviewer', 'admin'] as const;

const roles = z.array(z.enum(TENANT_ROLES)).check(
  z.minLength(1, 'Give the user at least one role'),
  z.maxLength(TENANT_ROLES.length),
  z.refine((list) => new Set(list).size === list.length, 'Each role may be listed once'),
);

const channels = z.strictObject({ inApp: z.optional(z.boolean()), email: z.optional(z.boolean()) });

/** Only the types and channels sent change; the rest keep their current setting. */
const preferences = z.strictObject(perNotificationType(z.optional(channels)));

/** A whole preference map, every type and channel given (a tenant's defaults). */
export const NotificationPreferencesBody = z.strictObject(
  perNotificationType(z.strictObject({ inApp: z.boolean(), email: z.boolean() })),
);

export const NotificationPreferencesView = z.object(
  perNotificationType(z.object({ inApp: z.boolean(), email: z.boolean() })),
);

export const InviteUserBody = z.strictObject({
  email: emailAddress,
  name: text(200),
  roles,
  timezone: z.optional(timeZone),
  locale: z.optional(locale),
});
export type InviteUser = z.output<typeof InviteUserBody>;

export const UpdateUserBody = z
  .strictObject({
    name: z.optional(text(200)),
    roles: z.optional(roles),
    timezone: z.optional(timeZone),
    locale: z.optional(locale),
  })
  .check(notEmpty);
export type UpdateUser = z.output<typeof UpdateUserBody>;

export const UpdateMeBody = z
  .strictObject({
    name: z.optional(text(200)),
    timezone: z.optional(timeZone),
    locale: z.optional(locale),
    notificationPreferences: z.optional(preferences),
  })
  .check(notEmpty);
export type UpdateMe = z.output<typeof UpdateMeBody>;

export const UserPath = idPath('user');

export const ListUsersQuery = z.strictObject({
  status: z.optional(z.enum(USER_STATUSES)),
  ...listQuery,
});
export type ListUsers = z.output<typeof ListUsersQuery>;

export const User = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(z.enum(STAFF_ROLES)),
  status: z.enum(USER_STATUSES),
  timezone: z.string(),
  locale: z.string(),
  notificationPreferences: NotificationPreferencesView,
  deactivatedAt: z.optional(z.string()),
  ...trackedView,
});
export type User = z.output<typeof User>;

export const UserPage = page(User);
