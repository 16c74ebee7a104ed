import type { TransactWriteItemsCommandInput } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { principalOf } from '../../../infra/local/seed.ts';
import { findLocalUser } from '../../../infra/local/seed-data.ts';

// Loaded after the stack environment points the SDK at DynamoDB Local.
const { dynamoClient } = await import('@assist-ten/core/shared/db');
const { createRequisition, getRequisition, updateRequisition } = await import(
  '@assist-ten/core/requisitions/requisition.service'
);
const { AuditLogEntity } = await import('@assist-ten/core/platform/audit-log.entity');

const seeded = findLocalUser('recruiter@demo.test');
if (!seeded) throw new Error('seed user missing');
const recruiter = principalOf(seeded);

const SABOTAGE = 'sabotage-audit-write';

/**
 * Makes DynamoDB Local itself refuse the audit entry of the next transactions (its put now
 * requires the item to exist already), as if the audit write failed for any reason.
 */
const sabotageAuditWrites = () =>
  dynamoClient.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as Partial<TransactWriteItemsCommandInput>;
      for (const item of input.TransactItems ?? []) {
        // The document client hands its commands down marshalled or not, depending on the step.
        const entity: unknown = item.Put?.Item?.__edb_e__;
        const name = typeof entity === 'string' ? entity : (entity as { S?: string } | undefined)?.S;
        if (item.Put && name === 'auditlog')
          item.Put.ConditionExpression = 'attribute_exists(#pk) AND attribute_exists(#sk)';
      }
      return next(args);
    },
    { step: 'initialize', name: SABOTAGE },
  );

afterEach(() => {
  dynamoClient.middlewareStack.remove(SABOTAGE);
});

const historyOf = async (id: string) =>
  (await AuditLogEntity.query.byEntity({ tenantId: recruiter.tenantId, entityType: 'requisition', entityId: id }).go())
    .data;

describe('an audited change (DynamoDB Local)', () => {
  it('is written together with its audit entry', async () => {
    // Arrange
    const { id } = await createRequisition(recruiter, { title: 'Audited' });

    // Act
    await updateRequisition(recruiter, id, { title: 'Audited twice' });

    // Assert
    const history = await historyOf(id);
    expect(history.map((entry) => entry.action).sort()).toEqual(['requisition.created', 'requisition.updated']);
    expect(history.find((entry) => entry.action === 'requisition.updated')?.changes).toEqual([
      { field: 'title', before: 'Audited', after: 'Audited twice' },
    ]);
  });

  it('does not happen at all when its audit entry cannot be written', async () => {
    // Arrange
    const { id, version } = await createRequisition(recruiter, { title: 'Before' });
    sabotageAuditWrites();

    // Act
    const error = await updateRequisition(recruiter, id, { title: 'After' }).catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('TransactionCanceledException');
    dynamoClient.middlewareStack.remove(SABOTAGE);
    expect(await getRequisition(recruiter, id)).toMatchObject({ title: 'Before', version });
    expect((await historyOf(id)).map((entry) => entry.action)).toEqual(['requisition.created']);
  });

  it('does not create an object whose audit entry cannot be written', async () => {
    // Arrange
    sabotageAuditWrites();

    // Act
    const error = await createRequisition(recruiter, { title: 'Never' }, 'req_01JDEM000000000000000ZZZZZ').catch(
      (caught: unknown) => caught,
    );

    // Assert
    expect((error as Error).name).toBe('TransactionCanceledException');
    dynamoClient.middlewareStack.remove(SABOTAGE);
    const lookup = await getRequisition(recruiter, 'req_01JDEM000000000000000ZZZZZ').catch((caught: unknown) => caught);
    expect((lookup as Error).name).toBe('NotFoundError');
  });
});
