import { AssessmentPath } from '@assist-ten/core/assessments/assessment.schema';
import {
  ListResultsQuery,
  ScoreOverrideBody,
  ScoreOverridePath,
  SessionResultPage,
  TestSessionDetail,
  TestSessionPath,
} from '@assist-ten/core/test-sessions/results.schema';
import { route } from './define.ts';

const SESSIONS = '/api/v1/recruiter/test-sessions';
const reviewers = { type: 'staff', roles: ['recruiter', 'admin'] } as const;

/** What recruiters read of candidates' sessions, and the one thing they change: an answer's score. */
export const testSessionResultRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/recruiter/assessments/{id}/results',
    context: 'test-sessions',
    auth: reviewers,
    summary: "An assessment's scored sessions, best first (equal percentages in the order they started)",
    request: { path: AssessmentPath, query: ListResultsQuery },
    response: { status: 200, body: SessionResultPage, description: 'One page of the ranking' },
    resource: 'assessment',
  }),
  route({
    method: 'GET',
    path: `${SESSIONS}/{id}`,
    context: 'test-sessions',
    auth: reviewers,
    summary:
      'A test session for review: questions with their answer key, the answers that count, their scores and the result',
    request: { path: TestSessionPath },
    response: { status: 200, body: TestSessionDetail, description: 'The session' },
    versioned: true,
    resource: 'testSession',
  }),
  route({
    method: 'PUT',
    path: `${SESSIONS}/{id}/answers/{questionId}/score`,
    context: 'test-sessions',
    auth: reviewers,
    summary:
      "Override an answer's score in a scored session: the result and the rank follow; the machine's score is kept (If-Match honoured)",
    request: { path: ScoreOverridePath, body: ScoreOverrideBody },
    response: { status: 200, body: TestSessionDetail, description: 'The session with the new score and result' },
    versioned: true,
    resource: 'testSession',
  }),
] as const;
