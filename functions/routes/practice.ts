import { AnswerResponse } from '@assist-ten/core/assessments/question.content';
import { NoFieldsBody } from '@assist-ten/core/identity/me.schema';
import {
  CompletedPractice,
  ListPracticeSessionsQuery,
  PRACTICE_ROLES,
  PracticeAnswerPath,
  PracticeAnswerResult,
  PracticeSession,
  PracticeSessionPage,
  PracticeSessionPath,
  StartPracticeBody,
} from '@assist-ten/core/test-sessions/practice.schema';
import { route } from './define.ts';

const SESSIONS = '/api/v1/practice/sessions';
const staff = { type: 'staff', roles: PRACTICE_ROLES } as const;

/** A staff user practising on the tenant's question sets (docs/practice.md): their own sessions only. */
export const practiceRoutes = [
  route({
    method: 'POST',
    path: SESSIONS,
    context: 'test-sessions',
    auth: staff,
    summary:
      'Start practising on a live question set of your organisation: its questions in order, options shuffled; 409 when it has none',
    request: { body: StartPracticeBody },
    response: { status: 201, body: PracticeSession, description: 'The new practice session with its questions' },
    idempotent: true,
  }),
  route({
    method: 'GET',
    path: SESSIONS,
    context: 'test-sessions',
    auth: staff,
    summary: 'List my practice sessions, newest first',
    request: { query: ListPracticeSessionsQuery },
    response: { status: 200, body: PracticeSessionPage, description: 'One page of my practice sessions' },
  }),
  route({
    method: 'GET',
    path: `${SESSIONS}/{id}`,
    context: 'test-sessions',
    auth: staff,
    summary: 'One of my practice sessions: its questions, my answers so far and how each scored',
    request: { path: PracticeSessionPath },
    response: { status: 200, body: PracticeSession, description: 'The practice session' },
    resource: 'practiceSession',
  }),
  route({
    method: 'PUT',
    path: `${SESSIONS}/{id}/answers/{questionId}`,
    context: 'test-sessions',
    auth: staff,
    summary:
      'Answer one question and get its score, feedback and answer key at once; answering again replaces it; 409 once completed',
    request: { path: PracticeAnswerPath, body: AnswerResponse },
    response: { status: 200, body: PracticeAnswerResult, description: 'How the answer scored' },
    resource: 'practiceSession',
    unaudited:
      "A user's own practice answers, one or more per question, change nothing anyone else relies on; starting and completing are audited",
  }),
  route({
    method: 'POST',
    path: `${SESSIONS}/{id}/complete`,
    context: 'test-sessions',
    auth: staff,
    summary: 'Complete the practice: its result and my updated streak (completing again answers the same)',
    request: { path: PracticeSessionPath, body: NoFieldsBody },
    response: { status: 200, body: CompletedPractice, description: 'The result and my practice streak' },
    resource: 'practiceSession',
  }),
] as const;
