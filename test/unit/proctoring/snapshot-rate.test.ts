import { SNAPSHOT_BURST } from '@assist-ten/core/proctoring/snapshot.model';
import { allowedSnapshotUrls, nextSnapshotUrlAt, retryAfterSeconds } from '@assist-ten/core/proctoring/snapshot-rate';
import { describe, expect, it } from 'vitest';

const START = Date.parse('2025-03-01T10:00:00.000Z');
const pace = { startedAt: new Date(START).toISOString(), intervalSeconds: 30 };

describe('allowedSnapshotUrls', () => {
  it('allows the burst at once, then one more per interval', () => {
    // Act
    const allowed = [0, 29_999, 30_000, 95_000].map((ms) => allowedSnapshotUrls(pace, START + ms));

    // Assert
    expect(allowed).toEqual([SNAPSHOT_BURST, SNAPSHOT_BURST, SNAPSHOT_BURST + 1, SNAPSHOT_BURST + 3]);
  });

  it('allows only the burst when our clock reads before the start', () => {
    // Act
    const allowed = allowedSnapshotUrls(pace, START - 60_000);

    // Assert
    expect(allowed).toBe(SNAPSHOT_BURST);
  });
});

describe('nextSnapshotUrlAt', () => {
  it('is the next interval boundary once the burst is used up', () => {
    // Act
    const at = nextSnapshotUrlAt(pace, SNAPSHOT_BURST);

    // Assert
    expect(new Date(at).toISOString()).toBe('2025-03-01T10:00:30.000Z');
  });

  it('is the start itself while the burst lasts, and agrees with the allowance', () => {
    // Act
    const withinBurst = nextSnapshotUrlAt(pace, SNAPSHOT_BURST - 1);
    const afterFive = nextSnapshotUrlAt(pace, SNAPSHOT_BURST + 5);

    // Assert
    expect(withinBurst).toBe(START);
    expect(allowedSnapshotUrls(pace, afterFive)).toBe(SNAPSHOT_BURST + 6);
    expect(allowedSnapshotUrls(pace, afterFive - 1)).toBe(SNAPSHOT_BURST + 5);
  });
});

describe('retryAfterSeconds', () => {
  it('rounds up to whole seconds, and is never below one', () => {
    // Act
    const waits = [retryAfterSeconds(START + 1_200, START), retryAfterSeconds(START, START + 5_000)];

    // Assert
    expect(waits).toEqual([2, 1]);
  });
});
