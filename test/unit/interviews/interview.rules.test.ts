import {
  actualDurationMinutes,
  assertOpen,
  attendeeChange,
  canonicalZone,
  isOpen,
  opensAt,
  panelProblems,
  placeProblems,
  timeProblems,
} from '@assist-ten/core/interviews/interview.rules';
import { ConflictError } from '@assist-ten/core/shared/errors';
import { describe, expect, it } from 'vitest';
import { thrownBy } from '../support/factories.ts';

const NOW = '2030-03-04T09:00:00.000Z';
const plus = (minutes: number, from = NOW): string => new Date(Date.parse(from) + minutes * 60_000).toISOString();

describe('timeProblems', () => {
  it('accepts a start ahead of now, and one a few seconds behind (clock skew)', () => {
    expect(timeProblems(plus(5), NOW)).toEqual([]);
    expect(timeProblems(plus(-0.5), NOW)).toEqual([]);
  });

  it('refuses a start in the past', () => {
    expect(timeProblems(plus(-2), NOW)).toEqual([expect.objectContaining({ field: 'scheduledAt', code: 'in_past' })]);
  });

  it('refuses a start beyond the booking horizon', () => {
    expect(timeProblems(plus(367 * 24 * 60), NOW)).toEqual([
      expect.objectContaining({ field: 'scheduledAt', code: 'too_far_ahead' }),
    ]);
  });
});

describe('placeProblems', () => {
  it.each([
    ['video', { meetingLink: 'https://x.test' }, []],
    ['video', { location: 'Room 1' }, ['meetingLink']],
    ['onsite', { location: 'Room 1' }, []],
    ['onsite', { meetingLink: 'https://x.test' }, ['location']],
    ['phone', {}, []],
  ] as const)('a %s interview with %o is missing %o', (interviewMode, place, missing) => {
    // Act
    const problems = placeProblems({ interviewMode, ...place });

    // Assert
    expect(problems.map((problem) => problem.field)).toEqual(missing);
  });

  it('says what the mode needs', () => {
    expect(placeProblems({ interviewMode: 'video' })[0]?.message).toBe('A video interview needs a meetingLink');
  });
});

describe('panelProblems', () => {
  it('names the panel seat that repeats the lead', () => {
    // Act
    const problems = panelProblems({ interviewerId: 'usr_a', additionalInterviewers: ['usr_b', 'usr_a'] });

    // Assert
    expect(problems).toEqual([expect.objectContaining({ field: 'additionalInterviewers.1', code: 'lead_on_panel' })]);
  });

  it('accepts a panel without the lead', () => {
    expect(panelProblems({ interviewerId: 'usr_a', additionalInterviewers: ['usr_b'] })).toEqual([]);
  });
});

describe('opening an interview', () => {
  const interview = { scheduledAt: plus(60) };

  it('opens 30 minutes before the start', () => {
    expect(opensAt(interview.scheduledAt)).toBe(plus(30));
    expect(isOpen(interview, plus(29))).toBe(false);
    expect(isOpen(interview, plus(30))).toBe(true);
    expect(isOpen(interview, plus(500))).toBe(true);
  });

  it('refuses to start earlier with a 409 saying from when', () => {
    // Act
    const error = thrownBy(() => assertOpen(interview, NOW, 'started'));

    // Assert
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).message).toContain(plus(30));
    expect((error as ConflictError).extensions).toEqual({ opensAt: plus(30), scheduledAt: interview.scheduledAt });
  });
});

describe('actualDurationMinutes', () => {
  it('rounds to whole minutes and counts at least one', () => {
    expect(actualDurationMinutes(NOW, plus(44.6))).toBe(45);
    expect(actualDurationMinutes(NOW, plus(0.1))).toBe(1);
  });
});

describe('attendeeChange', () => {
  const before = {
    scheduledAt: plus(60),
    durationMinutes: 60,
    timeZone: 'Europe/Lisbon',
    candidateTimeZone: 'UTC',
    interviewMode: 'video' as const,
    meetingLink: 'https://x.test/a',
    location: undefined,
    interviewerId: 'usr_a',
    additionalInterviewers: ['usr_b'],
  };

  it('is invisible when nothing attendees see changed', () => {
    expect(attendeeChange(before, { ...before })).toEqual({
      visible: false,
      rescheduled: false,
      removedInterviewerIds: [],
    });
  });

  it.each([
    ['the start', { scheduledAt: plus(90) }, true],
    ['the length', { durationMinutes: 45 }, true],
    ['the zone', { timeZone: 'Asia/Tokyo' }, false],
    ["the candidate's zone", { candidateTimeZone: 'Asia/Tokyo' }, false],
    ['the link', { meetingLink: 'https://x.test/b' }, false],
    ['the mode', { interviewMode: 'phone' as const }, false],
    ['the panel', { additionalInterviewers: ['usr_b', 'usr_c'] }, false],
  ])('is visible when %s changes (rescheduled: %s)', (_, change, rescheduled) => {
    // Act
    const result = attendeeChange(before, { ...before, ...change });

    // Assert
    expect(result).toMatchObject({ visible: true, rescheduled });
  });

  it('names the interviewers taken off, not those who only changed seats', () => {
    // Act
    const result = attendeeChange(before, { ...before, interviewerId: 'usr_b', additionalInterviewers: ['usr_c'] });

    // Assert
    expect(result.removedInterviewerIds).toEqual(['usr_a']);
  });
});

describe('canonicalZone', () => {
  it('spells an IANA zone canonically', () => {
    expect(canonicalZone('europe/lisbon')).toBe('Europe/Lisbon');
    expect(canonicalZone('UTC')).toBe('UTC');
  });

  it('is undefined for an offset or an unknown zone', () => {
    expect(canonicalZone('+02:00')).toBeUndefined();
    expect(canonicalZone('Mars/Olympus_Mons')).toBeUndefined();
  });
});
