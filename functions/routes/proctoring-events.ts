import { ReportEventsBody, ReportEventsResult } from '@assist-ten/core/proctoring/proctoring-event.schema';
import { route } from './define.ts';

/** What the candidate's test page reports while the test runs. */
export const proctoringEventRoutes = [
  route({
    method: 'POST',
    path: '/api/v1/proctoring/events',
    context: 'proctoring',
    auth: { type: 'candidate' },
    summary:
      'Report up to 50 proctoring events of the current session; each is accepted, a duplicate (same clientEventId), or rejected with a reason',
    request: { body: ReportEventsBody },
    response: { status: 200, body: ReportEventsResult, description: 'One result per event, in the order sent' },
    unaudited: 'Events are the evidence itself, kept as they arrived; what a reviewer decides about them is audited',
  }),
] as const;
