import { isoNow } from '../shared/clock.ts';
import { AppError, ConflictError, NotFoundError } from '../shared/errors.ts';
import { idPattern, newId } from '../shared/ids.ts';
import { pageOf } from '../shared/paging.ts';
import { hasAnyRole, type Principal, type StaffRole, SYSTEM_ACTOR_ID, systemPrincipal } from '../shared/principal.ts';
import type { Page } from '../shared/schema.ts';
import { assertTransition } from '../shared/state-machine.ts';
import { put, type TransactionWrite, transactWrite } from '../shared/transaction.ts';
import { patched, versionedPatch, writeVersioned } from '../shared/versioned-write.ts';
import { auditWrite } from './audit.ts';
import { TaskEntity, type TaskItem } from './task.entity.ts';
import {
  expiresAtFor,
  type FinishedStatus,
  isFinished,
  MAX_ERROR_CODE,
  MAX_ERROR_MESSAGE,
  percentOf,
  type TaskKind,
  type TaskProgress,
  type TaskStatus,
} from './task.model.ts';
import { type ListTasks, Task, type TaskError, TaskInputSummary, TaskResultRef } from './task.schema.ts';
import { TASK_TRANSITIONS } from './task.status.ts';

/** Roles that see every task of their tenant; everyone else sees the tasks they created. */
export const TASK_OVERSEERS: readonly StaffRole[] = ['admin', 'superadmin'];

/** What the API shows: no tenant, no key attributes, `taskId` as `id`, the percent worked out. */
export const toTask = (item: TaskItem): Task =>
  Task.parse({
    ...item,
    id: item.taskId,
    progress: { ...item.progress, percent: percentOf(item.progress) },
  });

/** Whether a task exists at all for this caller (others get a 404, not a 403). */
export const canSeeTask = (actor: Principal, task: Pick<TaskItem, 'createdBy'>): boolean =>
  task.createdBy === actor.userId || hasAnyRole(actor, TASK_OVERSEERS);

const notFound = (id: string) => new NotFoundError(`Task ${id} was not found.`);

const load = async (tenantId: string, taskId: string, consistent = false): Promise<TaskItem> => {
  const { data } = await TaskEntity.get({ tenantId, taskId }).go({ consistent });
  if (!data) throw notFound(taskId);
  return data;
};

export interface NewTask {
  kind: TaskKind;
  /** How much there is to do, when the producer already knows. */
  total?: number;
  /** What was asked, for display: see TaskInputSummary. */
  input?: TaskInputSummary;
  /** An id minted beforehand, e.g. to put it in the queue message first. */
  taskId?: string;
}

/**
 * The writes that create a task and its audit entry, for the transaction of the change that
 * enqueues the job: the task exists exactly when that change does. The caller sends the
 * queue message (naming `taskId`) after the transaction succeeded.
 */
export const taskWrite = (actor: Principal, input: NewTask): { taskId: string; writes: TransactionWrite[] } => {
  const taskId = input.taskId ?? newId('task');
  if (!idPattern('task').test(taskId)) throw new Error(`${taskId} is not a task id`);
  if (input.total !== undefined && !(Number.isInteger(input.total) && input.total >= 0)) {
    throw new RangeError(`A task's total is a whole number of at least 0, not ${input.total}`);
  }
  // A producer's summary is code, not a caller's input: a bad one is a bug, not a 400.
  const summary = input.input === undefined ? undefined : TaskInputSummary.parse(input.input);
  const params = TaskEntity.create({
    tenantId: actor.tenantId,
    taskId,
    kind: input.kind,
    status: 'queued',
    progress: input.total === undefined ? { done: 0 } : { done: 0, total: input.total },
    attempts: 0,
    ...(summary === undefined ? {} : { input: summary }),
    expiresAt: expiresAtFor(isoNow()),
    createdBy: actor.userId,
    updatedBy: actor.userId,
  }).params<{ Item: TaskItem }>();
  return {
    taskId,
    writes: [
      put(params, () => new ConflictError(`Task ${taskId} already exists.`)),
      auditWrite(actor, { action: 'task.created', entityType: 'task', entityId: taskId, after: toTask(params.Item) }),
    ],
  };
};

/** For a producer with nothing else to write: the task alone, with its audit entry. */
export const createTask = async (actor: Principal, input: NewTask): Promise<Task> => {
  const { taskId, writes } = taskWrite(actor, input);
  await transactWrite(writes);
  return toTask(await load(actor.tenantId, taskId, true));
};

export const getTask = async (actor: Principal, id: string): Promise<Task> => {
  const item = await load(actor.tenantId, id);
  if (!canSeeTask(actor, item)) throw notFound(id);
  return toTask(item);
};

export type TaskListAccess = 'byId' | 'mine' | 'mineByStatus' | 'byStatus';

/** The index that holds exactly the tasks asked for: no filter expression drops others' tasks. */
export const taskListAccess = (actor: Principal, filters: Pick<ListTasks, 'status' | 'mine'>): TaskListAccess => {
  const onlyMine = filters.mine === true || !hasAnyRole(actor, TASK_OVERSEERS);
  if (onlyMine) return filters.status === undefined ? 'mine' : 'mineByStatus';
  return filters.status === undefined ? 'byId' : 'byStatus';
};

const PARTITION_KEY: Readonly<Record<TaskListAccess, string>> = {
  byId: 'pk',
  mine: 'gsi1pk',
  mineByStatus: 'gsi2pk',
  byStatus: 'gsi3pk',
};

const queryFor = (access: TaskListAccess, actor: Principal, status: TaskStatus | undefined) => {
  const { tenantId, userId: createdBy } = actor;
  switch (access) {
    case 'mine':
      return TaskEntity.query.mine({ tenantId, createdBy });
    case 'mineByStatus':
      return TaskEntity.query.mineByStatus({ tenantId, createdBy, status: status ?? 'queued' });
    case 'byStatus':
      return TaskEntity.query.byStatus({ tenantId, status: status ?? 'queued' });
    case 'byId':
      return TaskEntity.query.byId({ tenantId });
  }
};

/** My tasks, or (admins) the tenant's, newest first, optionally of one status. */
export const listTasks = async (actor: Principal, input: ListTasks): Promise<Page<Task>> => {
  const { status, mine, limit, cursor } = input;
  const access = taskListAccess(actor, { status, mine });
  return pageOf(queryFor(access, actor, status), PARTITION_KEY[access], { limit, cursor }, toTask);
};

// Worker side: the queue consumer running the job moves the task along. No person acts, so
// these writes carry no principal; see the note on auditing in docs/tasks.md.

type TaskChanges = Partial<
  Pick<
    TaskItem,
    'status' | 'progress' | 'attempts' | 'lastError' | 'resultRef' | 'startedAt' | 'finishedAt' | 'expiresAt'
  >
>;

const moveTo = (current: TaskItem, to: TaskStatus) =>
  assertTransition(TASK_TRANSITIONS, `Task ${current.taskId}`, current.status, to);

/** A new attempt: queued (or running, after a worker died mid-attempt) -> running. */
export const planAttempt = (current: TaskItem, now: string): TaskChanges => {
  moveTo(current, 'running');
  return { status: 'running', attempts: current.attempts + 1, startedAt: current.startedAt ?? now };
};

const isCount = (value: number): boolean => Number.isInteger(value) && value >= 0;

/** Progress of the running attempt; a total given once is kept until another is given. */
export const planProgress = (current: TaskItem, done: number, total?: number): TaskChanges => {
  const known = total ?? current.progress.total;
  if (!isCount(done) || (known !== undefined && (!isCount(known) || done > known))) {
    throw new RangeError(`Progress ${done}/${known ?? '?'} is not a count of work done out of a total`);
  }
  if (current.status !== 'running') {
    throw new ConflictError(`Task ${current.taskId} is ${current.status}, not running: no progress to report.`, {
      extensions: { currentStatus: current.status },
    });
  }
  const progress: TaskProgress = known === undefined ? { done } : { done, total: known };
  return { progress };
};

const finished = (status: FinishedStatus, now: string): TaskChanges => ({
  status,
  finishedAt: now,
  expiresAt: expiresAtFor(now),
});

/** Done: the progress reads total/total (a job that never told its total did all it did). */
export const planCompletion = (current: TaskItem, now: string, resultRef?: TaskResultRef): TaskChanges => {
  moveTo(current, 'succeeded');
  const total = current.progress.total ?? current.progress.done;
  return {
    ...finished('succeeded', now),
    progress: { done: total, total },
    ...(resultRef === undefined ? {} : { resultRef: TaskResultRef.parse(resultRef) }),
  };
};

const bounded = (value: string, max: number): string => (value.length > max ? `${value.slice(0, max - 1)}…` : value);

/** An attempt failed: back to queued for another one, or failed for good. */
export const planFailure = (current: TaskItem, now: string, error: TaskError, willRetry: boolean): TaskChanges => {
  const lastError = { code: bounded(error.code, MAX_ERROR_CODE), message: bounded(error.message, MAX_ERROR_MESSAGE) };
  if (willRetry) {
    moveTo(current, 'queued');
    return { status: 'queued', lastError };
  }
  moveTo(current, 'failed');
  return { ...finished('failed', now), lastError };
};

/** What the creator may read of an error: an AppError below 500 was written for people; anything else stays in the logs. */
export const taskErrorOf = (error: unknown): TaskError =>
  error instanceof AppError && error.statusCode < 500
    ? { code: error.code, message: error.message }
    : { code: 'internal_error', message: 'The job stopped on an unexpected error.' };

/**
 * Writes a worker's change decided on the task as read, retried on fresh data when another
 * write came first (worker writes have no If-Match: the latest decision wins). Returns the task as written.
 */
const writeAsSystem = async (
  tenantId: string,
  taskId: string,
  plan: (current: TaskItem, now: string) => TaskChanges,
): Promise<TaskItem> => {
  let set: TaskChanges = {};
  const current = await writeVersioned(undefined, {
    label: `Task ${taskId}`,
    load: () => load(tenantId, taskId, true),
    decide: (current) => {
      set = plan(current, isoNow());
      const after = patched(current, set);
      // How a task ended is part of the tenant's record; its progress ticks are not.
      const ended = after.status !== current.status && isFinished(after.status);
      return [
        versionedPatch(
          TaskEntity.patch({ tenantId, taskId })
            .set({ ...set, updatedBy: SYSTEM_ACTOR_ID })
            .composite({ createdBy: current.createdBy }),
          current.version,
        ),
        ...(ended
          ? [
              auditWrite(systemPrincipal(tenantId, `task:${taskId}`), {
                action: `task.${after.status}`,
                entityType: 'task',
                entityId: taskId,
                before: toTask(current),
                after: toTask(after),
              }),
            ]
          : []),
      ];
    },
  });
  return { ...patched(current, set), updatedBy: SYSTEM_ACTOR_ID, version: current.version + 1 };
};

export type TaskAttempt =
  | { started: true; attempt: number; task: TaskItem }
  /** The task already finished (a late or repeated message): there is nothing to do. */
  | { started: false; status: FinishedStatus };

export const beginAttempt = async (tenantId: string, taskId: string): Promise<TaskAttempt> => {
  const current = await load(tenantId, taskId, true);
  if (isFinished(current.status)) return { started: false, status: current.status };
  const task = await writeAsSystem(tenantId, taskId, planAttempt);
  return { started: true, attempt: task.attempts, task };
};

export const reportProgress = (tenantId: string, taskId: string, done: number, total?: number): Promise<TaskItem> =>
  writeAsSystem(tenantId, taskId, (current) => planProgress(current, done, total));

export const completeTask = (tenantId: string, taskId: string, resultRef?: TaskResultRef): Promise<TaskItem> =>
  writeAsSystem(tenantId, taskId, (current, now) => planCompletion(current, now, resultRef));

export const failAttempt = (
  tenantId: string,
  taskId: string,
  error: TaskError,
  willRetry: boolean,
): Promise<TaskItem> => writeAsSystem(tenantId, taskId, (current, now) => planFailure(current, now, error, willRetry));
