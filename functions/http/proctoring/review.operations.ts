import { submitAppeal } from '@assist-ten/core/proctoring/appeal.service';
import { getProctoringEvent, reviewEvent } from '@assist-ten/core/proctoring/review.service';
import { listProctoringEvents } from '@assist-ten/core/proctoring/review-list.service';
import { getSessionReview } from '@assist-ten/core/proctoring/session-review.service';
import { recordVerdict } from '@assist-ten/core/proctoring/verdict.service';
import type { Operations } from '@assist-ten/lambda-kit/http/operation';
import type { proctoringReviewRoutes } from '../../routes/proctoring-review.ts';

export const reviewOperations: Operations<(typeof proctoringReviewRoutes)[number]> = {
  'GET /api/v1/admin/proctoring/events': async ({ principal, query }) => ({
    body: await listProctoringEvents(principal, query),
  }),
  'GET /api/v1/admin/proctoring/events/{id}': async ({ principal, path }) => ({
    body: await getProctoringEvent(principal, path.id),
  }),
  'PATCH /api/v1/admin/proctoring/events/{id}/review': async ({ principal, path, body, ifMatch }) => ({
    body: await reviewEvent(principal, path.id, body, ifMatch),
  }),
  'GET /api/v1/admin/proctoring/sessions/{id}': async ({ principal, path, query }) => ({
    body: await getSessionReview(principal, path.id, query),
  }),
  'POST /api/v1/admin/proctoring/sessions/{id}/verdict': async ({ principal, path, body, ifMatch }) => ({
    body: await recordVerdict(principal, path.id, body, ifMatch),
  }),
  'POST /api/v1/candidate/invitations/{token}/appeal': async ({ path, body, event }) => ({
    body: await submitAppeal(path.token, body, event.requestContext.requestId),
  }),
};
