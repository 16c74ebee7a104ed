import { FeatureFlagEntity } from '@assist-ten/core/platform/feature-flag.entity';
import { describe, expect, it } from 'vitest';

interface QueryParams {
  IndexName?: string;
  KeyConditionExpression: string;
  ExpressionAttributeValues: Record<string, string>;
}

const aFlag = (flagKey: string) =>
  FeatureFlagEntity.create({ flagKey, description: 'x', createdBy: 'usr_root', updatedBy: 'usr_root' }).params<{
    Item: Record<string, string>;
    ConditionExpression: string;
  }>();

describe('FeatureFlagEntity', () => {
  it('keeps every flag in one table partition, one item per key', () => {
    // Act
    const beta = aFlag('beta');
    const gamma = aFlag('gamma');

    // Assert
    expect(beta.Item.pk).toBe(gamma.Item.pk);
    expect(beta.Item.sk).not.toBe(gamma.Item.sk);
    expect(beta.Item.sk).toContain('beta');
  });

  it('creates with a condition that the key is not taken', () => {
    // Act
    const params = aFlag('beta');

    // Assert
    expect(params.ConditionExpression).toContain('attribute_not_exists');
  });

  it('reads every flag with a Query of that one partition, not a Scan', () => {
    // Act
    const params = FeatureFlagEntity.query.byKey({}).params<QueryParams>();

    // Assert
    expect(params.IndexName).toBeUndefined();
    expect(params.KeyConditionExpression).toContain('#pk = :pk');
    expect(params.ExpressionAttributeValues[':pk']).toBe(aFlag('beta').Item.pk);
  });

  it('lists by creation time on gsi1, so a descending Query is newest first', () => {
    // Act
    const item = aFlag('beta').Item;
    const params = FeatureFlagEntity.query.all({}).params<QueryParams>();

    // Assert
    expect(params.IndexName).toBe('gsi1');
    expect(params.ExpressionAttributeValues[':pk']).toBe(item.gsi1pk);
    const sortKey = item.gsi1sk ?? '';
    const createdAt = sortKey.indexOf(item.createdAt ?? '(none)');
    expect(createdAt).toBeGreaterThan(-1);
    expect(createdAt).toBeLessThan(sortKey.indexOf('beta'));
  });
});
