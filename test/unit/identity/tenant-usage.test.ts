import {
  claimAdmin,
  claimRequisition,
  claimSeat,
  limitReached,
  releaseAdmin,
  releaseRequisition,
  releaseSeat,
} from '@assist-ten/core/identity/tenant-usage';
import { ConflictError } from '@assist-ten/core/shared/errors';
import { describe, expect, it } from 'vitest';

interface UpdateParams {
  Key: { pk: string };
  UpdateExpression: string;
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
}

const paramsOf = (write: { params: object }) => write.params as UpdateParams;

describe('tenant usage writes', () => {
  it('claims a seat only while userCount < maxUsers, comparing the two attributes of the tenant item', () => {
    // Act
    const write = claimSeat('tnt_a', { admin: false });

    // Assert
    const params = paramsOf(write);
    expect(params.Key.pk).toContain('tnt_a');
    expect(params.ConditionExpression).toContain('#userCount < #maxUsers');
    expect(params.ConditionExpression).toContain('attribute_exists');
    expect(params.UpdateExpression).toContain('ADD #userCount');
    expect(params.UpdateExpression).not.toContain('#adminCount');
  });

  it('counts an admin seat in the same single update', () => {
    // Act
    const params = paramsOf(claimSeat('tnt_a', { admin: true }));

    // Assert
    expect(params.UpdateExpression).toMatch(/ADD .*#userCount.*#adminCount|ADD .*#adminCount.*#userCount/);
    expect(params.ExpressionAttributeValues).toMatchObject({ ':userCount_u0': 1, ':adminCount_u0': 1 });
  });

  it('releases an admin seat only if another admin remains, and says so when none does', () => {
    // Act
    const write = releaseSeat('tnt_a', { admin: true });

    // Assert
    const params = paramsOf(write);
    expect(params.ConditionExpression).toContain('#adminCount > :adminCount');
    expect(params.ExpressionAttributeValues).toMatchObject({ ':userCount_u0': -1, ':adminCount_u0': -1 });
    const error = write.onConditionFailed?.(undefined);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).extensions).toEqual({ reason: 'last_admin' });
  });

  it('releases a non-admin seat without a condition on admins', () => {
    // Act
    const params = paramsOf(releaseSeat('tnt_a', { admin: false }));

    // Assert
    expect(params.ConditionExpression).not.toContain('adminCount');
    expect(params.UpdateExpression).not.toContain('#adminCount');
  });

  it('names the limit and its value when the tenant is full, reading the value from the item as it was', () => {
    // Act
    const error = claimRequisition('tnt_a').onConditionFailed?.({ maxActiveRequisitions: { N: '10' } });

    // Assert
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).extensions).toEqual({ limit: 'maxActiveRequisitions', value: 10 });
    expect((error as ConflictError).errors).toEqual([
      { field: 'maxActiveRequisitions', code: 'limit_reached', message: 'At most 10 active requisitions' },
    ]);
  });

  it('still explains a reached limit whose value it could not read', () => {
    // Act
    const error = limitReached('maxUsers', undefined);

    // Assert
    expect(error.message).toContain('no more active users');
    expect(error.extensions).toEqual({ limit: 'maxUsers' });
  });

  it('gives requisitions and admin roles back without conditions that could block closing or demoting a non-last admin', () => {
    // Act
    const release = paramsOf(releaseRequisition('tnt_a'));
    const promote = paramsOf(claimAdmin('tnt_a'));
    const demote = paramsOf(releaseAdmin('tnt_a'));

    // Assert
    expect(release.ExpressionAttributeValues).toMatchObject({ ':activeRequisitionCount_u0': -1 });
    expect(release.ConditionExpression).not.toContain('<');
    expect(promote.ExpressionAttributeValues).toMatchObject({ ':adminCount_u0': 1 });
    expect(demote.ConditionExpression).toContain('#adminCount > :adminCount');
  });
});
