import { AppealBody, AppealReceipt } from '@assist-ten/core/proctoring/appeal.schema';
import { PROCTORING_REVIEWERS } from '@assist-ten/core/proctoring/proctoring.policy';
import { ProctoringEvent } from '@assist-ten/core/proctoring/proctoring-event.schema';
import {
  ListProctoringEventsQuery,
  ProctoringEventPage,
  ProctoringEventPath,
  ReviewEventBody,
} from '@assist-ten/core/proctoring/review.schema';
import {
  SessionReview,
  SessionReviewPath,
  SessionReviewQuery,
  VerdictBody,
} from '@assist-ten/core/proctoring/session-review.schema';
import { InvitationTokenPath } from '@assist-ten/core/test-sessions/test-session.schema';
import { route } from './define.ts';

const EVENTS = '/api/v1/admin/proctoring/events';
const SESSIONS = '/api/v1/admin/proctoring/sessions';
const reviewers = { type: 'staff', roles: PROCTORING_REVIEWERS } as const;
const anyone = { type: 'public' } as const;

/** The reviewers' side of proctoring, and the candidate's appeal. */
export const proctoringReviewRoutes = [
  route({
    method: 'GET',
    path: EVENTS,
    context: 'proctoring',
    auth: reviewers,
    summary:
      'List proctoring events. Default: the review queue (flagged, pending), worst first then oldest first (severity, eventType, from/to narrow it). ' +
      "testSessionId: that session's timeline, oldest first (from/to, reviewStatus, severity, eventType, flagged narrow it). " +
      'reviewStatus confirmed/dismissed or flagged=false: by decision, per severity newest first, worst severity first (severity, from/to, eventType narrow it)',
    request: { query: ListProctoringEventsQuery },
    response: { status: 200, body: ProctoringEventPage, description: 'One page of events' },
  }),
  route({
    method: 'GET',
    path: `${EVENTS}/{id}`,
    context: 'proctoring',
    auth: reviewers,
    summary: 'Get one proctoring event, with its review',
    request: { path: ProctoringEventPath },
    response: { status: 200, body: ProctoringEvent, description: 'The event' },
    versioned: true,
    resource: 'proctoringEvent',
  }),
  route({
    method: 'PATCH',
    path: `${EVENTS}/{id}/review`,
    context: 'proctoring',
    auth: reviewers,
    summary:
      "Decide on an event (confirmed or dismissed, with notes); it leaves the review queue and the session's integrity score is evaluated again (If-Match honoured)",
    request: { path: ProctoringEventPath, body: ReviewEventBody },
    response: { status: 200, body: ProctoringEvent, description: 'The reviewed event' },
    versioned: true,
    resource: 'proctoringEvent',
  }),
  route({
    method: 'GET',
    path: `${SESSIONS}/{id}`,
    context: 'proctoring',
    auth: reviewers,
    summary:
      "A test session for review: its facts and result, integrity score and deductions, verdict, the candidate's appeal, the first 100 events of its timeline and its newest accepted snapshots with 5-minute downloads",
    request: { path: SessionReviewPath, query: SessionReviewQuery },
    response: { status: 200, body: SessionReview, description: 'The session review' },
    versioned: true,
    resource: 'testSession',
  }),
  route({
    method: 'POST',
    path: `${SESSIONS}/{id}/verdict`,
    context: 'proctoring',
    auth: reviewers,
    summary:
      'Judge a scored attempt: clear, or invalidate (out of the ranking, the application back to assessment; final). The same verdict again changes nothing (If-Match honoured)',
    request: { path: SessionReviewPath, body: VerdictBody },
    response: { status: 200, body: SessionReview, description: 'The session review with its verdict' },
    versioned: true,
    resource: 'testSession',
  }),
  route({
    method: 'POST',
    path: '/api/v1/candidate/invitations/{token}/appeal',
    context: 'proctoring',
    auth: anyone,
    summary:
      "Appeal the proctoring evidence of the invitation's finished attempt, once, within the organisation's appeal window; 410 when withdrawn or too late",
    request: { path: InvitationTokenPath, body: AppealBody },
    response: { status: 201, body: AppealReceipt, description: 'The appeal was received' },
    unaudited:
      'Audited as proctoring.appeal_submitted by the candidate, who has no staff account the audit coverage test can use',
  }),
] as const;
