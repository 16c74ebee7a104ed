import { localDate, nextStreak, type PracticeStreak, streakOnRead } from '@assist-ten/core/identity/practice-streak';
import { ValidationError } from '@assist-ten/core/shared/errors';
import { describe, expect, it } from 'vitest';
import { thrownBy } from '../support/factories.ts';

const at = (iso: string) => new Date(iso);
const streak = (currentStreak: number, longestStreak: number, lastPracticeDate?: string): PracticeStreak => ({
  currentStreak,
  longestStreak,
  ...(lastPracticeDate ? { lastPracticeDate } : {}),
});

describe('localDate', () => {
  it('gives the calendar date of an instant in the zone, as YYYY-MM-DD', () => {
    // Act & Assert
    expect(localDate(at('2024-03-10T10:00:00Z'), 'UTC')).toBe('2024-03-10');
    expect(localDate(at('2024-03-10T10:00:00Z'), 'Pacific/Kiritimati')).toBe('2024-03-11');
    expect(localDate(at('2024-03-10T10:00:00Z'), 'Pacific/Pago_Pago')).toBe('2024-03-09');
  });

  it('refuses an unknown zone, naming timeZone', () => {
    // Act
    const error = thrownBy(() => localDate(at('2024-03-10T10:00:00Z'), 'Mars/Olympus_Mons'));

    // Assert
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors?.[0]?.field).toBe('timeZone');
  });

  it('refuses an invalid instant', () => {
    // Act
    const error = thrownBy(() => localDate(new Date('not a date'), 'UTC'));

    // Assert
    expect(error).toBeInstanceOf(ValidationError);
  });
});

describe('nextStreak', () => {
  it('starts a streak of 1 at the first practice', () => {
    // Act
    const next = nextStreak(streak(0, 0), at('2024-03-10T12:00:00Z'), 'UTC');

    // Assert
    expect(next).toEqual({ currentStreak: 1, longestStreak: 1, lastPracticeDate: '2024-03-10' });
  });

  it('leaves the streak as it is for a second practice on the same day', () => {
    // Act
    const next = nextStreak(streak(3, 5, '2024-03-10'), at('2024-03-10T23:00:00Z'), 'UTC');

    // Assert
    expect(next).toEqual({ currentStreak: 3, longestStreak: 5, lastPracticeDate: '2024-03-10' });
  });

  it('adds a day for a practice on the next day, raising the longest streak when passed', () => {
    // Act
    const below = nextStreak(streak(3, 5, '2024-03-10'), at('2024-03-11T08:00:00Z'), 'UTC');
    const above = nextStreak(streak(5, 5, '2024-03-10'), at('2024-03-11T08:00:00Z'), 'UTC');

    // Assert
    expect(below).toEqual({ currentStreak: 4, longestStreak: 5, lastPracticeDate: '2024-03-11' });
    expect(above).toEqual({ currentStreak: 6, longestStreak: 6, lastPracticeDate: '2024-03-11' });
  });

  it('starts again at 1 after a missed day, keeping the longest', () => {
    // Act
    const next = nextStreak(streak(7, 7, '2024-03-10'), at('2024-03-12T08:00:00Z'), 'UTC');

    // Assert
    expect(next).toEqual({ currentStreak: 1, longestStreak: 7, lastPracticeDate: '2024-03-12' });
  });

  it('leaves the streak as it is for a practice dated before the last one (clock skew)', () => {
    // Act
    const next = nextStreak(streak(4, 9, '2024-03-10'), at('2024-03-08T08:00:00Z'), 'UTC');

    // Assert
    expect(next).toEqual({ currentStreak: 4, longestStreak: 9, lastPracticeDate: '2024-03-10' });
  });

  describe.each([
    // zone, last second of 2024-01-14 local, first second of 2024-01-15 local (winter: no daylight saving)
    ['Pacific/Kiritimati', '2024-01-14T09:59:59Z', '2024-01-14T10:00:00Z'],
    ['Pacific/Pago_Pago', '2024-01-15T10:59:59Z', '2024-01-15T11:00:00Z'],
    ['America/St_Johns', '2024-01-15T03:29:59Z', '2024-01-15T03:30:00Z'],
    ['Asia/Kathmandu', '2024-01-14T18:14:59Z', '2024-01-14T18:15:00Z'],
  ])('in %s', (zone, lastSecond, nextMidnight) => {
    it('counts 23:59:59 local as the same day', () => {
      // Act
      const next = nextStreak(streak(2, 2, '2024-01-14'), at(lastSecond), zone);

      // Assert
      expect(next).toEqual({ currentStreak: 2, longestStreak: 2, lastPracticeDate: '2024-01-14' });
    });

    it('counts 00:00:00 local as the next day', () => {
      // Act
      const next = nextStreak(streak(2, 2, '2024-01-14'), at(nextMidnight), zone);

      // Assert
      expect(next).toEqual({ currentStreak: 3, longestStreak: 3, lastPracticeDate: '2024-01-15' });
    });
  });

  describe('across daylight saving changes in Europe/Berlin', () => {
    const zone = 'Europe/Berlin';

    it('counts the 23-hour spring day as one day', () => {
      // Arrange: 2024-03-30 23:30 CET, then 2024-03-31 23:30 CEST, 23 hours later
      const first = nextStreak(streak(0, 0), at('2024-03-30T22:30:00Z'), zone);

      // Act
      const second = nextStreak(first, at('2024-03-31T21:30:00Z'), zone);

      // Assert
      expect(first.lastPracticeDate).toBe('2024-03-30');
      expect(second).toEqual({ currentStreak: 2, longestStreak: 2, lastPracticeDate: '2024-03-31' });
    });

    it('counts a practice just after midnight and one just before the next midnight as consecutive days', () => {
      // Arrange: 2024-03-31 00:30 CET, then 2024-04-01 23:59 CEST, 46.5 hours later
      const first = nextStreak(streak(0, 0), at('2024-03-30T23:30:00Z'), zone);

      // Act
      const second = nextStreak(first, at('2024-04-01T21:59:00Z'), zone);

      // Assert
      expect(second).toEqual({ currentStreak: 2, longestStreak: 2, lastPracticeDate: '2024-04-01' });
    });

    it('counts both ends of the 25-hour autumn day as the same day', () => {
      // Arrange: 2024-10-27 00:05 CEST, then 23:55 CET the same day, 24 h 50 min later
      const first = nextStreak(streak(0, 0), at('2024-10-26T22:05:00Z'), zone);

      // Act
      const second = nextStreak(first, at('2024-10-27T22:55:00Z'), zone);

      // Assert
      expect(second).toEqual({ currentStreak: 1, longestStreak: 1, lastPracticeDate: '2024-10-27' });
    });
  });

  it.each([
    ['a leap day', '2024-02-28', '2024-02-29T12:00:00Z'],
    ['the day after a leap day', '2024-02-29', '2024-03-01T12:00:00Z'],
    ['March 1st of a common year', '2023-02-28', '2023-03-01T12:00:00Z'],
    ['a new month', '2024-01-31', '2024-02-01T12:00:00Z'],
    ['a new year', '2023-12-31', '2024-01-01T12:00:00Z'],
  ])('counts %s as the next day', (_name, last, completedAt) => {
    // Act
    const next = nextStreak(streak(1, 1, last), at(completedAt), 'UTC');

    // Assert
    expect(next.currentStreak).toBe(2);
  });

  it('does not count a gap over a leap day as consecutive', () => {
    // Act
    const next = nextStreak(streak(3, 3, '2024-02-28'), at('2024-03-01T12:00:00Z'), 'UTC');

    // Assert
    expect(next.currentStreak).toBe(1);
  });

  describe('when the user changes zone between practices', () => {
    it('compares the dates each practice had where it happened', () => {
      // Arrange: 23:00 on May 1st in Tokyo
      const inTokyo = nextStreak(streak(0, 0), at('2024-05-01T14:00:00Z'), 'Asia/Tokyo');

      // Act: 22:00 on May 1st in Los Angeles (later in absolute time), then 11:00 on May 2nd
      const sameDay = nextStreak(inTokyo, at('2024-05-02T05:00:00Z'), 'America/Los_Angeles');
      const nextDay = nextStreak(sameDay, at('2024-05-02T18:00:00Z'), 'America/Los_Angeles');

      // Assert
      expect(sameDay).toEqual({ currentStreak: 1, longestStreak: 1, lastPracticeDate: '2024-05-01' });
      expect(nextDay).toEqual({ currentStreak: 2, longestStreak: 2, lastPracticeDate: '2024-05-02' });
    });

    it('never goes backwards when the new zone is a day behind', () => {
      // Arrange: just after midnight of May 2nd in Kiritimati
      const there = nextStreak(streak(4, 4, '2024-05-01'), at('2024-05-01T10:30:00Z'), 'Pacific/Kiritimati');

      // Act: an hour later in Pago Pago, where it is still April 30th
      const here = nextStreak(there, at('2024-05-01T11:30:00Z'), 'Pacific/Pago_Pago');

      // Assert
      expect(there).toEqual({ currentStreak: 5, longestStreak: 5, lastPracticeDate: '2024-05-02' });
      expect(here).toEqual(there);
    });
  });

  it('refuses a stored date that is not a calendar date, naming it', () => {
    // Act
    const error = thrownBy(() => nextStreak(streak(1, 1, '2023-02-29'), at('2023-03-01T12:00:00Z'), 'UTC'));

    // Assert
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors?.[0]?.field).toBe('lastPracticeDate');
  });
});

describe('streakOnRead', () => {
  it('shows the streak as it is on the day of the last practice and the day after', () => {
    // Act
    const sameDay = streakOnRead(streak(3, 5, '2024-03-10'), at('2024-03-10T20:00:00Z'), 'UTC');
    const dayAfter = streakOnRead(streak(3, 5, '2024-03-10'), at('2024-03-11T23:59:59Z'), 'UTC');

    // Assert
    expect(sameDay.currentStreak).toBe(3);
    expect(dayAfter).toEqual({ currentStreak: 3, longestStreak: 5, lastPracticeDate: '2024-03-10' });
  });

  it('shows a broken streak as 0 from the second day on, keeping the longest', () => {
    // Act
    const broken = streakOnRead(streak(3, 5, '2024-03-10'), at('2024-03-12T00:00:00Z'), 'UTC');

    // Assert
    expect(broken).toEqual({ currentStreak: 0, longestStreak: 5, lastPracticeDate: '2024-03-10' });
  });

  it('reads the day in the user’s zone', () => {
    // Arrange: 2024-01-15T18:14:59Z is 23:59:59 on the 15th in Kathmandu, and 18:15 the 16th starts
    const current = streak(2, 2, '2024-01-14');

    // Act
    const stillYesterday = streakOnRead(current, at('2024-01-15T18:14:59Z'), 'Asia/Kathmandu');
    const nowBroken = streakOnRead(current, at('2024-01-15T18:15:00Z'), 'Asia/Kathmandu');

    // Assert
    expect(stillYesterday.currentStreak).toBe(2);
    expect(nowBroken.currentStreak).toBe(0);
  });

  it('shows 0 when the user never practised', () => {
    // Act
    const never = streakOnRead(streak(0, 0), at('2024-03-10T12:00:00Z'), 'UTC');

    // Assert
    expect(never).toEqual({ currentStreak: 0, longestStreak: 0 });
  });

  it('keeps a streak whose last day is ahead of today in a new zone', () => {
    // Act
    const read = streakOnRead(streak(4, 4, '2024-05-02'), at('2024-05-01T11:30:00Z'), 'Pacific/Pago_Pago');

    // Assert
    expect(read.currentStreak).toBe(4);
  });
});
