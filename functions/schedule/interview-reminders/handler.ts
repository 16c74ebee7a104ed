import { sweepDueReminders } from '@assist-ten/core/interviews/reminder-sweep';
import { logger } from '@assist-ten/lambda-kit/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';

/** Every minute: records the reminder of each interview whose tenant's lead time before it has come. */
export const handler = middy<ScheduledEvent>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const report = await sweepDueReminders(new Date().toISOString(), `reminders:${event.id}`);
    if (report.due > 0) logger.info('Due interview reminders swept', { ...report });
    return report;
  });
