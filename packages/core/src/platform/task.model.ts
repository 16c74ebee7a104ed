/** The vocabulary of a background task, shared by its entity, schemas, rules and the task runner. */

/** What a task does. Each long job a queue consumer runs adds its kind here. */
export const TASK_KINDS = [
  'bulk_invitations',
  'document_extraction',
  'question_generation',
  'data_export',
  'erasure',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const TASK_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** The statuses no message moves a task out of again. */
export const FINISHED_STATUSES = ['succeeded', 'failed'] as const satisfies readonly TaskStatus[];
export type FinishedStatus = (typeof FINISHED_STATUSES)[number];

export const isFinished = (status: TaskStatus): status is FinishedStatus =>
  (FINISHED_STATUSES as readonly TaskStatus[]).includes(status);

/**
 * Days a task is kept after it finished, for its creator to see the outcome and fetch the
 * result; then the table's TTL removes it. A task that never finishes (its message was lost)
 * goes the same many days after it was created: no job legitimately runs that long.
 */
export const TASK_RETENTION_DAYS = 30;

export const expiresAtFor = (from: string): number =>
  Math.floor(Date.parse(from) / 1000) + TASK_RETENTION_DAYS * 86_400;

/** Bounds of a failed attempt's error (see TaskError in task.schema). */
export const MAX_ERROR_CODE = 64;
export const MAX_ERROR_MESSAGE = 500;

/** Bounds of a task's input summary (see TaskInputSummary in task.schema). */
export const MAX_INPUT_FIELDS = 10;
export const MAX_INPUT_TEXT = 200;

export interface TaskProgress {
  done: number;
  /** Absent until the job knows how much there is to do. */
  total?: number;
}

/** Whole percent done, or undefined while the total is unknown; never above 100. */
export const percentOf = ({ done, total }: TaskProgress): number | undefined => {
  if (total === undefined) return undefined;
  if (total === 0) return 100;
  return Math.min(100, Math.floor((done * 100) / total));
};
