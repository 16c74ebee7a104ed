import type { ProctoringEventType } from './proctoring.model.ts';

/** What reviewers and recruiters read instead of the type's code (the timeline, the notification). */
export const EVENT_TYPE_LABELS: Readonly<Record<ProctoringEventType, string>> = {
  tab_switch: 'tab switch',
  window_blur: 'window lost focus',
  fullscreen_exit: 'full screen exited',
  copy: 'copy',
  paste: 'paste',
  right_click: 'right click',
  devtools_open: 'developer tools opened',
  multiple_faces_detected: 'multiple faces detected',
  no_face_detected: 'no face detected',
  face_mismatch: 'face mismatch',
  looking_away: 'looking away',
  noise_detected: 'noise detected',
  network_disconnect: 'network disconnected',
  screen_share_stopped: 'screen sharing stopped',
};

/**
 * The same types as countable nouns ("3 tab switches", "the 3rd tab switch"): several labels
 * are past participles that take no plural, and English plurals are too irregular to derive.
 */
export const EVENT_TYPE_NOUNS: Readonly<Record<ProctoringEventType, { one: string; other: string }>> = {
  tab_switch: { one: 'tab switch', other: 'tab switches' },
  window_blur: { one: 'loss of window focus', other: 'losses of window focus' },
  fullscreen_exit: { one: 'full-screen exit', other: 'full-screen exits' },
  copy: { one: 'copy', other: 'copies' },
  paste: { one: 'paste', other: 'pastes' },
  right_click: { one: 'right click', other: 'right clicks' },
  devtools_open: { one: 'opening of developer tools', other: 'openings of developer tools' },
  multiple_faces_detected: { one: 'detection of multiple faces', other: 'detections of multiple faces' },
  no_face_detected: { one: 'time no face was seen', other: 'times no face was seen' },
  face_mismatch: { one: 'face mismatch', other: 'face mismatches' },
  looking_away: { one: 'look away', other: 'looks away' },
  noise_detected: { one: 'noise detection', other: 'noise detections' },
  network_disconnect: { one: 'network disconnection', other: 'network disconnections' },
  screen_share_stopped: { one: 'stop of screen sharing', other: 'stops of screen sharing' },
};

/** "1 tab switch", "3 tab switches". */
export const countOf = (eventType: ProctoringEventType, count: number): string => {
  const noun = EVENT_TYPE_NOUNS[eventType];
  return `${count} ${count === 1 ? noun.one : noun.other}`;
};

/** "1st", "2nd", "3rd", "11th", "22nd". */
export const ordinal = (n: number): string => {
  const lastTwo = n % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${n}th`;
  const suffix = ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
};
