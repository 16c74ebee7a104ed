import { eventWrite } from '../events/record.ts';
import { auditWrite } from '../platform/audit.ts';
import { SYSTEM_ACTOR_ID, systemPrincipal } from '../shared/principal.ts';
import { transactWrite, update } from '../shared/transaction.ts';
import { type InterviewItem, InterviewSessionEntity } from './interview.entity.ts';
import { calendarPayloadOf } from './interview.events.ts';
import { NOT_INDEXED, REMINDER_SHARDS } from './interview.model.ts';

/** At most this many reminders per shard and run; a larger backlog is worked off by the next runs. */
export const REMINDER_BATCH = 100;

export interface ReminderSweepReport {
  due: number;
  sent: number;
}

/** Raised by the write's own condition: the interview moved, was called off, or another sweep sent it. */
class ReminderGoneError extends Error {}

/**
 * What a pending reminder read at `remindAt` comes to now: sent while its interview is still
 * scheduled and ahead; dropped, without a word, when the interview was called off, began or
 * its start has passed (a reminder after the fact helps nobody, e.g. after an outage).
 */
export const reminderOutcome = (interview: InterviewItem, now: string): 'send' | 'drop' =>
  interview.status === 'scheduled' && interview.scheduledAt > now ? 'send' : 'drop';

/**
 * Takes one pending reminder out of the index and, when it is still worth sending, records
 * 'interview.reminder_due' in the same transaction. The write holds only while the
 * interview is as it was read (still scheduled, the same remindAt, the same version), so of
 * two sweeps that read it, one records it and the other finds it gone; and an interview
 * moved since (a new remindAt) or cancelled keeps its own state. Returns whether the event
 * was recorded.
 */
export const recordReminder = async (interview: InterviewItem, now: string, requestId: string): Promise<boolean> => {
  const { tenantId, interviewId, remindAt, version } = interview;
  if (remindAt === undefined) return false;
  const outcome = reminderOutcome(interview, now);
  const actor = systemPrincipal(tenantId, requestId);
  const chain = InterviewSessionEntity.patch({ tenantId, interviewId })
    .set({ reminderShard: NOT_INDEXED, updatedBy: SYSTEM_ACTOR_ID })
    // The index key is rebuilt from both composites: the time it leaves is named, and must still be the one read.
    .composite({ remindAt })
    .remove(['remindAt'])
    .add({ version: 1 })
    .where(({ status, version: current }, { eq }) => `${eq(status, interview.status)} AND ${eq(current, version)}`);
  try {
    await transactWrite([
      update(chain.params(), () => new ReminderGoneError()),
      ...(outcome === 'send' ? [eventWrite(actor, 'interview.reminder_due', calendarPayloadOf(interview))] : []),
      auditWrite(actor, {
        action: outcome === 'send' ? 'interview.reminder_sent' : 'interview.reminder_dropped',
        entityType: 'interview',
        entityId: interviewId,
        before: { remindAt, reminderShard: interview.reminderShard },
        after: { reminderShard: NOT_INDEXED },
      }),
    ]);
    return outcome === 'send';
  } catch (error) {
    if (error instanceof ReminderGoneError) return false;
    throw error;
  }
};

/**
 * Records the reminder of every interview whose reminder time has come: the reminder index
 * holds pending reminders only, by time, so each shard is one Query of what is due.
 */
export const sweepDueReminders = async (now: string, requestId: string): Promise<ReminderSweepReport> => {
  let due = 0;
  let sent = 0;
  for (let shard = 0; shard < REMINDER_SHARDS; shard++) {
    const { data } = await InterviewSessionEntity.query
      .reminders({ reminderShard: `r${shard}` })
      .lte({ remindAt: now })
      .go({ limit: REMINDER_BATCH });
    due += data.length;
    for (const interview of data) {
      if (await recordReminder(interview, now, requestId)) sent++;
    }
  }
  return { due, sent };
};
