import {
  CancelInterviewBody,
  Interview,
  InterviewPage,
  InterviewPath,
  ListInterviewsQuery,
  ScheduleInterviewBody,
  UpdateInterviewBody,
} from '@assist-ten/core/interviews/interview.schema';
import { NoFieldsBody } from '@assist-ten/core/shared/schema';
import { route } from './define.ts';

const INTERVIEWS = '/api/v1/interviewer/interviews';
const schedulers = { type: 'staff', roles: ['recruiter', 'admin'] } as const;
/** Interviewers reach only the interviews they sit in (others are a 404); schedulers all of the tenant's. */
const participants = { type: 'staff', roles: ['recruiter', 'admin', 'interviewer'] } as const;

const lifecycle = <const A extends 'start' | 'complete' | 'no-show'>(action: A, summary: string) =>
  route({
    method: 'POST',
    path: `${INTERVIEWS}/{id}/${action}`,
    context: 'interviews',
    auth: participants,
    summary,
    request: { path: InterviewPath, body: NoFieldsBody },
    response: { status: 200, body: Interview, description: 'The interview in its new status' },
    versioned: true,
    resource: 'interview',
  });

/** Scheduling interviews and running them: booking without double-booking, lists, the lifecycle. */
export const interviewRoutes = [
  route({
    method: 'POST',
    path: INTERVIEWS,
    context: 'interviews',
    auth: schedulers,
    summary: "Schedule an interview: every participant's time must be free (409 names the conflict)",
    request: { body: ScheduleInterviewBody },
    response: { status: 201, body: Interview, description: 'The scheduled interview' },
    idempotent: true,
    versioned: true,
  }),
  route({
    method: 'GET',
    path: INTERVIEWS,
    context: 'interviews',
    auth: participants,
    summary:
      "List my upcoming or past interviews; recruiters and admins also a candidate's, application's or requisition's",
    request: { query: ListInterviewsQuery },
    response: { status: 200, body: InterviewPage, description: 'One page of interviews' },
  }),
  route({
    method: 'GET',
    path: `${INTERVIEWS}/{id}`,
    context: 'interviews',
    auth: participants,
    summary: 'Get an interview, with what I may do with it now',
    request: { path: InterviewPath },
    response: { status: 200, body: Interview, description: 'The interview, with its version as ETag' },
    versioned: true,
    resource: 'interview',
  }),
  route({
    method: 'PATCH',
    path: `${INTERVIEWS}/{id}`,
    context: 'interviews',
    auth: schedulers,
    summary: 'Reschedule or change a scheduled interview (If-Match honoured; the new time must be free)',
    request: { path: InterviewPath, body: UpdateInterviewBody },
    response: { status: 200, body: Interview, description: 'The updated interview' },
    versioned: true,
    resource: 'interview',
  }),
  lifecycle('start', 'Start an interview (from 30 minutes before its start)'),
  lifecycle('complete', 'Complete an interview in progress'),
  route({
    method: 'POST',
    path: `${INTERVIEWS}/{id}/cancel`,
    context: 'interviews',
    auth: schedulers,
    summary: "Cancel a scheduled interview: its participants' time is free again",
    request: { path: InterviewPath, body: CancelInterviewBody },
    response: { status: 200, body: Interview, description: 'The cancelled interview' },
    versioned: true,
    resource: 'interview',
  }),
  lifecycle('no-show', 'Record that the candidate did not come (from 30 minutes before the start)'),
] as const;
