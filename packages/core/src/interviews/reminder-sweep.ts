export interface ReminderSweepReport {
  due: number;
  sent: number;
}

/** Placeholder: the calendar work fills this in. */
export const sweepDueReminders = async (_now: string, _requestId: string): Promise<ReminderSweepReport> => ({
  due: 0,
  sent: 0,
});
