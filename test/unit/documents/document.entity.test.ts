import { DocumentEntity } from '@assist-ten/core/documents/document.entity';
import { describe, expect, it } from 'vitest';

const DOCUMENT_ID = 'doc_01JABCDEFGHJKMNPQRSTVWXYZ0';
const OWNER_ID = 'cand_01JABCDEFGHJKMNPQRSTVWXYZ0';

interface QueryParams {
  IndexName?: string;
  ExpressionAttributeValues: Record<string, string>;
}

describe('DocumentEntity', () => {
  it('reads one document by a key holding the tenant and the id, case kept', () => {
    // Act
    const { Key } = DocumentEntity.get({ tenantId: 'tnt_Demo', documentId: DOCUMENT_ID }).params<{
      Key: { pk: string; sk: string };
    }>();

    // Assert
    expect(Key.pk).toContain('tnt_Demo');
    expect(Key.pk).toContain(DOCUMENT_ID);
  });

  it("lists an owner's documents on gsi1, in a partition of the tenant and the owner", () => {
    // Act
    const home = DocumentEntity.query.byOwner({ tenantId: 'tnt_demo', ownerId: OWNER_ID }).params<QueryParams>();
    const other = DocumentEntity.query.byOwner({ tenantId: 'tnt_acme', ownerId: OWNER_ID }).params<QueryParams>();

    // Assert
    expect(home.IndexName).toBe('gsi1');
    expect(home.ExpressionAttributeValues[':pk']).toContain('tnt_demo');
    expect(home.ExpressionAttributeValues[':pk']).toContain(OWNER_ID);
    expect(other.ExpressionAttributeValues[':pk']).not.toBe(home.ExpressionAttributeValues[':pk']);
  });
});
