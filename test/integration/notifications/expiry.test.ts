import { NotificationEntity } from '@assist-ten/core/notifications/notification.entity';
import { createNotification } from '@assist-ten/core/notifications/notification.service';
import { documentClient } from '@assist-ten/core/shared/db';
import { newId } from '@assist-ten/core/shared/ids';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler } from '../../../functions/stream/table/handler.ts';
import { ownerOf, unreadOf } from '../../support/inbox.ts';
import { freshRecipient } from '../../support/recipients.ts';
import { HOME } from '../../support/users.ts';
import { whoIs } from '../../support/whoami.ts';

/**
 * DynamoDB's TTL removing an unread notification, as the table stream reports it (DynamoDB
 * Local does not expire items by itself): the unread count drops once per notification.
 */
const ttlRemoval = (image: Record<string, unknown>, sequence: string): DynamoDBRecord => ({
  eventName: 'REMOVE',
  userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' },
  dynamodb: { SequenceNumber: sequence, OldImage: marshall(image, { removeUndefinedValues: true }) as never },
});

describe('expired notifications on the table stream', () => {
  it('lower the unread count once, even when the stream delivers the removal twice', async () => {
    // Arrange
    const { tenantId } = await whoIs(HOME.recruiter);
    const recipient = await freshRecipient(tenantId);
    const made = await Promise.all(
      [1, 2].map(() =>
        createNotification({
          tenantId,
          userId: recipient.userId,
          notificationId: newId('notification'),
          type: 'system',
          title: 'Maintenance tonight',
          message: 'The platform is read-only from 22:00 to 23:00 UTC.',
          priority: 'normal',
        }),
      ),
    );
    const [expiring] = made;
    const key = { tenantId, userId: recipient.userId, notificationId: expiring?.notification.id ?? '' };
    // The item as stored, as the stream's old image carries it.
    const { Item: image = {} } = await documentClient.send(
      new GetCommand(NotificationEntity.get(key).params<{ TableName: string; Key: Record<string, string> }>()),
    );
    const owner = ownerOf(tenantId, recipient.userId);
    expect(await unreadOf(owner)).toBe(2);

    // Act
    const first = await handler({ Records: [ttlRemoval(image, '1')] }, {} as Context);
    const again = await handler({ Records: [ttlRemoval(image, '2')] }, {} as Context);

    // Assert
    expect(first).toEqual({ batchItemFailures: [] });
    expect(again).toEqual({ batchItemFailures: [] });
    expect(await unreadOf(owner)).toBe(1);
  });
});
