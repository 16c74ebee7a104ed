import { randomBytes } from 'node:crypto';
import { UnauthorizedError } from '@assist-ten/core/shared/errors';
import { newId } from '@assist-ten/core/shared/ids';
import { localTokenSigner } from '@assist-ten/core/test-sessions/local-token-signer';
import { RefreshFamilyEntity, RefreshTokenEntity } from '@assist-ten/core/test-sessions/refresh-token.entity';
import { isFamilyRevoked, rotateRefreshToken, startFamily } from '@assist-ten/core/test-sessions/refresh-token.service';
import { hashSecret, newSecret, parseRefreshToken } from '@assist-ten/core/test-sessions/token-secrets';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';

const dynamo = mockClient(DynamoDBDocumentClient);
afterEach(() => dynamo.reset());

const signer = localTokenSigner(randomBytes(32));
const TENANT = 'tnt_01JDEM00000000000000000001';
const FAMILY = newId('refreshFamily');

const aSession = () => ({
  tenantId: TENANT,
  testSessionId: newId('testSession'),
  assessmentId: newId('assessment'),
  candidateId: newId('candidate'),
});

describe('RefreshFamilyEntity and RefreshTokenEntity', () => {
  it('keep a family in one partition of its tenant: the head at a fixed sort key, each token under its id', () => {
    // Arrange
    const tokenId = newId('refreshToken');

    // Act
    const head = RefreshFamilyEntity.get({ tenantId: TENANT, familyId: FAMILY }).params<{
      Key: Record<string, string>;
    }>();
    const token = RefreshTokenEntity.get({ tenantId: TENANT, familyId: FAMILY, tokenId }).params<{
      Key: Record<string, string>;
    }>();

    // Assert
    expect(head.Key.pk).toBe(token.Key.pk);
    expect(head.Key.pk).toBe(`$assist-ten#tenantId_${TENANT}#familyId_${FAMILY}`);
    expect(head.Key.sk).toBe('$refresh_family_1');
    expect(token.Key.sk).toBe(`$refresh_token_1#tokenId_${tokenId}`);
  });

  it('read the tokens of a family with one Query of the table, tokens only, never a Scan', () => {
    // Act
    const params = RefreshTokenEntity.query.byFamily({ tenantId: TENANT, familyId: FAMILY }).params<{
      IndexName?: string;
      KeyConditionExpression: string;
      ExpressionAttributeValues: Record<string, string>;
    }>();

    // Assert
    expect(params.IndexName).toBeUndefined();
    expect(params.KeyConditionExpression).toContain('begins_with');
    expect(Object.values(params.ExpressionAttributeValues)).toEqual(
      expect.arrayContaining([`$assist-ten#tenantId_${TENANT}#familyId_${FAMILY}`, '$refresh_token_1#tokenId_']),
    );
  });
});

describe('startFamily', () => {
  it('writes the head and the first token in one transaction, storing hashes and never the secret', async () => {
    // Arrange
    dynamo.on(TransactWriteCommand).resolves({});
    const session = aSession();

    // Act
    const tokens = await startFamily(session, { lifetimeSeconds: 3_600 }, { signer });

    // Assert
    const calls = dynamo.commandCalls(TransactWriteCommand);
    expect(calls).toHaveLength(1);
    const items = calls[0]?.args[0].input.TransactItems ?? [];
    expect(items.map((item) => Object.keys(item)[0])).toEqual(['Put', 'Put']);
    const secret = parseRefreshToken(tokens.refreshToken)?.secret ?? 'unparsed';
    const written = JSON.stringify(items);
    expect(written).not.toContain(secret);
    expect(written).not.toContain(tokens.accessToken);
    expect(items[0]?.Put?.Item).toMatchObject({
      ...session,
      familyId: tokens.familyId,
      currentTokenHash: hashSecret(secret),
      validUntil: tokens.refreshTokenExpiresAt,
      rotations: 0,
    });
    expect(items[1]?.Put?.Item).toMatchObject({ familyId: tokens.familyId, tokenHash: hashSecret(secret) });
  });

  it('expires the items a day after the family ends, through the table TTL (epoch seconds)', async () => {
    // Arrange
    dynamo.on(TransactWriteCommand).resolves({});

    // Act
    const tokens = await startFamily(aSession(), { lifetimeSeconds: 3_600 }, { signer });

    // Assert
    const items = dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    const end = Math.floor(Date.parse(tokens.refreshTokenExpiresAt) / 1000);
    for (const item of items) expect(item.Put?.Item?.expiresAt).toBe(end + 86_400);
  });

  it('refuses a lifetime of less than a second before writing anything', async () => {
    // Act
    const error = await startFamily(aSession(), { lifetimeSeconds: 0 }, { signer }).catch((caught: unknown) => caught);

    // Assert
    expect((error as Error).message).toMatch(/lifetime/);
    expect(dynamo.calls()).toHaveLength(0);
  });
});

describe('rotateRefreshToken', () => {
  it.each([
    ['garbage', 'not-a-token'],
    ['an access token', 'eyJhbGciOiJFUzI1NiJ9.e30.sig'],
    ['an empty string', ''],
  ])('refuses %s with a 401 without reading the table', async (_label, presented) => {
    // Act
    const error = await rotateRefreshToken(presented, { signer }).catch((caught: unknown) => caught);

    // Assert
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('refuses a well-formed token of a family that does not exist, after one consistent read', async () => {
    // Arrange
    dynamo.on(GetCommand).resolves({});

    // Act
    const error = await rotateRefreshToken(`${TENANT}.${FAMILY}.${'A'.repeat(43)}`, { signer }).catch(
      (caught: unknown) => caught,
    );

    // Assert
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(dynamo.commandCalls(GetCommand)[0]?.args[0].input.ConsistentRead).toBe(true);
    expect(dynamo.commandCalls(QueryCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});

describe('rotateRefreshToken when another rotation commits first', () => {
  const secret = newSecret();
  const head = {
    ...aSession(),
    familyId: FAMILY,
    currentTokenId: newId('refreshToken'),
    currentTokenHash: hashSecret(secret),
    rotations: 0,
    validUntil: new Date(Date.now() + 3_600_000).toISOString(),
    expiresAt: Math.floor(Date.now() / 1000) + 90_000,
    createdAt: '2026-03-01T10:00:00.000Z',
    updatedAt: '2026-03-01T10:00:00.000Z',
    __edb_e__: 'refresh_family',
    __edb_v__: '1',
  };

  it('loses on the condition of its transaction, revokes the family and answers 401', async () => {
    // Arrange: both read the same head; the other rotation's transaction is already in.
    dynamo.on(GetCommand).resolves({ Item: head });
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(
        new TransactionCanceledException({
          message: 'Transaction cancelled',
          $metadata: {},
          CancellationReasons: [
            { Code: 'ConditionalCheckFailed' },
            { Code: 'None' },
            { Code: 'ConditionalCheckFailed' },
          ],
        }),
      )
      .resolves({});

    // Act
    const error = await rotateRefreshToken(`${TENANT}.${FAMILY}.${secret}`, { signer, requestId: 'req-42' }).catch(
      (caught: unknown) => caught,
    );

    // Assert
    expect(error).toBeInstanceOf(UnauthorizedError);
    const writes = dynamo.commandCalls(TransactWriteCommand).map((call) => call.args[0].input.TransactItems ?? []);
    expect(writes).toHaveLength(2);
    const [revocation, audit] = writes[1] ?? [];
    expect(revocation?.Update?.ConditionExpression).toContain('attribute_not_exists');
    expect(JSON.stringify(revocation?.Update?.ExpressionAttributeValues)).toContain('reuse_detected');
    expect(audit?.Put?.Item).toMatchObject({ action: 'refresh_family.revoked', entityId: FAMILY, requestId: 'req-42' });
  });
});

describe('isFamilyRevoked', () => {
  it('reads the head strongly consistently, and counts a missing family as revoked', async () => {
    // Arrange
    dynamo.on(GetCommand).resolves({});

    // Act
    const revoked = await isFamilyRevoked(TENANT, FAMILY);

    // Assert
    expect(revoked).toBe(true);
    expect(dynamo.commandCalls(GetCommand)[0]?.args[0].input).toMatchObject({ ConsistentRead: true });
  });
});
