import type { InterviewItem } from './interview.entity.ts';
import { NOT_INDEXED, REMINDER_SHARDS, reminderTime } from './interview.model.ts';

/**
 * The reminder fields a write leaves on an interview (the sweep, elsewhere, reads the sparse
 * reminders index they build). ElectroDB writes the index key from both composites at once,
 * so the shard and the time are always set together, and taking an interview out of the
 * index names the time it is leaving (see `reminderChange`).
 */

export interface PendingReminder {
  remindAt: string;
  reminderShard: string;
}

/** A pending reminder for a start, on a random shard; none when its moment has already passed. */
export const pendingReminder = (
  scheduledAt: string,
  leadMinutes: number,
  now: string,
  random: () => number = Math.random,
): PendingReminder | undefined => {
  const remindAt = reminderTime(scheduledAt, leadMinutes, now);
  if (remindAt === undefined) return undefined;
  return { remindAt, reminderShard: `r${Math.floor(random() * REMINDER_SHARDS) % REMINDER_SHARDS}` };
};

export interface ReminderChange {
  set: Partial<PendingReminder>;
  remove: 'remindAt'[];
  /** The index composites the patch must be given though it does not set them. */
  composite: { remindAt: string } | undefined;
}

const NOTHING: ReminderChange = { set: {}, remove: [], composite: undefined };

/**
 * What a patch does to the reminder: `next` pending sets it; `undefined` takes the interview
 * out of the index. Out of it already (sent, or never due), nothing is written.
 */
export const reminderChange = (
  current: Pick<InterviewItem, 'remindAt'>,
  next: PendingReminder | undefined,
): ReminderChange => {
  if (next) return { set: next, remove: [], composite: undefined };
  if (current.remindAt === undefined) return NOTHING;
  return { set: { reminderShard: NOT_INDEXED }, remove: ['remindAt'], composite: { remindAt: current.remindAt } };
};
