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
