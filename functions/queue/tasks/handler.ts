import { runCandidateExport } from '@assist-ten/core/candidates/candidate.export';
import { ExportMessage } from '@assist-ten/core/candidates/candidate.export.schema';
import { WorkEvent } from '@assist-ten/core/events/catalogue';
import { rematchFor } from '@assist-ten/core/matching/work';
import { logger } from '@assist-ten/lambda-kit/logger';
import { createSqsHandler } from '@assist-ten/lambda-kit/sqs/consumer';
import { runTask } from '@assist-ten/lambda-kit/sqs/task-runner';
import * as z from 'zod/mini';

const runExport = runTask({
  queue: 'tasks',
  taskOf: (message: ExportMessage) => message,
  run: (message) => runCandidateExport(message),
});

/**
 * Drains the tasks queue: background work nobody waits for in a request. A message is
 * either a background task a request created (it names its task) or a domain event the
 * relay routed here (EVENT_QUEUES): work the system does on a change, e.g. scoring matches.
 */
export const handler = createSqsHandler({
  queue: 'tasks',
  schema: z.union([WorkEvent, ExportMessage]),
  process: async (message, record) => {
    if ('eventId' in message) {
      const scored = await rematchFor(message);
      logger.info('Work event done', { eventType: message.type, eventId: message.eventId, scored });
      return;
    }
    await runExport(message, record);
  },
});
