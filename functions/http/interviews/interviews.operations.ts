import { getInterview, scheduleInterview, updateInterview } from '@assist-ten/core/interviews/interview.service';
import {
  cancelInterview,
  completeInterview,
  markNoShow,
  startInterview,
} from '@assist-ten/core/interviews/interview-lifecycle.service';
import { listInterviews } from '@assist-ten/core/interviews/interview-list.service';
import type { Operations } from '@assist-ten/lambda-kit/http/operation';
import type { interviewRoutes } from '../../routes/interviews.ts';

const INTERVIEWS = '/api/v1/interviewer/interviews';

export const interviewOperations: Operations<(typeof interviewRoutes)[number]> = {
  'POST /api/v1/interviewer/interviews': async ({ principal, body }) => {
    const interview = await scheduleInterview(principal, body);
    return { body: interview, location: `${INTERVIEWS}/${interview.id}` };
  },
  'GET /api/v1/interviewer/interviews': async ({ principal, query }) => ({
    body: await listInterviews(principal, query),
  }),
  'GET /api/v1/interviewer/interviews/{id}': async ({ principal, path }) => ({
    body: await getInterview(principal, path.id),
  }),
  'PATCH /api/v1/interviewer/interviews/{id}': async ({ principal, path, body, ifMatch }) => ({
    body: await updateInterview(principal, path.id, body, ifMatch),
  }),
  'POST /api/v1/interviewer/interviews/{id}/start': async ({ principal, path, ifMatch }) => ({
    body: await startInterview(principal, path.id, ifMatch),
  }),
  'POST /api/v1/interviewer/interviews/{id}/complete': async ({ principal, path, ifMatch }) => ({
    body: await completeInterview(principal, path.id, ifMatch),
  }),
  'POST /api/v1/interviewer/interviews/{id}/cancel': async ({ principal, path, body, ifMatch }) => ({
    body: await cancelInterview(principal, path.id, body, ifMatch),
  }),
  'POST /api/v1/interviewer/interviews/{id}/no-show': async ({ principal, path, ifMatch }) => ({
    body: await markNoShow(principal, path.id, ifMatch),
  }),
};
