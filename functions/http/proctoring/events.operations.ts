import { reportEvents } from '@assist-ten/core/proctoring/event-ingestion';
import type { Operations } from '@assist-ten/lambda-kit/http/operation';
import type { proctoringEventRoutes } from '../../routes/proctoring-events.ts';

export const eventOperations: Operations<(typeof proctoringEventRoutes)[number]> = {
  'POST /api/v1/proctoring/events': async ({ principal, body }) => ({
    body: await reportEvents(principal, body.events),
  }),
};
