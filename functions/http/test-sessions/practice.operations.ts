import {
  answerPractice,
  completePractice,
  getPracticeSession,
  listPracticeSessions,
  startPractice,
} from '@assist-ten/core/test-sessions/practice.service';
import type { Operations } from '@assist-ten/lambda-kit/http/operation';
import type { practiceRoutes } from '../../routes/practice.ts';

export const practiceOperations: Operations<(typeof practiceRoutes)[number]> = {
  'POST /api/v1/practice/sessions': async ({ principal, body }) => {
    const session = await startPractice(principal, body);
    return { body: session, location: `/api/v1/practice/sessions/${session.id}` };
  },
  'GET /api/v1/practice/sessions': async ({ principal, query }) => ({
    body: await listPracticeSessions(principal, query),
  }),
  'GET /api/v1/practice/sessions/{id}': async ({ principal, path }) => ({
    body: await getPracticeSession(principal, path.id),
  }),
  'PUT /api/v1/practice/sessions/{id}/answers/{questionId}': async ({ principal, path, body }) => ({
    body: await answerPractice(principal, path.id, path.questionId, body),
  }),
  'POST /api/v1/practice/sessions/{id}/complete': async ({ principal, path }) => ({
    body: await completePractice(principal, path.id),
  }),
};
