import { Entity, type EntityItem } from 'electrodb';
import { trackedAttributes } from '../shared/attributes.ts';
import { documentClient, tableName } from '../shared/db.ts';
import { TASK_KINDS, TASK_STATUSES } from './task.model.ts';

/**
 * BackgroundTask: one long job a request enqueued (an export, a bulk invitation, a document
 * extraction), and how far it got. The request creates it in its own transaction; the queue
 * consumer that does the work moves it along (see lambda-kit/sqs/task-runner).
 *
 * Access patterns (ids are ULIDs, so sorting by id is sorting by creation time):
 * - byId          table  pk: tenant                       sk: id -> one task; also every task
 *                 of the tenant, newest first (admins)
 * - mine          gsi1   pk: tenant + creator             sk: id -> my tasks, newest first
 * - mineByStatus  gsi2   pk: tenant + creator + status    sk: id -> my tasks of one status
 * - byStatus      gsi3   pk: tenant + status              sk: id -> the tenant's tasks of one status (admins)
 * A status change rebuilds the gsi2 and gsi3 keys from the item's key and its creator, with no read.
 * TTL (`expiresAt`) removes a task some days after it finished (see task.model).
 */
export const TaskEntity = new Entity(
  {
    model: { entity: 'task', version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      taskId: { type: 'string', required: true, readOnly: true },
      kind: { type: TASK_KINDS, required: true, readOnly: true },
      status: { type: TASK_STATUSES, required: true, default: 'queued' },
      progress: {
        type: 'map',
        required: true,
        properties: {
          done: { type: 'number', required: true },
          total: { type: 'number' },
        },
      },
      attempts: { type: 'number', required: true, default: 0 },
      lastError: {
        type: 'map',
        properties: {
          code: { type: 'string', required: true },
          message: { type: 'string', required: true },
        },
      },
      /** `{ type: 'file', key }` or `{ type, id }`: see TaskResultRef. */
      resultRef: {
        type: 'map',
        properties: {
          type: { type: 'string', required: true },
          id: { type: 'string' },
          key: { type: 'string' },
        },
      },
      /** A small, flat summary of what was asked, checked by TaskInputSummary before it is written. */
      input: { type: 'any', readOnly: true },
      /** When the first attempt began. */
      startedAt: { type: 'string' },
      finishedAt: { type: 'string' },
      /** Epoch seconds, the table's TTL attribute. */
      expiresAt: { type: 'number', required: true },
      ...trackedAttributes,
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['tenantId'], casing: 'none' },
        sk: { field: 'sk', composite: ['taskId'], casing: 'none' },
      },
      mine: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['tenantId', 'createdBy'], casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['taskId'], casing: 'none' },
      },
      mineByStatus: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: ['tenantId', 'createdBy', 'status'], casing: 'none' },
        sk: { field: 'gsi2sk', composite: ['taskId'], casing: 'none' },
      },
      byStatus: {
        index: 'gsi3',
        pk: { field: 'gsi3pk', composite: ['tenantId', 'status'], casing: 'none' },
        sk: { field: 'gsi3sk', composite: ['taskId'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type TaskItem = EntityItem<typeof TaskEntity>;
