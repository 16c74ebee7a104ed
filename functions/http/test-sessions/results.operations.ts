import { listAssessmentResults } from '@assist-ten/core/test-sessions/results.service';
import { overrideAnswerScore } from '@assist-ten/core/test-sessions/score-override.service';
import { getTestSessionDetail } from '@assist-ten/core/test-sessions/session-detail.service';
import type { Operations } from '@assist-ten/lambda-kit/http/operation';
import type { testSessionResultRoutes } from '../../routes/test-session-results.ts';

export const resultOperations: Operations<(typeof testSessionResultRoutes)[number]> = {
  'GET /api/v1/recruiter/assessments/{id}/results': async ({ principal, path, query }) => ({
    body: await listAssessmentResults(principal, path.id, query),
  }),
  'GET /api/v1/recruiter/test-sessions/{id}': async ({ principal, path }) => ({
    body: await getTestSessionDetail(principal, path.id),
  }),
  'PUT /api/v1/recruiter/test-sessions/{id}/answers/{questionId}/score': async ({
    principal,
    path,
    body,
    ifMatch,
  }) => ({
    body: await overrideAnswerScore(principal, path.id, path.questionId, body, ifMatch),
  }),
};
