import { EvaluateSessionMessage } from '@assist-ten/core/proctoring/evaluation.message';
import { evaluateSession } from '@assist-ten/core/proctoring/evaluation.service';
import { processSnapshotObject } from '@assist-ten/core/proctoring/snapshot-processing';
import { ObjectCreatedEvent } from '@assist-ten/core/shared/object-created';
import { QUEUES } from '@assist-ten/core/shared/queues';
import { logger } from '@assist-ten/lambda-kit/logger';
import { createSqsHandler } from '@assist-ten/lambda-kit/sqs/consumer';
import * as z from 'zod/mini';

const { maxReceiveCount } = QUEUES.find((queue) => queue.name === 'proctoring') ?? { maxReceiveCount: 1 };

/**
 * Drains the proctoring queue: snapshots S3 announces (checked, analysed, attached to their
 * session) and requests to evaluate a session (severities, integrity score, flag).
 */
export const handler = createSqsHandler({
  queue: 'proctoring',
  schema: z.union([EvaluateSessionMessage, ObjectCreatedEvent]),
  process: async (message, record) => {
    if ('kind' in message) {
      const report = await evaluateSession(message.tenantId, message.testSessionId, message.eventIds, record.messageId);
      logger.info('Proctoring session evaluated', { ...report });
      return;
    }
    const { error, ...report } = await processSnapshotObject(message, {
      receiveCount: Number(record.attributes.ApproximateReceiveCount),
      maxReceiveCount,
    });
    if (error) logger.error('Snapshot processing failed on its last attempt', { ...report, error });
    else logger.info('Snapshot handled', { ...report });
  },
});
