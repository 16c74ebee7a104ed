import {
  type BookedEntry,
  claimedParticipants,
  conflictingEntries,
  describeConflicts,
  lookbackFrom,
  overlaps,
  participantsOf,
  type Slot,
} from '@assist-ten/core/interviews/booking.rules';
import { INTERVIEW_LIMITS, INTERVIEW_STATUSES } from '@assist-ten/core/interviews/interview.model';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const BASE = Date.parse('2030-03-04T09:00:00.000Z');
const at = (minute: number): string => new Date(BASE + minute * 60_000).toISOString();
const slot = (start: number, minutes: number): Slot => ({ scheduledAt: at(start), endsAt: at(start + minutes) });
const entry = (start: number, minutes: number, overrides: Partial<BookedEntry> = {}): BookedEntry => ({
  ...slot(start, minutes),
  interviewId: 'int_other',
  status: 'scheduled',
  ...overrides,
});

const { min, max } = INTERVIEW_LIMITS.durationMinutes;
const anySlot = fc
  .record({ start: fc.integer({ min: 0, max: 3 * 24 * 60 }), minutes: fc.integer({ min, max }) })
  .map(({ start, minutes }) => slot(start, minutes));

describe('overlaps', () => {
  it('is symmetric', () => {
    fc.assert(fc.property(anySlot, anySlot, (a, b) => overlaps(a, b) === overlaps(b, a)));
  });

  it('holds exactly when the two share a minute (whole-minute slots)', () => {
    const span = fc.record({ start: fc.integer({ min: 0, max: 1_000 }), minutes: fc.integer({ min, max }) });
    fc.assert(
      fc.property(span, span, (a, b) => {
        const minutesOf = ({ start, minutes }: { start: number; minutes: number }) =>
          new Set(Array.from({ length: minutes }, (_, offset) => start + offset));
        const first = minutesOf(a);
        const shared = [...minutesOf(b)].some((minute) => first.has(minute));
        return overlaps(slot(a.start, a.minutes), slot(b.start, b.minutes)) === shared;
      }),
    );
  });

  it('never counts back-to-back slots (one ends when the other starts) as overlapping', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min, max }),
        fc.integer({ min, max }),
        (start, first, second) => !overlaps(slot(start, first), slot(start + first, second)),
      ),
    );
  });

  it('counts a slot inside another, and a slot with itself, as overlapping', () => {
    // Act / Assert
    expect(overlaps(slot(0, 120), slot(30, 15))).toBe(true);
    expect(overlaps(slot(0, 60), slot(0, 60))).toBe(true);
    expect(overlaps(slot(0, 60), slot(59, 60))).toBe(true);
  });
});

describe('lookbackFrom', () => {
  it('starts at or before every interview (of an allowed length) that overlaps the slot', () => {
    fc.assert(
      fc.property(anySlot, anySlot, (booked, wanted) => {
        fc.pre(overlaps(booked, wanted));
        return booked.scheduledAt >= lookbackFrom(wanted);
      }),
    );
  });
});

describe('conflictingEntries', () => {
  const wanted = slot(60, 60);

  it('keeps the entries that overlap the slot and drops back-to-back ones', () => {
    // Arrange
    const entries = [
      entry(0, 60),
      entry(30, 45, { interviewId: 'int_hit' }),
      entry(120, 30),
      entry(119, 30, { interviewId: 'int_tail' }),
    ];

    // Act
    const result = conflictingEntries(entries, wanted, 'int_new');

    // Assert
    expect(result.map((found) => found.interviewId)).toEqual(['int_hit', 'int_tail']);
  });

  it("ignores the interview's own entries, so a move overlapping its old slot is free", () => {
    // Act
    const result = conflictingEntries([entry(45, 60, { interviewId: 'int_self' })], wanted, 'int_self');

    // Assert
    expect(result).toEqual([]);
  });

  it.each(INTERVIEW_STATUSES.map((status) => [status, status !== 'cancelled'] as const))(
    'an overlapping %s interview conflicts: %s',
    (status, conflicts) => {
      // Act
      const result = conflictingEntries([entry(60, 60, { status })], wanted, 'int_new');

      // Assert
      expect(result.length > 0).toBe(conflicts);
    },
  );
});

describe('participantsOf', () => {
  it('seats the lead, then the panel in order, then the candidate', () => {
    // Act
    const result = participantsOf({
      interviewerId: 'usr_a',
      additionalInterviewers: ['usr_b', 'usr_c'],
      candidateId: 'cand_x',
    });

    // Assert
    expect(result).toEqual([
      { participantId: 'usr_a', role: 'lead' },
      { participantId: 'usr_b', role: 'panel' },
      { participantId: 'usr_c', role: 'panel' },
      { participantId: 'cand_x', role: 'candidate' },
    ]);
  });
});

describe('claimedParticipants', () => {
  const booked = {
    interviewerId: 'usr_a',
    additionalInterviewers: ['usr_b'],
    candidateId: 'cand_x',
    scheduledAt: at(0),
    durationMinutes: 60,
  };
  const ids = (participants: { participantId: string }[]) =>
    participants.map((participant) => participant.participantId);

  it('claims everyone for a new interview', () => {
    expect(ids(claimedParticipants(undefined, booked))).toEqual(['usr_a', 'usr_b', 'cand_x']);
  });

  it('claims everyone when the interview moves or changes length', () => {
    // Act
    const moved = claimedParticipants(booked, { ...booked, scheduledAt: at(30) });
    const longer = claimedParticipants(booked, { ...booked, durationMinutes: 90 });

    // Assert
    expect(ids(moved)).toEqual(['usr_a', 'usr_b', 'cand_x']);
    expect(ids(longer)).toEqual(['usr_a', 'usr_b', 'cand_x']);
  });

  it('claims only newcomers when the time stays, not people who swap seats', () => {
    // Act
    const result = claimedParticipants(booked, {
      ...booked,
      interviewerId: 'usr_b',
      additionalInterviewers: ['usr_a', 'usr_c'],
    });

    // Assert
    expect(result).toEqual([{ participantId: 'usr_c', role: 'panel' }]);
  });

  it('claims nobody for a change of anything else', () => {
    expect(claimedParticipants(booked, { ...booked })).toEqual([]);
  });
});

describe('describeConflicts', () => {
  it('names who is busy and when, per conflict', () => {
    // Act
    const detail = describeConflicts([
      { participantId: 'cand_x', role: 'candidate', interviewId: 'int_1', scheduledAt: at(0), endsAt: at(60) },
    ]);

    // Assert
    expect(detail).toBe(
      'The candidate (cand_x) is already booked from 2030-03-04T09:00:00.000Z to 2030-03-04T10:00:00.000Z (interview int_1).',
    );
  });
});
