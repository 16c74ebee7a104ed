import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principalOf } from '../../../infra/local/seed.ts';
import { findLocalUser } from '../../../infra/local/seed-data.ts';
import { createTestQueue, eventually, pollTestQueue } from '../../support/queues.ts';
import { unique } from '../../support/users.ts';

// Loaded after the stack environment points the SDK at the local cloud.
const { handler } = await import('../../../functions/queue/tasks/handler.ts');
const { createCandidate } = await import('@assist-ten/core/candidates/candidate.service');
const { exportCandidate, getExportStatus } = await import('@assist-ten/core/candidates/candidate.export');
const { TaskEntity } = await import('@assist-ten/core/platform/task.entity');

/**
 * The tasks queue's consumer (functions/queue/tasks/handler.ts) on a queue of this test's own,
 * drained by the local poller as Lambda's event source would: independent of whether the
 * local cloud polls the real tasks queue yet.
 */
const seeded = findLocalUser('admin@demo.test');
if (!seeded) throw new Error('seed user missing');
const admin = principalOf(seeded);

const sqs = new SQSClient({});
const name = `tasks-export-${Date.now()}`;
let queueUrl = '';
let poller: { stop(): Promise<void> };

beforeAll(async () => {
  const queue = await createTestQueue(sqs, name, { visibilityTimeoutSeconds: 5, maxReceiveCount: 3 });
  queueUrl = queue.url;
  poller = pollTestQueue(sqs, queue, name, handler);
});
afterAll(() => poller.stop());

describe('tasks queue consumer: candidate export', () => {
  it('builds the export file and completes the task with where it is', async () => {
    // Arrange
    const email = `${unique('kim')}@example.test`;
    const candidate = await createCandidate(admin, { fullName: 'Kim Queued', email });

    // Act
    const answer = await exportCandidate(admin, candidate.id, {
      maxInlineBytes: -1,
      send: async (message) => {
        await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(message) }));
      },
    });
    const taskId = 'queued' in answer ? answer.queued.taskId : '';
    const task = async () => (await TaskEntity.get({ tenantId: admin.tenantId, taskId }).go()).data;
    await eventually(async () => (await task())?.status === 'succeeded', 'export task succeeded');
    const status = await getExportStatus(admin, candidate.id, taskId);
    const file = (await (await fetch(status.downloadUrl ?? '')).json()) as { candidate: { email: string } };

    // Assert
    expect((await task())?.resultRef).toEqual({
      type: 'file',
      key: `tenant/${admin.tenantId}/exports/${candidate.id}/${taskId}.json`,
    });
    expect(file.candidate.email).toBe(email);
  });

  it('fails the task, for the admin to read, when the candidate is gone by the time it runs', async () => {
    // Arrange: a message for a candidate that does not exist
    const { taskWrite } = await import('@assist-ten/core/platform/task.service');
    const { transactWrite } = await import('@assist-ten/core/shared/transaction');
    const task = taskWrite(admin, { kind: 'data_export', input: { candidateId: 'cand_01JDEM0000000000000000000A' } });
    await transactWrite(task.writes);

    // Act
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: JSON.stringify({
          kind: 'candidate_export',
          tenantId: admin.tenantId,
          taskId: task.taskId,
          candidateId: 'cand_01JDEM0000000000000000000A',
        }),
      }),
    );
    const read = async () => (await TaskEntity.get({ tenantId: admin.tenantId, taskId: task.taskId }).go()).data;
    await eventually(async () => (await read())?.lastError !== undefined, 'export task failed an attempt');

    // Assert
    expect((await read())?.lastError).toMatchObject({ code: 'not_found' });
  });
});
