import { RequisitionEntity } from '@assist-ten/core/requisitions/requisition.entity';
import { assertCursorFor, withCursor } from '@assist-ten/core/shared/cursor';
import { ValidationError } from '@assist-ten/core/shared/errors';
import { describe, expect, it } from 'vitest';
import { thrownBy } from '../support/factories.ts';

const HOME_PARTITION = { attribute: 'gsi1pk', value: '$assist-ten#tenantid_tnt_demo' };

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

const aLastEvaluatedKey = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  pk: '$assist-ten#tenantid_tnt_demo#requisitionid_req_01jabcdefghjkmnpqrstvwxyz0',
  sk: '$requisition_1',
  gsi1pk: HOME_PARTITION.value,
  gsi1sk: '$requisition_1#createdat_2025-01-01T00:00:00.000Z',
  ...overrides,
});

const expectInvalidCursor = (error: unknown): void => {
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).statusCode).toBe(400);
  expect((error as ValidationError).errors).toEqual([
    expect.objectContaining({ field: 'cursor', code: 'invalid_cursor' }),
  ]);
};

describe('assertCursorFor', () => {
  it('accepts a cursor of key attributes from the partition the query reads', () => {
    // Arrange
    const cursor = encode(aLastEvaluatedKey());

    // Act
    const act = () => assertCursorFor(cursor, HOME_PARTITION);

    // Assert
    expect(act).not.toThrow();
  });

  it('accepts a cursor whose partition is the one a real list query reads', () => {
    // Arrange
    const params = RequisitionEntity.query
      .byStatus({ tenantId: 'tnt_demo', status: 'open' })
      .params<{ ExpressionAttributeValues: Record<string, string> }>();
    const partition = { attribute: 'gsi2pk', value: params.ExpressionAttributeValues[':pk'] ?? '' };
    const cursor = encode({ pk: 'p', sk: 's', gsi2pk: partition.value, gsi2sk: 'x' });

    // Act
    const act = () => assertCursorFor(cursor, partition);

    // Assert
    expect(partition.value).toContain('tnt_demo');
    expect(act).not.toThrow();
  });

  it.each([
    ['garbage characters', '!!!not-base64!!!'],
    ['an empty string', ''],
    ['base64url of text that is not JSON', Buffer.from('hello world').toString('base64url')],
    ['base64url of a JSON array', encode([HOME_PARTITION.value])],
    ['base64url of JSON null', encode(null)],
    ['base64url of a JSON string', encode(HOME_PARTITION.value)],
  ])('rejects %s', (_label, cursor) => {
    // Act
    const error = thrownBy(() => assertCursorFor(cursor, HOME_PARTITION));

    // Assert
    expectInvalidCursor(error);
  });

  it.each([
    ['a non-key attribute', { tenantId: 'tnt_demo' }],
    ['an attribute that only looks like a key', { gsi9pk: 'x' }],
    ['a numeric key value', { sk: 1 }],
    ['an oversized key value', { sk: 'x'.repeat(1025) }],
  ])('rejects a cursor that carries %s', (_label, extra) => {
    // Arrange
    const cursor = encode(aLastEvaluatedKey(extra));

    // Act
    const error = thrownBy(() => assertCursorFor(cursor, HOME_PARTITION));

    // Assert
    expectInvalidCursor(error);
  });

  it("rejects a cursor taken from another tenant's listing", () => {
    // Arrange
    const cursor = encode(aLastEvaluatedKey({ gsi1pk: '$assist-ten#tenantid_tnt_acme' }));

    // Act
    const error = thrownBy(() => assertCursorFor(cursor, HOME_PARTITION));

    // Assert
    expectInvalidCursor(error);
  });

  it('rejects a cursor from another index of the same tenant', () => {
    // Arrange
    const cursor = encode({ pk: 'p', sk: 's', gsi2pk: '$assist-ten#tenantid_tnt_demo#status_open', gsi2sk: 'x' });

    // Act
    const error = thrownBy(() => assertCursorFor(cursor, HOME_PARTITION));

    // Assert
    expectInvalidCursor(error);
  });

  it('does not reveal the rejected cursor content in the error', () => {
    // Arrange
    const cursor = encode(aLastEvaluatedKey({ gsi1pk: '$assist-ten#tenantid_secret_tenant' }));

    // Act
    const error = thrownBy(() => assertCursorFor(cursor, HOME_PARTITION)) as ValidationError;

    // Assert
    expect(error.message).not.toContain('secret_tenant');
    expect(JSON.stringify(error.errors)).not.toContain('secret_tenant');
  });
});

describe('withCursor', () => {
  const refused = (message: string) => Object.assign(new Error(message), { name: 'ValidationException' });

  it('turns a start key DynamoDB refuses into a 400 naming the cursor', async () => {
    // Act
    const error = await withCursor(() =>
      Promise.reject(refused('The provided starting key does not match the range key predicate')),
    ).catch((thrown: unknown) => thrown);

    // Assert
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors?.[0]).toMatchObject({ field: 'cursor', code: 'invalid_cursor' });
  });

  it('lets every other failure through as it is, and a good query answer', async () => {
    // Arrange
    const other = refused('One or more parameter values were invalid');

    // Act
    const error = await withCursor(() => Promise.reject(other)).catch((thrown: unknown) => thrown);
    const answer = await withCursor(() => Promise.resolve(42));

    // Assert
    expect(error).toBe(other);
    expect(answer).toBe(42);
  });
});
