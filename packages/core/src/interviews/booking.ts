import { ConflictError } from '../shared/errors.ts';
import { ContentionError, put, type TransactionWrite, update } from '../shared/transaction.ts';
import {
  type Conflict,
  conflictingEntries,
  describeConflicts,
  lookbackFrom,
  type Participant,
  type Slot,
} from './booking.rules.ts';
import { InterviewCalendarEntryEntity } from './calendar-entry.entity.ts';
import { ParticipantCalendarEntity } from './participant-calendar.entity.ts';

/**
 * No double-booking. A write that claims people's time reads each one's calendar lock and
 * entries (strongly consistent), refuses a slot that overlaps, and writes, with its own
 * change, every lock raised from the version it read. Of two bookings that both saw a free
 * slot, one finds its lock moved, reads again, and now sees the other's entry.
 */

/** Raised by a lock's own condition: someone booked this participant since we read their calendar. */
class CalendarMovedError extends Error {}

const ATTEMPTS = 8;
const MIN_PAUSE_MS = 10;
const MAX_PAUSE_MS = 200;

const lockVersionOf = async (tenantId: string, participantId: string): Promise<number> => {
  const { data } = await ParticipantCalendarEntity.get({ tenantId, participantId }).go({ consistent: true });
  return data?.version ?? 0;
};

/** The lock of a calendar read at `version` (0: never booked), raised by one. */
const lockWrite = (tenantId: string, participantId: string, version: number): TransactionWrite => {
  const moved = () => new CalendarMovedError();
  if (version === 0) return put(ParticipantCalendarEntity.create({ tenantId, participantId }).params(), moved);
  return update(
    ParticipantCalendarEntity.patch({ tenantId, participantId })
      .add({ version: 1 })
      .where((attributes, { eq }) => eq(attributes.version, version))
      .params(),
    moved,
  );
};

const conflictsOf = async (
  tenantId: string,
  interviewId: string,
  participant: Participant,
  slot: Slot,
): Promise<Conflict[]> => {
  // Entries are sorted by start: a Query from the longest interview's length before the slot to its end.
  const { data } = await InterviewCalendarEntryEntity.query
    .byParticipant({ tenantId, participantId: participant.participantId })
    .between({ scheduledAt: lookbackFrom(slot) }, { scheduledAt: slot.endsAt })
    .go({ consistent: true, pages: 'all', attributes: ['interviewId', 'scheduledAt', 'endsAt', 'status'] });
  return conflictingEntries(data, slot, interviewId).map((entry) => ({
    participantId: participant.participantId,
    role: participant.role,
    interviewId: entry.interviewId,
    scheduledAt: entry.scheduledAt,
    endsAt: entry.endsAt,
  }));
};

/**
 * Checks that `slot` is free for every participant of `claims` (entries of interview
 * `interviewId` itself aside) and returns the lock writes the transaction must carry.
 * Locks are read before entries: an entry written after our read of the lock moves the lock.
 */
export const claimCalendars = async (
  tenantId: string,
  interviewId: string,
  claims: readonly Participant[],
  slot: Slot,
): Promise<TransactionWrite[]> => {
  const versions = await Promise.all(claims.map((claim) => lockVersionOf(tenantId, claim.participantId)));
  const conflicts = (await Promise.all(claims.map((claim) => conflictsOf(tenantId, interviewId, claim, slot)))).flat();
  if (conflicts.length > 0) {
    throw new ConflictError(describeConflicts(conflicts), { extensions: { conflicts } });
  }
  return claims.map((claim, at) => lockWrite(tenantId, claim.participantId, versions[at] ?? 0));
};

/** A lost race on a calendar, or contention the transaction itself gave up on: worth deciding again. */
const isContention = (error: unknown): boolean =>
  error instanceof CalendarMovedError || error instanceof ContentionError;

const pause = () =>
  new Promise((resolve) => setTimeout(resolve, MIN_PAUSE_MS + Math.random() * (MAX_PAUSE_MS - MIN_PAUSE_MS)));

/**
 * Runs a booking (read calendars, decide, write) until no lock moved under it. A booking
 * that keeps losing is told to try again (409), never a 500.
 */
export const withBookingRetries = async <T>(book: () => Promise<T>): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await book();
    } catch (error) {
      if (!isContention(error)) throw error;
      if (attempt >= ATTEMPTS) {
        throw new ConflictError('The calendars of this interview are busy with other bookings; try again.', {
          cause: error,
        });
      }
      await pause();
    }
  }
};
