import {
  getCandidateSession,
  invitationLanding,
  refreshSession,
  saveAnswer,
  startSession,
  submitCandidateSession,
} from '@assist-ten/core/test-sessions/candidate-session.service';
import type { Operations } from '@assist-ten/lambda-kit/http/operation';
import type { candidateSessionRoutes } from '../../routes/candidate-sessions.ts';

export const candidateSessionOperations: Operations<(typeof candidateSessionRoutes)[number]> = {
  'GET /api/v1/candidate/invitations/{token}': async ({ path }) => ({ body: await invitationLanding(path.token) }),
  'POST /api/v1/candidate/sessions': async ({ body, event }) => ({
    body: await startSession(body.token, event.requestContext.requestId),
    location: '/api/v1/candidate/test-session',
  }),
  'POST /api/v1/candidate/sessions/refresh': async ({ body }) => ({ body: await refreshSession(body.refreshToken) }),
  'GET /api/v1/candidate/test-session': async ({ principal }) => ({ body: await getCandidateSession(principal) }),
  'PUT /api/v1/candidate/test-session/answers/{questionId}': async ({ principal, path, body }) => ({
    body: await saveAnswer(principal, path.questionId, body),
  }),
  'POST /api/v1/candidate/test-session/submit': async ({ principal }) => ({
    body: await submitCandidateSession(principal),
  }),
};
