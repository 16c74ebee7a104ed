import type { TaskError, TaskResultRef } from '@assist-ten/core/platform/task.schema';
import type { TaskAttempt } from '@assist-ten/core/platform/task.service';
import { ValidationError } from '@assist-ten/core/shared/errors';
import { QUEUES } from '@assist-ten/core/shared/queues';
import { runTask, type TaskLifecycle, willRetry } from '@assist-ten/lambda-kit/sqs/task-runner';
import type { SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';

const TENANT = 'tnt_demo';
const TASK = 'task_01JABCDEFGHJKMNPQRSTVWXYZ0';

interface Message {
  tenantId: string;
  taskId: string;
}

const MESSAGE: Message = { tenantId: TENANT, taskId: TASK };

const aRecord = (receiveCount: number): SQSRecord =>
  ({
    messageId: 'm-1',
    body: JSON.stringify(MESSAGE),
    attributes: { ApproximateReceiveCount: String(receiveCount) },
  }) as SQSRecord;

/** Records every lifecycle call in order; `begin` decides what beginAttempt answers. */
const fakeLifecycle = (begin: TaskAttempt = { started: true, attempt: 1, task: {} as never }) => {
  const calls: unknown[][] = [];
  const lifecycle: TaskLifecycle = {
    beginAttempt: async (...args) => {
      calls.push(['begin', ...args]);
      return begin;
    },
    reportProgress: async (...args) => {
      calls.push(['progress', ...args]);
    },
    completeTask: async (...args) => {
      calls.push(['complete', ...args]);
    },
    failAttempt: async (...args) => {
      calls.push(['fail', ...args]);
    },
  };
  return { calls, lifecycle };
};

const runnerWith = (
  lifecycle: TaskLifecycle,
  run: (job: {
    attempt: number;
    progress(done: number, total?: number): Promise<void>;
  }) => Promise<TaskResultRef | undefined>,
  progressIntervalMs = 0,
) =>
  runTask<Message>(
    { queue: { maxReceiveCount: 3 }, taskOf: (message) => message, run: (_, job) => run(job), progressIntervalMs },
    lifecycle,
  );

describe('runTask', () => {
  it('begins the attempt, reports progress, and completes the task with its result', async () => {
    // Arrange
    const { calls, lifecycle } = fakeLifecycle();
    const process = runnerWith(lifecycle, async ({ progress }) => {
      await progress(1, 2);
      await progress(2);
      return { type: 'document', id: 'doc_1' };
    });

    // Act
    await process(MESSAGE, aRecord(1));

    // Assert
    expect(calls).toEqual([
      ['begin', TENANT, TASK],
      ['progress', TENANT, TASK, 1, 2],
      ['progress', TENANT, TASK, 2, undefined],
      ['complete', TENANT, TASK, { type: 'document', id: 'doc_1' }],
    ]);
  });

  it('records a failed attempt that will be retried, then rethrows so SQS retries the record', async () => {
    // Arrange
    const { calls, lifecycle } = fakeLifecycle();
    const failure = new ValidationError('The file has no header row.');
    const process = runnerWith(lifecycle, async () => {
      throw failure;
    });

    // Act
    const thrown = await process(MESSAGE, aRecord(2)).catch((error: unknown) => error);

    // Assert
    expect(thrown).toBe(failure);
    expect(calls.at(-1)).toEqual([
      'fail',
      TENANT,
      TASK,
      { code: 'validation_failed', message: 'The file has no header row.' } satisfies TaskError,
      true,
    ]);
    expect(calls.some(([name]) => name === 'complete')).toBe(false);
  });

  it("fails the task for good on the queue's last receive", async () => {
    // Arrange
    const { calls, lifecycle } = fakeLifecycle();
    const process = runnerWith(lifecycle, async () => {
      throw new Error('socket hang up at 10.0.3.7');
    });

    // Act
    const thrown = await process(MESSAGE, aRecord(3)).catch((error: unknown) => error);

    // Assert
    expect(thrown).toBeInstanceOf(Error);
    const [name, , , error, retry] = calls.at(-1) ?? [];
    expect(name).toBe('fail');
    expect(retry).toBe(false);
    expect(JSON.stringify(error)).not.toContain('10.0.3.7');
  });

  it.each(['succeeded', 'failed'] as const)('skips the work of a task already %s', async (status) => {
    // Arrange
    const { calls, lifecycle } = fakeLifecycle({ started: false, status });
    let ran = false;
    const process = runnerWith(lifecycle, async () => {
      ran = true;
      return undefined;
    });

    // Act
    await process(MESSAGE, aRecord(1));

    // Assert
    expect(ran).toBe(false);
    expect(calls).toEqual([['begin', TENANT, TASK]]);
  });

  it('rethrows the work’s own error even when recording the failure fails too', async () => {
    // Arrange
    const { lifecycle } = fakeLifecycle();
    lifecycle.failAttempt = async () => {
      throw new Error('DynamoDB is down');
    };
    const failure = new Error('the work failed');
    const process = runnerWith(lifecycle, async () => {
      throw failure;
    });

    // Act
    const thrown = await process(MESSAGE, aRecord(1)).catch((error: unknown) => error);

    // Assert
    expect(thrown).toBe(failure);
  });

  it('keeps working when a progress report cannot be written', async () => {
    // Arrange
    const { calls, lifecycle } = fakeLifecycle();
    lifecycle.reportProgress = async () => {
      throw new Error('throttled');
    };
    const process = runnerWith(lifecycle, async ({ progress }) => {
      await progress(1, 1);
      return undefined;
    });

    // Act
    await process(MESSAGE, aRecord(1));

    // Assert
    expect(calls.at(-1)).toEqual(['complete', TENANT, TASK, undefined]);
  });

  it('drops progress reports closer together than the interval', async () => {
    // Arrange
    const { calls, lifecycle } = fakeLifecycle();
    const process = runnerWith(
      lifecycle,
      async ({ progress }) => {
        for (let done = 1; done <= 100; done++) await progress(done, 100);
        return undefined;
      },
      60_000,
    );

    // Act
    await process(MESSAGE, aRecord(1));

    // Assert
    expect(calls.filter(([name]) => name === 'progress')).toEqual([['progress', TENANT, TASK, 1, 100]]);
  });

  it('hands the work its attempt number', async () => {
    // Arrange
    const { lifecycle } = fakeLifecycle({ started: true, attempt: 3, task: {} as never });
    let attempt = 0;
    const process = runnerWith(lifecycle, async (job) => {
      attempt = job.attempt;
      return undefined;
    });

    // Act
    await process(MESSAGE, aRecord(3));

    // Assert
    expect(attempt).toBe(3);
  });

  it("takes a named queue's maxReceiveCount from the queue definitions", async () => {
    // Arrange
    const documents = QUEUES.find((queue) => queue.name === 'documents');
    const { calls, lifecycle } = fakeLifecycle();
    const process = runTask<Message>(
      {
        queue: 'documents',
        taskOf: (message) => message,
        run: async () => {
          throw new Error('boom');
        },
      },
      lifecycle,
    );

    // Act
    await process(MESSAGE, aRecord(documents?.maxReceiveCount ?? 0)).catch(() => undefined);

    // Assert
    expect(documents).toBeDefined();
    expect(calls.at(-1)?.[4]).toBe(false);
  });
});

describe('willRetry', () => {
  it.each([
    [1, 3, true],
    [2, 3, true],
    [3, 3, false],
    [4, 3, false],
  ])('receive %i of at most %i: retried = %s', (receiveCount, maxReceiveCount, expected) => {
    // Act
    const retry = willRetry(aRecord(receiveCount), maxReceiveCount);

    // Assert
    expect(retry).toBe(expected);
  });
});
