import { excuseFeedback, getInterviewFeedback, saveFeedback } from '@assist-ten/core/feedback/feedback.service';
import { getScorecard } from '@assist-ten/core/feedback/scorecard.service';
import type { Operations } from '@assist-ten/lambda-kit/http/operation';
import type { feedbackRoutes } from '../../routes/feedback.ts';

export const feedbackOperations: Operations<(typeof feedbackRoutes)[number]> = {
  'POST /api/v1/interviewer/feedback': async ({ principal, body, ifMatch }) => ({
    body: await saveFeedback(principal, body, ifMatch),
  }),
  'GET /api/v1/interviewer/feedback/{id}': async ({ principal, path }) => ({
    body: await getInterviewFeedback(principal, path.id),
  }),
  'POST /api/v1/interviewer/feedback/{id}/excuse': async ({ principal, path, body }) => ({
    body: await excuseFeedback(principal, path.id, body),
  }),
  'GET /api/v1/recruiter/applications/{id}/scorecard': async ({ principal, path }) => ({
    body: await getScorecard(principal, path.id),
  }),
};
