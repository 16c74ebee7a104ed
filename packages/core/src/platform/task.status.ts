import type { TransitionTable } from '../shared/state-machine.ts';
import type { TaskStatus } from './task.model.ts';

/**
 * The task lifecycle: queued -> running -> succeeded | failed. An attempt that failed and
 * will be retried goes back to queued (its message returns to the queue). running -> running
 * is a redelivery after the worker died mid-attempt (a Lambda timeout leaves it no chance
 * to record the failure), which begins a new attempt. Succeeded and failed are final: a job
 * to run again is a new task.
 */
export const TASK_TRANSITIONS: TransitionTable<TaskStatus> = {
  queued: ['running'],
  running: ['running', 'queued', 'succeeded', 'failed'],
  succeeded: [],
  failed: [],
};
