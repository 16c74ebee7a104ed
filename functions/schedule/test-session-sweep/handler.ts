import { sweepDueSessions } from '@assist-ten/core/test-sessions/session-sweep';
import { logger } from '@assist-ten/lambda-kit/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';

/** Every minute: submits the test sessions whose deadline passed, so none stays open forever. */
export const handler = middy<ScheduledEvent>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const report = await sweepDueSessions(new Date().toISOString(), `sweep:${event.id}`);
    if (report.due > 0) logger.info('Due test sessions swept', { ...report });
    return report;
  });
