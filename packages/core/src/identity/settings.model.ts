import type { ProctoringEventType, ProctoringSeverity } from '../proctoring/proctoring.model.ts';
import { DEFAULT_NOTIFICATION_PREFERENCES, DEFAULT_TIMEZONE, type NotificationPreferences } from './user.model.ts';

/**
 * The vocabulary of a tenant's admin settings, shared by its entity, schemas and the
 * contexts that read them (proctoring: thresholds and retention; interviews: defaults).
 */

// The proctoring context owns what a test page reports and how severe it can be; settings say how severe each one is.
export {
  PROCTORING_EVENT_TYPES,
  PROCTORING_SEVERITIES,
  type ProctoringEventType,
  type ProctoringSeverity,
} from '../proctoring/proctoring.model.ts';

export type ProctoringThresholds = Record<ProctoringEventType, ProctoringSeverity>;

/** Inclusive bounds of each number; the schema, the docs and the tests read these. */
export const SETTINGS_BOUNDS = {
  assessmentDurationMinutes: { min: 5, max: 480 },
  passingScorePercent: { min: 0, max: 100 },
  /** 0 turns automatic flagging off: no score is below 0. */
  autoFlagBelowScore: { min: 0, max: 100 },
  snapshotRetentionDays: { min: 1, max: 365 },
  /** 0 turns appeals off: no day is within a window of none. */
  appealWindowDays: { min: 0, max: 90 },
  interviewDurationMinutes: { min: 15, max: 480 },
  /** Up to a week ahead. */
  interviewReminderLeadMinutes: { min: 5, max: 10_080 },
} as const;

export const MAX_ALLOWED_EMAIL_DOMAINS = 50;

/** The settings themselves, without bookkeeping: what a PUT replaces. */
export interface SettingsDocument {
  assessmentDefaults: { durationMinutes: number; passingScorePercent: number };
  proctoring: {
    thresholds: ProctoringThresholds;
    autoFlagBelowScore: number;
    snapshotRetentionDays: number;
    /** Days after submitting in which a candidate may appeal proctoring evidence through their link. */
    appealWindowDays: number;
  };
  /** Empty: staff may be invited at any domain. */
  allowedEmailDomains: string[];
  interviewDefaults: { durationMinutes: number; reminderLeadMinutes: number };
  notificationDefaults: NotificationPreferences;
  timezone: string;
}

/**
 * Severities by how strongly an event suggests someone else is involved: another face or
 * another person's face is critical, a moment of looking away is low.
 */
export const DEFAULT_PROCTORING_THRESHOLDS: Readonly<ProctoringThresholds> = {
  tab_switch: 'medium',
  window_blur: 'low',
  fullscreen_exit: 'medium',
  copy: 'medium',
  paste: 'high',
  right_click: 'low',
  devtools_open: 'high',
  multiple_faces_detected: 'critical',
  no_face_detected: 'high',
  face_mismatch: 'critical',
  looking_away: 'low',
  noise_detected: 'low',
  network_disconnect: 'medium',
  screen_share_stopped: 'high',
};

/** Two weeks: time to read the email and write an account, short enough for a hiring decision to wait. */
export const DEFAULT_APPEAL_WINDOW_DAYS = 14;

/** What a tenant that never saved its settings gets (docs/settings.md explains each). */
export const DEFAULT_SETTINGS: Readonly<SettingsDocument> = {
  assessmentDefaults: { durationMinutes: 60, passingScorePercent: 70 },
  proctoring: {
    thresholds: DEFAULT_PROCTORING_THRESHOLDS,
    autoFlagBelowScore: 60,
    snapshotRetentionDays: 90,
    appealWindowDays: DEFAULT_APPEAL_WINDOW_DAYS,
  },
  allowedEmailDomains: [],
  interviewDefaults: { durationMinutes: 60, reminderLeadMinutes: 60 },
  notificationDefaults: DEFAULT_NOTIFICATION_PREFERENCES,
  timezone: DEFAULT_TIMEZONE,
};

/** The part after the last `@`, lowercased. */
export const emailDomainOf = (email: string): string =>
  email
    .slice(email.lastIndexOf('@') + 1)
    .trim()
    .toLowerCase();

/**
 * An exact match: `demo.test` does not admit `eu.demo.test`, so a subdomain someone else
 * may control is allowed only when an admin lists it.
 */
export const isEmailDomainAllowed = (allowedDomains: readonly string[], email: string): boolean =>
  allowedDomains.length === 0 || allowedDomains.includes(emailDomainOf(email));
