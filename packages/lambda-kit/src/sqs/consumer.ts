import { createHash } from 'node:crypto';
import { ValidationError } from '@assist-ten/core/shared/errors';
import { abandonIdempotent, beginIdempotent, completeIdempotent } from '@assist-ten/core/shared/idempotency';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type * as z from 'zod/mini';
import { logger } from '../logger.ts';

export interface ConsumerOptions<S extends z.ZodMiniType> {
  /** The queue's name, which also scopes its idempotency records. */
  queue: string;
  /** Every message body must parse as JSON and match this schema. */
  schema: S;
  /** Does the work of one message; throwing fails this record only. */
  process: (message: z.output<S>, record: SQSRecord) => Promise<void>;
  /** What makes two deliveries the same work (default: the SQS message id). */
  idempotencyKey?: (message: z.output<S>, record: SQSRecord) => string;
}

/** Messages of the system itself belong to no tenant; their idempotency records share this partition. */
const SYSTEM_TENANT = '_system';

const parseRecord = <S extends z.ZodMiniType>(schema: S, record: SQSRecord): z.output<S> => {
  let json: unknown;
  try {
    json = JSON.parse(record.body);
  } catch (error) {
    throw new ValidationError(`Message ${record.messageId} is not JSON.`, { cause: error });
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    throw new ValidationError(`Message ${record.messageId} does not match its schema.`, { cause: result.error });
  }
  return result.data;
};

/**
 * The Lambda handler of one SQS consumer: each record is parsed, validated and processed
 * on its own; failures are reported per record (ReportBatchItemFailures) so only they are
 * retried, and after the queue's maxReceiveCount they land in its DLQ. A record whose work
 * already completed (a redelivery) is acknowledged without doing it again.
 */
export const createSqsHandler = <S extends z.ZodMiniType>(options: ConsumerOptions<S>) => {
  const processor = new BatchProcessor(EventType.SQS);
  const handleRecord = async (record: SQSRecord): Promise<void> => {
    const message = parseRecord(options.schema, record);
    const id = {
      tenantId: SYSTEM_TENANT,
      scope: `queue:${options.queue}`,
      key: options.idempotencyKey?.(message, record) ?? record.messageId,
    };
    const fingerprint = createHash('sha256').update(record.body).digest('hex');
    const started = await beginIdempotent(id, fingerprint);
    if (started.kind === 'replay') {
      logger.info('Skipping a message already processed', { messageId: record.messageId, key: id.key });
      return;
    }
    try {
      await options.process(message, record);
    } catch (error) {
      await abandonIdempotent(id);
      logger.warn('Message failed', { messageId: record.messageId, error });
      throw error;
    }
    await completeIdempotent(id, { statusCode: 200, body: '', headers: {} });
  };
  return middy<SQSEvent, SQSBatchResponse>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler((event, context) =>
      processPartialResponse(event, handleRecord, processor, { context, throwOnFullBatchFailure: false }),
    );
};
