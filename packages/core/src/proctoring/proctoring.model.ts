/**
 * What the test page and the snapshot analyser report. Assessments name the ones they
 * tolerate (`proctoring.allowedEvents`); proctoring scores the others.
 */
export const PROCTORING_EVENT_TYPES = [
  'tab_switch',
  'window_blur',
  'fullscreen_exit',
  'copy',
  'paste',
  'right_click',
  'devtools_open',
  'multiple_faces_detected',
  'no_face_detected',
  'face_mismatch',
  'looking_away',
  'noise_detected',
  'network_disconnect',
  'screen_share_stopped',
] as const;
export type ProctoringEventType = (typeof PROCTORING_EVENT_TYPES)[number];

export const isProctoringEventType = (value: string): value is ProctoringEventType =>
  (PROCTORING_EVENT_TYPES as readonly string[]).includes(value);

/** Mildest first: a severity's index is its rank. */
export const PROCTORING_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type ProctoringSeverity = (typeof PROCTORING_SEVERITIES)[number];

/** Who reported an event: the candidate's test page, or our analysis of a snapshot. */
export const EVENT_SOURCES = ['client', 'snapshot'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

/** A flagged event waits for a person; their decision is final evidence, never the machine's. */
export const REVIEW_STATUSES = ['pending', 'confirmed', 'dismissed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const REVIEW_DECISIONS = ['confirmed', 'dismissed'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** A reviewer's verdict on a whole session: it stands, or the attempt does not count. */
export const VERDICTS = ['clear', 'invalidate'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const SNAPSHOT_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type SnapshotStatus = (typeof SNAPSHOT_STATUSES)[number];

/** Events per ingestion request: a test page flushes its buffer every few seconds. */
export const MAX_EVENTS_PER_BATCH = 50;

/** A session's events that evaluation reads at most; past this, a session is flagged anyway. */
export const MAX_EVENTS_PER_SESSION = 5000;

/** The value of a sparse index's key attribute when the item is not in that index. */
export const NOT_QUEUED = 'none';
