import { analyseDocument, documentUnusable } from '@assist-ten/core/documents/analysis';
import { processUpload } from '@assist-ten/core/documents/processing';
import { ObjectCreatedEvent } from '@assist-ten/core/shared/object-created';
import { QUEUES } from '@assist-ten/core/shared/queues';
import { logger } from '@assist-ten/lambda-kit/logger';
import { createSqsHandler } from '@assist-ten/lambda-kit/sqs/consumer';

const { maxReceiveCount } = QUEUES.find((queue) => queue.name === 'documents') ?? { maxReceiveCount: 1 };

/** Drains the documents queue: one uploaded file per message, checked, read and analysed. */
export const handler = createSqsHandler({
  queue: 'documents',
  schema: ObjectCreatedEvent,
  process: async (event, record) => {
    const { error, taskError, ...report } = await processUpload(event, {
      analyse: analyseDocument,
      unusable: documentUnusable,
      receiveCount: Number(record.attributes.ApproximateReceiveCount),
      maxReceiveCount,
    });
    if (taskError) logger.warn('Document task not brought up to date', { ...report, error: taskError });
    if (error) logger.error('Document processing failed on its last attempt', { ...report, error });
    else logger.info('Document upload handled', report);
  },
});
