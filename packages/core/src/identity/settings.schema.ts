import * as z from 'zod/mini';
import { boundedList, timeZone } from '../shared/schema.ts';
import {
  DEFAULT_APPEAL_WINDOW_DAYS,
  MAX_ALLOWED_EMAIL_DOMAINS,
  PROCTORING_EVENT_TYPES,
  PROCTORING_SEVERITIES,
  SETTINGS_BOUNDS,
} from './settings.model.ts';
import { NotificationPreferencesBody, NotificationPreferencesView } from './user.schema.ts';

type EventTypeKeys<T> = Record<(typeof PROCTORING_EVENT_TYPES)[number], T>;

const bounded = ({ min, max }: { min: number; max: number }) => z.int().check(z.minimum(min), z.maximum(max));

const severity = z.enum(PROCTORING_SEVERITIES);

/** Labels of letters, digits and inner dashes, dot-separated, ending in an alphabetic or punycode TLD. */
const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

const domain = z
  .string()
  .check(z.trim(), z.toLowerCase(), z.maxLength(253), z.regex(DOMAIN, 'A domain such as example.com, without @'));

const allowedEmailDomains = boundedList(domain, MAX_ALLOWED_EMAIL_DOMAINS).check(
  z.refine((list) => new Set(list).size === list.length, 'Each domain may be listed once'),
);

/** The whole document: a PUT replaces every setting, so every field is required. */
export const ReplaceSettingsBody = z.strictObject({
  assessmentDefaults: z.strictObject({
    durationMinutes: bounded(SETTINGS_BOUNDS.assessmentDurationMinutes),
    passingScorePercent: bounded(SETTINGS_BOUNDS.passingScorePercent),
  }),
  proctoring: z.strictObject({
    /** One severity per event type; none may be left out. */
    thresholds: z.strictObject(
      Object.fromEntries(PROCTORING_EVENT_TYPES.map((type) => [type, severity])) as EventTypeKeys<typeof severity>,
    ),
    autoFlagBelowScore: bounded(SETTINGS_BOUNDS.autoFlagBelowScore),
    snapshotRetentionDays: bounded(SETTINGS_BOUNDS.snapshotRetentionDays),
    /** Added after the others: a client that does not know it yet sends none and gets the default. */
    appealWindowDays: z._default(bounded(SETTINGS_BOUNDS.appealWindowDays), DEFAULT_APPEAL_WINDOW_DAYS),
  }),
  allowedEmailDomains,
  interviewDefaults: z.strictObject({
    durationMinutes: bounded(SETTINGS_BOUNDS.interviewDurationMinutes),
    reminderLeadMinutes: bounded(SETTINGS_BOUNDS.interviewReminderLeadMinutes),
  }),
  notificationDefaults: NotificationPreferencesBody,
  timezone: timeZone,
});
export type ReplaceSettings = z.output<typeof ReplaceSettingsBody>;

/**
 * A tenant's settings as the API shows them. A tenant that never saved reads the defaults
 * at version 0, with no createdAt/updatedAt/createdBy/updatedBy: nobody set them yet.
 * Sending `If-Match: "0"` then means "only if nobody has saved since I read the defaults".
 */
export const AdminSettings = z.object({
  assessmentDefaults: z.object({ durationMinutes: z.int(), passingScorePercent: z.int() }),
  proctoring: z.object({
    thresholds: z.object(
      Object.fromEntries(PROCTORING_EVENT_TYPES.map((type) => [type, severity])) as EventTypeKeys<typeof severity>,
    ),
    autoFlagBelowScore: z.int(),
    snapshotRetentionDays: z.int(),
    /** Settings saved before it existed read the default. */
    appealWindowDays: z._default(z.int(), DEFAULT_APPEAL_WINDOW_DAYS),
  }),
  allowedEmailDomains: z.array(z.string()),
  interviewDefaults: z.object({ durationMinutes: z.int(), reminderLeadMinutes: z.int() }),
  notificationDefaults: NotificationPreferencesView,
  timezone: z.string(),
  createdAt: z.optional(z.string()),
  updatedAt: z.optional(z.string()),
  createdBy: z.optional(z.string()),
  updatedBy: z.optional(z.string()),
  version: z.int(),
});
export type AdminSettings = z.output<typeof AdminSettings>;
