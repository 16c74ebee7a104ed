import { randomUUID } from 'node:crypto';
import { matchesWildcard, type ObjectCreatedEvent } from '@assist-ten/core/shared/object-created';
import { QUEUES } from '@assist-ten/core/shared/queues';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { CreatedObject } from './emulators/s3.ts';
import type { LocalEmulators } from './emulators.ts';

const toEvent = (object: CreatedObject): ObjectCreatedEvent => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Object Created',
  source: 'aws.s3',
  account: '000000000000',
  time: object.time,
  region: 'us-east-1',
  resources: [`arn:aws:s3:::${object.bucket}`],
  detail: {
    version: '0',
    bucket: { name: object.bucket },
    object: { key: object.key, size: object.size, etag: object.etag },
    'request-id': randomUUID(),
    requester: '000000000000',
    'source-ip-address': object.sourceIp,
    reason: object.reason,
  },
});

/**
 * What the bucket's EventBridge rules do on AWS: each object created whose key matches a
 * queue's `objectCreatedKeyPattern` becomes an "Object Created" message on that queue.
 */
export const relayObjectCreated = (
  emulators: Pick<LocalEmulators, 'onObjectCreated' | 'queues'>,
  sqs: SQSClient,
  log: (line: string) => void = () => undefined,
): void => {
  emulators.onObjectCreated((object) => {
    for (const queue of QUEUES) {
      if (!('objectCreatedKeyPattern' in queue) || !matchesWildcard(queue.objectCreatedKeyPattern, object.key))
        continue;
      sqs
        .send(
          new SendMessageCommand({
            QueueUrl: emulators.queues[queue.name].url,
            MessageBody: JSON.stringify(toEvent(object)),
          }),
        )
        .then(
          () => log(`s3 ${object.key} -> ${queue.name} queue`),
          (error: unknown) => log(`s3 ${object.key}: relay to ${queue.name} failed: ${String(error)}`),
        );
    }
  });
};
