import * as z from 'zod/mini';
import { idPath, listQuery, page, queryBoolean, text } from '../shared/schema.ts';
import {
  MAX_ERROR_CODE,
  MAX_ERROR_MESSAGE,
  MAX_INPUT_FIELDS,
  MAX_INPUT_TEXT,
  TASK_KINDS,
  TASK_STATUSES,
} from './task.model.ts';

export const TaskPath = idPath('task');

/**
 * `mine=true` narrows an admin's list to the tasks they created; everyone else only ever
 * lists their own, whatever `mine` says.
 */
export const ListTasksQuery = z.strictObject({
  status: z.optional(z.enum(TASK_STATUSES)),
  mine: z.optional(queryBoolean),
  ...listQuery,
});
export type ListTasks = z.output<typeof ListTasksQuery>;

const fieldName = z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/, 'A camelCase name of at most 40 characters'));

/**
 * What the task was asked to do, for display ("Export of 120 candidates"): small and flat.
 * Checked in core when the task is created, since a producer is code, not a caller.
 */
export const TaskInputSummary = z
  .record(fieldName, z.union([text(MAX_INPUT_TEXT), z.number(), z.boolean()]))
  .check(z.refine((input) => Object.keys(input).length <= MAX_INPUT_FIELDS, `At most ${MAX_INPUT_FIELDS} fields`));
export type TaskInputSummary = z.output<typeof TaskInputSummary>;

const resultType = z.string().check(z.regex(/^[a-z][a-z_]{0,39}$/, 'A resource name such as document'));

/**
 * Where the outcome is: an object of the API (`{ type: 'document', id }`, read through its
 * own route), or a file the frontend downloads through another route (`{ type: 'file', key }`).
 */
export const TaskResultRef = z.union([
  z.strictObject({ type: z.literal('file'), key: text(1024) }),
  z.strictObject({
    type: resultType.check(z.refine((type) => type !== 'file', 'A file is { type: "file", key }')),
    id: text(100),
  }),
]);
export type TaskResultRef = z.output<typeof TaskResultRef>;

/** What the creator reads of a failed attempt: a stable code and a sentence, never a stack or an internal detail. */
export const TaskError = z.object({
  code: z.string().check(z.maxLength(MAX_ERROR_CODE)),
  message: z.string().check(z.maxLength(MAX_ERROR_MESSAGE)),
});
export type TaskError = z.output<typeof TaskError>;

const TaskProgress = z.object({
  done: z.int(),
  /** Absent until the job knows how much there is to do. */
  total: z.optional(z.int()),
  /** Whole percent, present once the total is known. */
  percent: z.optional(z.int()),
});

/** A task as its creator (and the tenant's admins) see it. */
export const Task = z.object({
  id: z.string(),
  kind: z.enum(TASK_KINDS),
  status: z.enum(TASK_STATUSES),
  progress: TaskProgress,
  attempts: z.int(),
  /** Why the last attempt failed; kept after a retry succeeds, as the record of that attempt. */
  lastError: z.optional(TaskError),
  resultRef: z.optional(
    z.union([z.object({ type: z.literal('file'), key: z.string() }), z.object({ type: z.string(), id: z.string() })]),
  ),
  input: z.optional(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  startedAt: z.optional(z.string()),
  finishedAt: z.optional(z.string()),
  version: z.int(),
});
export type Task = z.output<typeof Task>;

export const TaskPage = page(Task);
