import { AnswerResponse } from '@assist-ten/core/assessments/question.content';
import { NoFieldsBody } from '@assist-ten/core/shared/schema';
import { RefreshTokenBody, SessionTokensView } from '@assist-ten/core/test-sessions/refresh-token.model';
import {
  AnswerPath,
  CandidateSessionState,
  InvitationLanding,
  InvitationTokenPath,
  SavedAnswer,
  StartedSession,
  StartSessionBody,
  SubmittedSession,
} from '@assist-ten/core/test-sessions/test-session.schema';
import { route } from './define.ts';

const candidate = { type: 'candidate' } as const;
const anyone = { type: 'public' } as const;
const SESSION = '/api/v1/candidate/test-session';

/**
 * The candidate's side of an assessment. The invitation's secret (in the email's link) is
 * the only credential of the first three routes; the others take the candidate access token
 * that the exchange returns, scoped to one test session.
 */
export const candidateSessionRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/candidate/invitations/{token}',
    context: 'test-sessions',
    auth: anyone,
    summary:
      'What the landing page of an invitation shows (title, duration, rules, proctoring); 410 when expired or withdrawn, 409 when used',
    request: { path: InvitationTokenPath },
    response: { status: 200, body: InvitationLanding, description: 'The assessment as the candidate may see it' },
  }),
  route({
    method: 'POST',
    path: '/api/v1/candidate/sessions',
    context: 'test-sessions',
    auth: anyone,
    summary:
      'Start the assessment: exchange the invitation (once) for a test session, an access token scoped to it and a refresh token',
    request: { body: StartSessionBody },
    response: {
      status: 201,
      body: StartedSession,
      description: 'The tokens (shown once) and the session with its questions',
    },
    unaudited:
      'Audited as test_session.started by the candidate, who has no staff account the audit coverage test can use',
  }),
  route({
    method: 'POST',
    path: '/api/v1/candidate/sessions/refresh',
    context: 'test-sessions',
    auth: anyone,
    summary: 'Rotate the refresh token: new tokens for the old one; a reused old one ends the session for every holder',
    request: { body: RefreshTokenBody },
    response: {
      status: 200,
      body: SessionTokensView,
      description: 'New tokens; the presented refresh token no longer works',
    },
    unaudited: 'A rotation every 15 minutes per candidate would bury the trail; a revocation is audited',
  }),
  route({
    method: 'GET',
    path: SESSION,
    context: 'test-sessions',
    auth: candidate,
    summary:
      "The candidate's session: deadline by the server's clock, questions in their order, and the answers saved so far",
    response: { status: 200, body: CandidateSessionState, description: 'The session state' },
  }),
  route({
    method: 'PUT',
    path: `${SESSION}/answers/{questionId}`,
    context: 'test-sessions',
    auth: candidate,
    summary: 'Save the answer to one question (autosave; the same request twice leaves the same answer); 409 once over',
    request: { path: AnswerPath, body: AnswerResponse },
    response: { status: 200, body: SavedAnswer, description: 'Saved' },
    unaudited: 'Autosaves are the candidate working, not a change of record; the answers are kept with their time',
  }),
  route({
    method: 'POST',
    path: `${SESSION}/submit`,
    context: 'test-sessions',
    auth: candidate,
    summary: 'Submit: the answers are final, the tokens stop working, and the session is scored',
    request: { body: NoFieldsBody },
    response: {
      status: 200,
      body: SubmittedSession,
      description: 'Submitted (or how it ended, if it was already over)',
    },
    unaudited:
      'Audited as test_session.submitted by the candidate, who has no staff account the audit coverage test can use',
  }),
] as const;
