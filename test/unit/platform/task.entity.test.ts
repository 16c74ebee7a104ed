import { TaskEntity } from '@assist-ten/core/platform/task.entity';
import { describe, expect, it } from 'vitest';

const HOME = 'tnt_demo';
const OTHER = 'tnt_acme';
const TASK_ID = 'task_01JABCDEFGHJKMNPQRSTVWXYZ0';

interface QueryParams {
  KeyConditionExpression?: string;
  IndexName?: string;
  TableName?: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, string>;
}

interface UpdateParams {
  Key: { pk: string; sk: string };
  UpdateExpression: string;
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
}

/** Each list access pattern, as the query it builds for one tenant. */
const LIST_PATTERNS = [
  {
    name: 'byId (every task of the tenant)',
    index: undefined,
    partitionAttribute: 'pk',
    build: (tenantId: string) => TaskEntity.query.byId({ tenantId }).params<QueryParams>(),
  },
  {
    name: 'mine',
    index: 'gsi1',
    partitionAttribute: 'gsi1pk',
    build: (tenantId: string) => TaskEntity.query.mine({ tenantId, createdBy: 'usr_alice' }).params<QueryParams>(),
  },
  {
    name: 'mineByStatus',
    index: 'gsi2',
    partitionAttribute: 'gsi2pk',
    build: (tenantId: string) =>
      TaskEntity.query.mineByStatus({ tenantId, createdBy: 'usr_alice', status: 'running' }).params<QueryParams>(),
  },
  {
    name: 'byStatus',
    index: 'gsi3',
    partitionAttribute: 'gsi3pk',
    build: (tenantId: string) => TaskEntity.query.byStatus({ tenantId, status: 'running' }).params<QueryParams>(),
  },
] as const;

const pk = (params: QueryParams) => params.ExpressionAttributeValues[':pk'];

describe('TaskEntity', () => {
  describe('get by id', () => {
    it('reads one item of the configured table: the tenant in the partition key, the id in the sort key', () => {
      // Act
      const params = TaskEntity.get({ tenantId: HOME, taskId: TASK_ID }).params<{
        Key: { pk: string; sk: string };
        TableName: string;
      }>();

      // Assert
      expect(params.TableName).toBe('offline-table');
      expect(params.Key.pk).toContain(HOME);
      expect(params.Key.sk).toContain(TASK_ID);
    });

    it('gives the same task id a different key in another tenant', () => {
      // Act
      const home = TaskEntity.get({ tenantId: HOME, taskId: TASK_ID }).params<{ Key: { pk: string } }>();
      const other = TaskEntity.get({ tenantId: OTHER, taskId: TASK_ID }).params<{ Key: { pk: string } }>();

      // Assert
      expect(home.Key.pk).not.toBe(other.Key.pk);
    });
  });

  describe.each(LIST_PATTERNS)('$name', ({ index, partitionAttribute, build }) => {
    it(`is a Query on ${index ?? 'the table'} keyed by its partition attribute`, () => {
      // Act
      const params = build(HOME);

      // Assert
      expect(params.KeyConditionExpression).toEqual(expect.stringContaining('#pk = :pk'));
      expect(params.IndexName).toBe(index);
      expect(params.TableName).toBe('offline-table');
      expect(params.ExpressionAttributeNames['#pk']).toBe(partitionAttribute);
    });

    it('puts the tenant id in the partition value, and reads another partition for another tenant', () => {
      // Act
      const home = pk(build(HOME));
      const other = pk(build(OTHER));

      // Assert
      expect(home).toContain(HOME);
      expect(other).toBeDefined();
      expect(home).not.toBe(other);
    });
  });

  it('reads a different partition per creator and per status within one tenant', () => {
    // Act
    const alice = pk(TaskEntity.query.mine({ tenantId: HOME, createdBy: 'usr_alice' }).params<QueryParams>());
    const carol = pk(TaskEntity.query.mine({ tenantId: HOME, createdBy: 'usr_carol' }).params<QueryParams>());
    const running = pk(TaskEntity.query.byStatus({ tenantId: HOME, status: 'running' }).params<QueryParams>());
    const failed = pk(TaskEntity.query.byStatus({ tenantId: HOME, status: 'failed' }).params<QueryParams>());
    const aliceRunning = pk(
      TaskEntity.query
        .mineByStatus({ tenantId: HOME, createdBy: 'usr_alice', status: 'running' })
        .params<QueryParams>(),
    );
    const carolRunning = pk(
      TaskEntity.query
        .mineByStatus({ tenantId: HOME, createdBy: 'usr_carol', status: 'running' })
        .params<QueryParams>(),
    );

    // Assert
    expect(alice).not.toBe(carol);
    expect(running).not.toBe(failed);
    expect(aliceRunning).not.toBe(carolRunning);
  });

  it('keeps creators whose ids differ only in letter case apart', () => {
    // Act
    const upper = pk(TaskEntity.query.mine({ tenantId: HOME, createdBy: 'usr_Bob' }).params<QueryParams>());
    const lower = pk(TaskEntity.query.mine({ tenantId: HOME, createdBy: 'usr_bob' }).params<QueryParams>());

    // Assert
    expect(upper).toContain('usr_Bob');
    expect(upper).not.toBe(lower);
  });

  it('rebuilds both status index keys on a status change, from the key and the creator, without a read', () => {
    // Act
    const params = TaskEntity.patch({ tenantId: HOME, taskId: TASK_ID })
      .set({ status: 'succeeded', updatedBy: 'system' })
      .composite({ createdBy: 'usr_alice' })
      .params<UpdateParams>();

    // Assert
    const values = Object.values(params.ExpressionAttributeValues).map(String);
    expect(params.UpdateExpression).toContain('#gsi2pk');
    expect(params.UpdateExpression).toContain('#gsi3pk');
    expect(values.some((value) => value.includes('usr_alice') && value.includes('succeeded'))).toBe(true);
    // The creator given for the key must be the stored one, or the index would file the task under someone else.
    expect(params.ConditionExpression).toContain('#createdBy');
  });

  it('refuses a status change without the creator, which the mine-by-status key needs', () => {
    // Act
    const build = () =>
      TaskEntity.patch({ tenantId: HOME, taskId: TASK_ID }).set({ status: 'running', updatedBy: 'system' }).params();

    // Assert
    expect(build).toThrow(/createdBy/);
  });

  it('writes a new task with every index key and its TTL', () => {
    // Act
    const { Item } = TaskEntity.create({
      tenantId: HOME,
      taskId: TASK_ID,
      kind: 'data_export',
      progress: { done: 0 },
      expiresAt: 1_800_000_000,
      createdBy: 'usr_alice',
      updatedBy: 'usr_alice',
    }).params<{ Item: Record<string, unknown> }>();

    // Assert
    expect(Item).toMatchObject({ status: 'queued', attempts: 0, version: 1, expiresAt: 1_800_000_000 });
    for (const key of ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk']) {
      expect(Item[key], key).toEqual(expect.any(String));
    }
    expect(Item.gsi4pk).toBeUndefined();
  });
});
