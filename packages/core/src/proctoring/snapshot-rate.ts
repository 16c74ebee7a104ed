import { SNAPSHOT_BURST } from './snapshot.model.ts';

/** What the rate of snapshots is measured on: when the session began and the assessment's interval. */
export interface SnapshotPace {
  startedAt: string;
  intervalSeconds: number;
}

/**
 * Upload URLs a session may have had by `now`: one per interval since it began, plus the
 * burst. A page that keeps to the interval never meets the limit.
 */
export const allowedSnapshotUrls = (pace: SnapshotPace, now: number): number => {
  const elapsedSeconds = Math.max(0, (now - Date.parse(pace.startedAt)) / 1000);
  return Math.floor(elapsedSeconds / pace.intervalSeconds) + SNAPSHOT_BURST;
};

/** When a session that has had `issued` URLs may have one more (ms since the epoch). */
export const nextSnapshotUrlAt = (pace: SnapshotPace, issued: number): number =>
  Date.parse(pace.startedAt) + Math.max(0, issued - SNAPSHOT_BURST + 1) * pace.intervalSeconds * 1000;

/** Whole seconds from `now` until `at`, at least 1: what Retry-After says. */
export const retryAfterSeconds = (at: number, now: number): number => Math.max(1, Math.ceil((at - now) / 1000));
