import type { TaskItem } from '@assist-ten/core/platform/task.entity';
import { TASK_RETENTION_DAYS } from '@assist-ten/core/platform/task.model';
import {
  beginAttempt,
  canSeeTask,
  getTask,
  listTasks,
  planAttempt,
  planCompletion,
  planFailure,
  planProgress,
  taskErrorOf,
  taskListAccess,
  taskWrite,
  toTask,
} from '@assist-ten/core/platform/task.service';
import { ConflictError, IllegalTransitionError, NotFoundError, ValidationError } from '@assist-ten/core/shared/errors';
import { newId } from '@assist-ten/core/shared/ids';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { aPrincipal, thrownBy } from '../support/factories.ts';

const NOW = '2026-03-01T12:00:00.000Z';
const recruiter = aPrincipal({ userId: 'usr_alice', roles: ['recruiter'] });
const otherRecruiter = aPrincipal({ userId: 'usr_carol', roles: ['recruiter'] });
const interviewer = aPrincipal({ userId: 'usr_ivan', roles: ['interviewer'] });
const admin = aPrincipal({ userId: 'usr_ada', roles: ['admin'] });

/** A stored task of alice's, in the home tenant. */
const aTask = (overrides: Partial<TaskItem> = {}): TaskItem => ({
  tenantId: 'tnt_demo',
  taskId: 'task_01JABCDEFGHJKMNPQRSTVWXYZ0',
  kind: 'data_export',
  status: 'queued',
  progress: { done: 0 },
  attempts: 0,
  expiresAt: 1_800_000_000,
  createdAt: '2026-03-01T11:00:00.000Z',
  updatedAt: '2026-03-01T11:00:00.000Z',
  createdBy: 'usr_alice',
  updatedBy: 'usr_alice',
  version: 1,
  ...overrides,
});

const stored = (item: TaskItem) => ({ ...item, __edb_e__: 'task', __edb_v__: '1' });

const dynamo = mockClient(DynamoDBDocumentClient);
afterEach(() => dynamo.reset());

describe('toTask', () => {
  it('shows the task by id, works out the percent and leaves the tenant out', () => {
    // Act
    const view = toTask(aTask({ status: 'running', progress: { done: 1, total: 3 } }));

    // Assert
    expect(view).toMatchObject({ id: 'task_01JABCDEFGHJKMNPQRSTVWXYZ0', progress: { done: 1, total: 3, percent: 33 } });
    expect(JSON.stringify(view)).not.toContain('tnt_demo');
  });

  it('leaves the percent out while the total is unknown', () => {
    // Act
    const view = toTask(aTask({ progress: { done: 5 } }));

    // Assert
    expect(view.progress).toEqual({ done: 5 });
  });
});

describe('canSeeTask', () => {
  it.each([
    ['its creator', recruiter, true],
    ['an admin of the tenant', admin, true],
    ['the superadmin', aPrincipal({ userId: 'usr_root', roles: ['superadmin'] }), true],
    ['another recruiter', otherRecruiter, false],
    ['an interviewer', interviewer, false],
  ])('lets %s see it: %s', (_, actor, expected) => {
    // Act
    const visible = canSeeTask(actor, aTask());

    // Assert
    expect(visible).toBe(expected);
  });
});

describe('taskListAccess', () => {
  it.each([
    ['a recruiter, no filter', recruiter, {}, 'mine'],
    ['a recruiter asking for everything (mine=false)', recruiter, { mine: false }, 'mine'],
    ['a recruiter, by status', recruiter, { status: 'running' }, 'mineByStatus'],
    ['an interviewer, by status, mine=false', interviewer, { status: 'failed', mine: false }, 'mineByStatus'],
    ['an admin, no filter', admin, {}, 'byId'],
    ['an admin, by status', admin, { status: 'queued' }, 'byStatus'],
    ['an admin, mine', admin, { mine: true }, 'mine'],
    ['an admin, mine by status', admin, { mine: true, status: 'succeeded' }, 'mineByStatus'],
  ] as const)('reads the index that holds exactly the tasks of %s', (_, actor, filters, expected) => {
    // Act
    const access = taskListAccess(actor, filters);

    // Assert
    expect(access).toBe(expected);
  });
});

describe('taskWrite', () => {
  interface PutParams {
    Item: Record<string, unknown>;
  }

  it('creates a queued task of the caller and its audit entry, for the caller’s own transaction', () => {
    // Act
    const { taskId, writes } = taskWrite(recruiter, { kind: 'data_export', total: 40, input: { format: 'csv' } });

    // Assert
    expect(taskId).toMatch(/^task_[0-9A-Z]{26}$/);
    expect(writes.map((write) => write.kind)).toEqual(['Put', 'Put']);
    const [task, audit] = writes.map((write) => (write.params as PutParams).Item);
    expect(task).toMatchObject({
      tenantId: 'tnt_demo',
      taskId,
      kind: 'data_export',
      status: 'queued',
      attempts: 0,
      progress: { done: 0, total: 40 },
      input: { format: 'csv' },
      createdBy: 'usr_alice',
    });
    expect(audit).toMatchObject({ action: 'task.created', entityType: 'task', entityId: taskId, actorId: 'usr_alice' });
  });

  it('keeps a task that never finishes no longer than the retention after its creation', () => {
    // Arrange
    const before = Math.floor(Date.now() / 1000);

    // Act
    const { writes } = taskWrite(recruiter, { kind: 'erasure' });

    // Assert
    const [task] = writes.map((write) => (write.params as PutParams).Item);
    const expiresAt = task?.expiresAt as number;
    expect(expiresAt - before).toBeGreaterThanOrEqual(TASK_RETENTION_DAYS * 86_400);
    expect(expiresAt - before).toBeLessThanOrEqual(TASK_RETENTION_DAYS * 86_400 + 5);
  });

  it('uses a task id minted beforehand', () => {
    // Arrange
    const taskId = newId('task');

    // Act
    const written = taskWrite(recruiter, { kind: 'erasure', taskId });

    // Assert
    expect(written.taskId).toBe(taskId);
  });

  it.each([
    ['an id of another kind', { kind: 'erasure', taskId: newId('requisition') }],
    ['a negative total', { kind: 'erasure', total: -1 }],
    ['a fractional total', { kind: 'erasure', total: 1.5 }],
    ['an input summary too big to display', { kind: 'erasure', input: { note: 'x'.repeat(201) } }],
  ] as const)('refuses %s as the bug of its producer', (_, input) => {
    // Act
    const error = thrownBy(() => taskWrite(recruiter, input));

    // Assert
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ValidationError);
  });
});

describe('planAttempt', () => {
  it('moves a queued task to running, counts the attempt and stamps the start', () => {
    // Act
    const set = planAttempt(aTask(), NOW);

    // Assert
    expect(set).toEqual({ status: 'running', attempts: 1, startedAt: NOW });
  });

  it('begins another attempt of a running task whose worker died, keeping the first start', () => {
    // Act
    const set = planAttempt(aTask({ status: 'running', attempts: 1, startedAt: '2026-03-01T11:30:00.000Z' }), NOW);

    // Assert
    expect(set).toEqual({ status: 'running', attempts: 2, startedAt: '2026-03-01T11:30:00.000Z' });
  });

  it.each(['succeeded', 'failed'] as const)('refuses to restart a %s task', (status) => {
    // Act
    const error = thrownBy(() => planAttempt(aTask({ status }), NOW));

    // Assert
    expect(error).toBeInstanceOf(IllegalTransitionError);
  });
});

describe('planProgress', () => {
  const running = aTask({ status: 'running', attempts: 1, progress: { done: 2, total: 10 } });

  it('records how far the work got and keeps the total given before', () => {
    // Act
    const set = planProgress(running, 5);

    // Assert
    expect(set).toEqual({ progress: { done: 5, total: 10 } });
  });

  it('takes a new total when the job learns it', () => {
    // Act
    const set = planProgress(aTask({ status: 'running', progress: { done: 0 } }), 3, 7);

    // Assert
    expect(set).toEqual({ progress: { done: 3, total: 7 } });
  });

  it.each([
    ['more done than the total', 11, undefined],
    ['a negative count', -1, undefined],
    ['a fraction', 1.5, undefined],
    ['a negative total', 0, -2],
  ])('refuses %s', (_, done, total) => {
    // Act
    const error = thrownBy(() => planProgress(running, done, total));

    // Assert
    expect(error).toBeInstanceOf(RangeError);
  });

  it('refuses progress on a task that is not running', () => {
    // Act
    const error = thrownBy(() => planProgress(aTask({ status: 'succeeded' }), 1));

    // Assert
    expect(error).toBeInstanceOf(ConflictError);
  });
});

describe('planCompletion', () => {
  it('marks the task succeeded with its progress full, its result and its retention', () => {
    // Act
    const set = planCompletion(aTask({ status: 'running', progress: { done: 7, total: 9 } }), NOW, {
      type: 'document',
      id: 'doc_1',
    });

    // Assert
    expect(set).toEqual({
      status: 'succeeded',
      finishedAt: NOW,
      expiresAt: Date.parse(NOW) / 1000 + TASK_RETENTION_DAYS * 86_400,
      progress: { done: 9, total: 9 },
      resultRef: { type: 'document', id: 'doc_1' },
    });
  });

  it('takes what was done as the total when the job never told one', () => {
    // Act
    const set = planCompletion(aTask({ status: 'running', progress: { done: 4 } }), NOW);

    // Assert
    expect(set.progress).toEqual({ done: 4, total: 4 });
    expect(set.resultRef).toBeUndefined();
  });

  it('refuses a result reference that does not say where the result is', () => {
    // Act
    const error = thrownBy(() => planCompletion(aTask({ status: 'running' }), NOW, { type: 'file', id: 'x' } as never));

    // Assert
    expect(error).toBeInstanceOf(Error);
  });

  it('refuses to complete a task that is not running', () => {
    // Act
    const error = thrownBy(() => planCompletion(aTask({ status: 'queued' }), NOW));

    // Assert
    expect(error).toBeInstanceOf(IllegalTransitionError);
  });
});

describe('planFailure', () => {
  const running = aTask({ status: 'running', attempts: 1 });
  const error = { code: 'internal_error', message: 'The job stopped on an unexpected error.' };

  it('sends a task that will be retried back to queued with its error', () => {
    // Act
    const set = planFailure(running, NOW, error, true);

    // Assert
    expect(set).toEqual({ status: 'queued', lastError: error });
  });

  it('fails a task for good on its last attempt, stamping the end and the retention', () => {
    // Act
    const set = planFailure(running, NOW, error, false);

    // Assert
    expect(set).toEqual({
      status: 'failed',
      lastError: error,
      finishedAt: NOW,
      expiresAt: Date.parse(NOW) / 1000 + TASK_RETENTION_DAYS * 86_400,
    });
  });

  it('bounds the message and the code of the error it keeps', () => {
    // Act
    const set = planFailure(running, NOW, { code: 'c'.repeat(100), message: 'm'.repeat(2_000) }, true);

    // Assert
    expect(set.lastError?.code).toHaveLength(64);
    expect(set.lastError?.message).toHaveLength(500);
  });

  it('refuses to fail a task that is not running', () => {
    // Act
    const thrown = thrownBy(() => planFailure(aTask({ status: 'succeeded' }), NOW, error, false));

    // Assert
    expect(thrown).toBeInstanceOf(IllegalTransitionError);
  });
});

describe('taskErrorOf', () => {
  it('passes on the code and message of an error written for people', () => {
    // Act
    const error = taskErrorOf(new ValidationError('The file has no header row.'));

    // Assert
    expect(error).toEqual({ code: 'validation_failed', message: 'The file has no header row.' });
  });

  it('keeps anything else to the logs: no internal message, no stack', () => {
    // Arrange
    const internal = Object.assign(new Error('Rate exceeded for table secret-table'), { name: 'ThrottlingException' });

    // Act
    const error = taskErrorOf(internal);

    // Assert
    expect(error.code).toBe('internal_error');
    expect(JSON.stringify(error)).not.toContain('secret-table');
    expect(JSON.stringify(error)).not.toContain('Throttling');
  });
});

describe('getTask', () => {
  it("answers 404 for another person's task to a non-admin, as for a task that does not exist", async () => {
    // Arrange
    dynamo.on(GetCommand).resolves({ Item: stored(aTask()) });

    // Act
    const seen = await getTask(admin, 'task_01JABCDEFGHJKMNPQRSTVWXYZ0');
    const hidden = await getTask(otherRecruiter, 'task_01JABCDEFGHJKMNPQRSTVWXYZ0').catch((error: unknown) => error);

    // Assert
    expect(seen.id).toBe('task_01JABCDEFGHJKMNPQRSTVWXYZ0');
    expect(hidden).toBeInstanceOf(NotFoundError);
  });

  it("reads only the caller's tenant", async () => {
    // Arrange
    dynamo.on(GetCommand).resolves({});

    // Act
    const error = await getTask(recruiter, 'task_01JABCDEFGHJKMNPQRSTVWXYZ0').catch((thrown: unknown) => thrown);

    // Assert
    expect(error).toBeInstanceOf(NotFoundError);
    expect(JSON.stringify(dynamo.commandCalls(GetCommand)[0]?.args[0].input.Key)).toContain('tnt_demo');
  });
});

describe('listTasks', () => {
  it("queries the creator's index for a recruiter, whatever mine says", async () => {
    // Arrange
    dynamo.on(QueryCommand).resolves({ Items: [stored(aTask())] });

    // Act
    const page = await listTasks(recruiter, { mine: false, limit: 25 });

    // Assert
    expect(page.items.map((task) => task.id)).toEqual(['task_01JABCDEFGHJKMNPQRSTVWXYZ0']);
    const input = dynamo.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(input?.IndexName).toBe('gsi1');
    expect(input?.ScanIndexForward).toBe(false);
    expect(JSON.stringify(input?.ExpressionAttributeValues)).toContain('usr_alice');
  });

  it("queries the table's tenant partition for an admin without filters", async () => {
    // Arrange
    dynamo.on(QueryCommand).resolves({ Items: [] });

    // Act
    await listTasks(admin, { limit: 25 });

    // Assert
    const input = dynamo.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(input?.IndexName).toBeUndefined();
    expect(input?.FilterExpression ?? '').not.toContain('createdBy');
  });

  it('refuses a cursor taken from another partition before querying', async () => {
    // Arrange
    const foreign = Buffer.from(JSON.stringify({ gsi1pk: 'someone-else', gsi1sk: 'x', pk: 'p', sk: 's' })).toString(
      'base64url',
    );

    // Act
    const error = await listTasks(recruiter, { limit: 25, cursor: foreign }).catch((thrown: unknown) => thrown);

    // Assert
    expect(error).toBeInstanceOf(ValidationError);
    expect(dynamo.commandCalls(QueryCommand)).toHaveLength(0);
  });
});

describe('beginAttempt', () => {
  it.each(['succeeded', 'failed'] as const)('leaves a %s task alone and says so', async (status) => {
    // Arrange
    dynamo.on(GetCommand).resolves({ Item: stored(aTask({ status })) });

    // Act
    const attempt = await beginAttempt('tnt_demo', 'task_01JABCDEFGHJKMNPQRSTVWXYZ0');

    // Assert
    expect(attempt).toEqual({ started: false, status });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('writes the attempt guarded by the version read, as the system', async () => {
    // Arrange
    dynamo.on(GetCommand).resolves({ Item: stored(aTask({ version: 4 })) });
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    const attempt = await beginAttempt('tnt_demo', 'task_01JABCDEFGHJKMNPQRSTVWXYZ0');

    // Assert
    expect(attempt).toMatchObject({ started: true, attempt: 1, task: { status: 'running', version: 5 } });
    const [update] = dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(update?.Update?.ConditionExpression).toContain('#version = :version0');
    expect(update?.Update?.ExpressionAttributeValues).toMatchObject({ ':version0': 4, ':updatedBy_u0': 'system' });
  });
});
