import type { TaskError, TaskResultRef } from '@assist-ten/core/platform/task.schema';
import {
  beginAttempt,
  completeTask,
  failAttempt,
  reportProgress,
  type TaskAttempt,
  taskErrorOf,
} from '@assist-ten/core/platform/task.service';
import { QUEUES, type QueueDefinition, type QueueName } from '@assist-ten/core/shared/queues';
import type { SQSRecord } from 'aws-lambda';
import { logger } from '../logger.ts';

/** Which task a message is the work of. */
export interface TaskRef {
  tenantId: string;
  taskId: string;
}

/** What the work of one attempt gets besides its message. */
export interface TaskJob {
  /** 1 for the first attempt. */
  attempt: number;
  /** Reports how far the work got; `total` once known (kept until another is given). */
  progress(done: number, total?: number): Promise<void>;
}

export interface TaskRunnerOptions<M> {
  /** The queue the messages come from: its maxReceiveCount decides which attempt is the last. */
  queue: QueueName | Pick<QueueDefinition, 'maxReceiveCount'>;
  taskOf(message: M): TaskRef;
  /** Does the work; resolves with where its result is, if it has one. Throwing fails the attempt. */
  run(message: M, job: TaskJob, record: SQSRecord): Promise<TaskResultRef | undefined>;
  /** Progress writes closer together than this are dropped (the last one is always written by completion). */
  progressIntervalMs?: number;
}

/** The task service calls the runner makes; tests hand in their own. */
export interface TaskLifecycle {
  beginAttempt(tenantId: string, taskId: string): Promise<TaskAttempt>;
  reportProgress(tenantId: string, taskId: string, done: number, total?: number): Promise<unknown>;
  completeTask(tenantId: string, taskId: string, resultRef?: TaskResultRef): Promise<unknown>;
  failAttempt(tenantId: string, taskId: string, error: TaskError, willRetry: boolean): Promise<unknown>;
}

const coreLifecycle: TaskLifecycle = { beginAttempt, reportProgress, completeTask, failAttempt };

const DEFAULT_PROGRESS_INTERVAL_MS = 1_000;

const maxReceivesOf = (queue: TaskRunnerOptions<unknown>['queue']): number => {
  if (typeof queue !== 'string') return queue.maxReceiveCount;
  const definition = QUEUES.find((candidate) => candidate.name === queue);
  if (!definition) throw new Error(`Unknown queue ${queue}`);
  return definition.maxReceiveCount;
};

/** Whether SQS will deliver the record again if this attempt fails: not once it reached the queue's maxReceiveCount. */
export const willRetry = (record: Pick<SQSRecord, 'attributes'>, maxReceiveCount: number): boolean =>
  Number(record.attributes.ApproximateReceiveCount) < maxReceiveCount;

/**
 * The `process` of a createSqsHandler consumer whose messages are the work of background
 * tasks: each attempt is recorded on the task (running, progress, succeeded with its result,
 * or its error and whether it will be retried), then a failure is rethrown so that SQS
 * retries the record and, after the last attempt, moves it to the DLQ. A message for a task
 * that already finished is acknowledged without doing the work again.
 *
 * The work should be idempotent: a worker that dies after the work but before the task is
 * marked succeeded (or a Lambda timeout) leaves the message to be delivered again.
 */
export const runTask = <M>(options: TaskRunnerOptions<M>, tasks: TaskLifecycle = coreLifecycle) => {
  const maxReceiveCount = maxReceivesOf(options.queue);
  const interval = options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS;
  return async (message: M, record: SQSRecord): Promise<void> => {
    const { tenantId, taskId } = options.taskOf(message);
    const attempt = await tasks.beginAttempt(tenantId, taskId);
    if (!attempt.started) {
      logger.info('Skipping the message of a finished task', { taskId, status: attempt.status });
      return;
    }
    let lastWrite = 0;
    const job: TaskJob = {
      attempt: attempt.attempt,
      progress: async (done, total) => {
        const now = Date.now();
        if (now - lastWrite < interval) return;
        lastWrite = now;
        try {
          await tasks.reportProgress(tenantId, taskId, done, total);
        } catch (error) {
          // Progress is for display: losing one report must not cost the work done so far.
          logger.warn('Could not record task progress', { taskId, done, total, error });
        }
      },
    };
    let resultRef: TaskResultRef | undefined;
    try {
      resultRef = await options.run(message, job, record);
    } catch (error) {
      const retry = willRetry(record, maxReceiveCount);
      try {
        await tasks.failAttempt(tenantId, taskId, taskErrorOf(error), retry);
      } catch (recordError) {
        logger.error('Could not record a failed task attempt', { taskId, error: recordError });
      }
      logger.warn('Task attempt failed', { taskId, attempt: attempt.attempt, willRetry: retry, error });
      throw error;
    }
    await tasks.completeTask(tenantId, taskId, resultRef);
  };
};
