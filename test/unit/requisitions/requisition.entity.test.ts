import { RequisitionEntity } from '@assist-ten/core/requisitions/requisition.entity';
import { describe, expect, it } from 'vitest';

const HOME = 'tnt_demo';
const OTHER = 'tnt_acme';
const REQUISITION_ID = 'req_01JABCDEFGHJKMNPQRSTVWXYZ0';

interface QueryParams {
  KeyConditionExpression?: string;
  IndexName?: string;
  TableName?: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, string>;
}

/** Each list access pattern, as the query it builds for one tenant. */
const LIST_PATTERNS = [
  {
    name: 'byTenant',
    index: 'gsi1',
    partitionAttribute: 'gsi1pk',
    build: (tenantId: string) => RequisitionEntity.query.byTenant({ tenantId }).params<QueryParams>(),
  },
  {
    name: 'byStatus',
    index: 'gsi2',
    partitionAttribute: 'gsi2pk',
    build: (tenantId: string) => RequisitionEntity.query.byStatus({ tenantId, status: 'open' }).params<QueryParams>(),
  },
  {
    name: 'byCreator',
    index: 'gsi3',
    partitionAttribute: 'gsi3pk',
    build: (tenantId: string) =>
      RequisitionEntity.query.byCreator({ tenantId, createdBy: 'usr_alice' }).params<QueryParams>(),
  },
  {
    name: 'byHiringManager',
    index: 'gsi4',
    partitionAttribute: 'gsi4pk',
    build: (tenantId: string) =>
      RequisitionEntity.query.byHiringManager({ tenantId, managerIndexKey: 'usr_bob' }).params<QueryParams>(),
  },
] as const;

describe('RequisitionEntity', () => {
  describe('get by id', () => {
    it('reads one item of the configured table whose partition key holds the tenant and the id', () => {
      // Act
      const params = RequisitionEntity.get({ tenantId: HOME, requisitionId: REQUISITION_ID }).params<{
        Key: { pk: string; sk: string };
        TableName: string;
      }>();

      // Assert
      expect(params.TableName).toBe('offline-table');
      expect(params.Key.pk).toContain(HOME);
      expect(params.Key.pk.toUpperCase()).toContain(REQUISITION_ID.toUpperCase());
      expect(typeof params.Key.sk).toBe('string');
    });

    it('gives the same requisition id a different key in another tenant', () => {
      // Act
      const home = RequisitionEntity.get({ tenantId: HOME, requisitionId: REQUISITION_ID }).params<{
        Key: { pk: string };
      }>();
      const other = RequisitionEntity.get({ tenantId: OTHER, requisitionId: REQUISITION_ID }).params<{
        Key: { pk: string };
      }>();

      // Assert
      expect(home.Key.pk).not.toBe(other.Key.pk);
    });
  });

  describe.each(LIST_PATTERNS)('$name', ({ index, partitionAttribute, build }) => {
    it(`is a Query on ${index} keyed by its partition attribute`, () => {
      // Act
      const params = build(HOME);

      // Assert
      expect(params.KeyConditionExpression).toEqual(expect.stringContaining('#pk = :pk'));
      expect(params.IndexName).toBe(index);
      expect(params.TableName).toBe('offline-table');
      expect(params.ExpressionAttributeNames['#pk']).toBe(partitionAttribute);
    });

    it('puts the tenant id in the partition value', () => {
      // Act
      const params = build(HOME);

      // Assert
      expect(params.ExpressionAttributeValues[':pk']).toContain(HOME);
    });

    it('reads a different partition for another tenant', () => {
      // Act
      const home = build(HOME).ExpressionAttributeValues[':pk'];
      const other = build(OTHER).ExpressionAttributeValues[':pk'];

      // Assert
      expect(home).toBeDefined();
      expect(other).toBeDefined();
      expect(home).not.toBe(other);
    });
  });

  it('reads a different partition per status, creator and hiring manager within one tenant', () => {
    // Act
    const pk = (params: QueryParams) => params.ExpressionAttributeValues[':pk'];
    const open = pk(RequisitionEntity.query.byStatus({ tenantId: HOME, status: 'open' }).params<QueryParams>());
    const draft = pk(RequisitionEntity.query.byStatus({ tenantId: HOME, status: 'draft' }).params<QueryParams>());
    const alice = pk(
      RequisitionEntity.query.byCreator({ tenantId: HOME, createdBy: 'usr_alice' }).params<QueryParams>(),
    );
    const carol = pk(
      RequisitionEntity.query.byCreator({ tenantId: HOME, createdBy: 'usr_carol' }).params<QueryParams>(),
    );
    const bob = pk(
      RequisitionEntity.query.byHiringManager({ tenantId: HOME, managerIndexKey: 'usr_bob' }).params<QueryParams>(),
    );
    const dave = pk(
      RequisitionEntity.query.byHiringManager({ tenantId: HOME, managerIndexKey: 'usr_dave' }).params<QueryParams>(),
    );

    // Assert
    expect(open).not.toBe(draft);
    expect(alice).not.toBe(carol);
    expect(bob).not.toBe(dave);
  });
});

describe('RequisitionEntity key casing', () => {
  const pkOf = (params: { ExpressionAttributeValues: Record<string, string> }) =>
    params.ExpressionAttributeValues[':pk'];

  it('keeps tenants whose ids differ only in letter case in different partitions', () => {
    const upper = RequisitionEntity.query
      .byTenant({ tenantId: 'Acme' })
      .params<{ ExpressionAttributeValues: Record<string, string> }>();
    const lower = RequisitionEntity.query
      .byTenant({ tenantId: 'acme' })
      .params<{ ExpressionAttributeValues: Record<string, string> }>();

    expect(pkOf(upper)).toContain('Acme');
    expect(pkOf(upper)).not.toBe(pkOf(lower));
  });

  it('keeps hiring managers whose ids differ only in letter case apart', () => {
    const upper = RequisitionEntity.query
      .byHiringManager({ tenantId: 'tnt_demo', managerIndexKey: 'Bob' })
      .params<{ ExpressionAttributeValues: Record<string, string> }>();
    const lower = RequisitionEntity.query
      .byHiringManager({ tenantId: 'tnt_demo', managerIndexKey: 'bob' })
      .params<{ ExpressionAttributeValues: Record<string, string> }>();

    expect(pkOf(upper)).not.toBe(pkOf(lower));
  });
});
