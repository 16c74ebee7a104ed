import { NotificationEvent } from '@assist-ten/core/events/catalogue';
import { deliverEvent } from '@assist-ten/core/notifications/delivery';
import { logger } from '@assist-ten/lambda-kit/logger';
import { createSqsHandler } from '@assist-ten/lambda-kit/sqs/consumer';

/** Drains the notifications queue: one domain event per message, delivered once per event id. */
export const handler = createSqsHandler({
  queue: 'notifications',
  schema: NotificationEvent,
  idempotencyKey: (event) => event.eventId,
  process: async (event) => {
    const report = await deliverEvent(event);
    if (report.undeliverable.length) logger.warn('Emails SES refused for good', { ...report });
    logger.info('Event delivered', { eventType: event.type, ...report });
  },
});
