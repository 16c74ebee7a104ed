import { OUTBOX_ENTITY, OutboxEventEntity, type OutboxEventItem } from '@assist-ten/core/events/outbox.entity';
import { relayEvents } from '@assist-ten/core/events/relay';
import { NOTIFICATION_ENTITY, NotificationEntity } from '@assist-ten/core/notifications/notification.entity';
import { onNotificationExpired } from '@assist-ten/core/notifications/notification.service';
import { deleteExpiredSnapshot, SNAPSHOT_ENTITY } from '@assist-ten/core/proctoring/snapshot-retention';
import { logger } from '@assist-ten/lambda-kit/logger';
import { entityOf, type Image, imageOf, isTtlRemoval } from '@assist-ten/lambda-kit/stream/records';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

type Work =
  | { kind: 'relay'; record: DynamoDBRecord; event: OutboxEventItem }
  | { kind: 'expired'; record: DynamoDBRecord; image: Image }
  | { kind: 'snapshot_expired'; record: DynamoDBRecord; image: Image };

/** The records this function acts on; CDK's event filter passes only these on AWS. */
const workOf = (record: DynamoDBRecord): Work | undefined => {
  if (record.eventName === 'INSERT') {
    const image = imageOf(record.dynamodb?.NewImage);
    if (entityOf(image) !== OUTBOX_ENTITY) return undefined;
    const { data } = OutboxEventEntity.parse({ Item: image });
    return data ? { kind: 'relay', record, event: data } : undefined;
  }
  if (record.eventName === 'REMOVE' && isTtlRemoval(record)) {
    const image = imageOf(record.dynamodb?.OldImage);
    const entity = entityOf(image);
    if (entity === NOTIFICATION_ENTITY) return { kind: 'expired', record, image };
    return entity === SNAPSHOT_ENTITY ? { kind: 'snapshot_expired', record, image } : undefined;
  }
  return undefined;
};

const expire = async (image: Image): Promise<boolean> => {
  const { data } = NotificationEntity.parse({ Item: image });
  if (!data) return true;
  try {
    await onNotificationExpired(data);
    return true;
  } catch (error) {
    logger.error('Could not account for an expired notification', { notificationId: data.notificationId, error });
    return false;
  }
};

const expireSnapshot = async (image: Image): Promise<boolean> => {
  try {
    await deleteExpiredSnapshot(image);
    return true;
  } catch (error) {
    logger.error('Could not delete an expired snapshot image', { snapshotId: image.snapshotId, error });
    return false;
  }
};

/**
 * The table's change stream: relays outbox events to their queue, keeps unread counters
 * right when TTL removes an unread notification, and deletes a snapshot's image when TTL
 * removes the snapshot (its tenant's retention ended). A record that fails is reported
 * with its sequence number; Lambda then retries the shard from it, so nothing after it is
 * lost and what was already sent may be sent again (consumers are idempotent).
 */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const work = event.Records.map(workOf).filter((item) => item !== undefined);
    const relayed = work.filter((item) => item.kind === 'relay');
    const { failed, errors } = await relayEvents(relayed.map((item) => item.event));
    if (errors.length) logger.error('Some events were not relayed; the stream retries them', { errors });
    const failedRecords = new Set<DynamoDBRecord>(
      relayed.filter((item) => failed.has(item.event.eventId)).map((item) => item.record),
    );
    for (const item of work) {
      if (item.kind === 'expired' && !(await expire(item.image))) failedRecords.add(item.record);
      if (item.kind === 'snapshot_expired' && !(await expireSnapshot(item.image))) failedRecords.add(item.record);
    }
    const first = event.Records.find((record) => failedRecords.has(record));
    logger.info('Stream batch handled', { records: event.Records.length, relayed: relayed.length - failed.size });
    return {
      batchItemFailures: first?.dynamodb?.SequenceNumber ? [{ itemIdentifier: first.dynamodb.SequenceNumber }] : [],
    };
  });
