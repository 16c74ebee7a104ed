import { createSqsHandler } from '@assist-ten/lambda-kit/sqs/consumer';
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { principalOf } from '../../../infra/local/seed.ts';
import { findLocalUser } from '../../../infra/local/seed-data.ts';
import { createTestQueue, eventually, pollTestQueue } from '../../support/queues.ts';

// Loaded after the stack environment points the SDK at DynamoDB Local.
const { createTask, getTask } = await import('@assist-ten/core/platform/task.service');
const { AuditLogEntity } = await import('@assist-ten/core/platform/audit-log.entity');
const { ValidationError } = await import('@assist-ten/core/shared/errors');
const { runTask } = await import('@assist-ten/lambda-kit/sqs/task-runner');

/**
 * The task runner inside an SQS consumer, driven by the local event-source poller against
 * the SQS emulator and DynamoDB Local, on a queue of this test's own with a short visibility
 * timeout so that retries happen within the test.
 */
const seeded = findLocalUser('recruiter@demo.test');
if (!seeded) throw new Error('seed user missing');
const recruiter = principalOf(seeded);

const sqs = new SQSClient({});

const name = `task-runner-test-${Date.now()}`;
// Above 2: the emulator can hand one message out twice in a batch, counting two receives.
const MAX_RECEIVES = 3;
let queueUrl = '';
let queueArn = '';
let dlqUrl = '';

const Job = z.object({
  tenantId: z.string(),
  taskId: z.string(),
  behaviour: z.enum(['succeeds', 'fails_once', 'always_fails']),
});
type Job = z.output<typeof Job>;

/** The task's audit entries, oldest first: who did what to it. */
const trailOf = async (taskId: string) => {
  const { data } = await AuditLogEntity.query
    .byEntity({ tenantId: recruiter.tenantId, entityType: 'task', entityId: taskId })
    .go({ pages: 'all' });
  return data.map((entry) => ({ action: entry.action, actorId: entry.actorId }));
};

/** How often the work of each task ran. */
const runs = new Map<string, number>();

const work = async (
  job: Job,
  { attempt, progress }: { attempt: number; progress(done: number, total?: number): Promise<void> },
) => {
  runs.set(job.taskId, (runs.get(job.taskId) ?? 0) + 1);
  if (job.behaviour === 'always_fails') throw new Error('connect ECONNREFUSED 10.0.3.7:5432');
  if (job.behaviour === 'fails_once' && attempt === 1) throw new ValidationError('The first attempt is refused.');
  await progress(1, 3);
  await progress(2);
  return { type: 'document', id: `doc_of_${job.taskId}` };
};

/** How many deliveries of each task's messages the runner handled (work run or skipped). */
const handled = new Map<string, number>();

const runner = runTask<Job>({
  queue: { maxReceiveCount: MAX_RECEIVES },
  taskOf: (job) => job,
  run: (job, taskJob) => work(job, taskJob),
  progressIntervalMs: 0,
});

const handler = createSqsHandler({
  queue: name,
  schema: Job,
  process: async (job, record) => {
    try {
      await runner(job, record);
    } finally {
      handled.set(job.taskId, (handled.get(job.taskId) ?? 0) + 1);
    }
  },
});

let poller: { stop(): Promise<void> };

beforeAll(async () => {
  ({
    url: queueUrl,
    arn: queueArn,
    dlqUrl,
  } = await createTestQueue(sqs, name, {
    visibilityTimeoutSeconds: 1,
    maxReceiveCount: MAX_RECEIVES,
  }));
  poller = pollTestQueue(sqs, { url: queueUrl, arn: queueArn }, name, handler);
});
afterAll(() => poller.stop());

/** A task of the recruiter's, and its message on the queue. */
const enqueue = async (behaviour: Job['behaviour'], total?: number): Promise<string> => {
  const task = await createTask(recruiter, { kind: 'data_export', ...(total === undefined ? {} : { total }) });
  await send({ tenantId: recruiter.tenantId, taskId: task.id, behaviour });
  return task.id;
};

const send = (job: Job) => sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(job) }));

const finished = (id: string) => async () => ['succeeded', 'failed'].includes((await getTask(recruiter, id)).status);

/** Peeks at the DLQ (visibility 0 leaves messages there). */
const dlqBodies = async (): Promise<string[]> => {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }),
  );
  return Messages.map((message) => message.Body ?? '');
};

describe('task runner through the local poller', () => {
  it('runs a job that reports progress to success: progress full, result recorded, one attempt', async () => {
    // Act
    const id = await enqueue('succeeds');
    await eventually(finished(id), `${id} finished`);

    // Assert
    const task = await getTask(recruiter, id);
    expect(task).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      progress: { done: 3, total: 3, percent: 100 },
      resultRef: { type: 'document', id: `doc_of_${id}` },
    });
    expect(task.startedAt).toEqual(expect.any(String));
    expect(task.finishedAt).toEqual(expect.any(String));
    expect(task.lastError).toBeUndefined();
    expect(await trailOf(id)).toEqual([
      { action: 'task.created', actorId: recruiter.userId },
      { action: 'task.succeeded', actorId: 'system' },
    ]);
  });

  it('acknowledges a later message for a task that already succeeded without running it again', async () => {
    // Arrange
    const id = await enqueue('succeeds');
    await eventually(finished(id), `${id} finished`);
    const before = await getTask(recruiter, id);

    // Act
    await send({ tenantId: recruiter.tenantId, taskId: id, behaviour: 'succeeds' });
    await eventually(() => handled.get(id) === 2, 'second message handled');

    // Assert
    expect(runs.get(id)).toBe(1);
    expect(await getTask(recruiter, id)).toEqual(before);
  });

  it('retries a job that fails once: two attempts, the first error kept, then succeeded', async () => {
    // Act
    const id = await enqueue('fails_once', 3);
    await eventually(finished(id), `${id} finished`);

    // Assert
    const task = await getTask(recruiter, id);
    expect(task).toMatchObject({
      status: 'succeeded',
      attempts: 2,
      lastError: { code: 'validation_failed', message: 'The first attempt is refused.' },
      progress: { done: 3, total: 3 },
    });
    expect(runs.get(id)).toBe(2);
  });

  it('fails a job that always fails after the last receive and leaves its message in the DLQ', async () => {
    // Act
    const id = await enqueue('always_fails');
    await eventually(finished(id), `${id} finished`, 25_000);
    await eventually(async () => (await dlqBodies()).some((body) => body.includes(id)), `${id} dead-lettered`, 25_000);

    // Assert
    const task = await getTask(recruiter, id);
    expect(task.status).toBe('failed');
    // One attempt per receive; the emulator may count one receive twice, which leaves fewer attempts.
    expect(task.attempts).toBeGreaterThanOrEqual(MAX_RECEIVES - 1);
    expect(task.attempts).toBeLessThanOrEqual(MAX_RECEIVES);
    expect(task.lastError).toEqual({ code: 'internal_error', message: 'The job stopped on an unexpected error.' });
    expect(JSON.stringify(task)).not.toContain('10.0.3.7');
    expect(task.finishedAt).toEqual(expect.any(String));
    expect((await trailOf(id)).map((entry) => entry.action)).toEqual(['task.created', 'task.failed']);
  });
});
