import {
  ExcuseFeedbackBody,
  Feedback,
  InterviewFeedback,
  InterviewFeedbackPath,
  SaveFeedbackBody,
  Scorecard,
  ScorecardPath,
} from '@assist-ten/core/feedback/feedback.schema';
import { route } from './define.ts';

const FEEDBACK = '/api/v1/interviewer/feedback';
/** Recruiters and admins first: a reader of an interview for them is any interview of their tenant. */
const feedbackRoles = { type: 'staff', roles: ['recruiter', 'admin', 'interviewer'] } as const;
const pipeline = { type: 'staff', roles: ['recruiter', 'admin'] } as const;

/** Interviewers' feedback, its visibility rules, and the application's consolidated scorecard. */
export const feedbackRoutes = [
  route({
    method: 'POST',
    path: FEEDBACK,
    context: 'feedback',
    auth: feedbackRoles,
    summary:
      'Save my feedback on an interview I sit in, replacing my draft, or submit it for good (submit: true). ' +
      'Open while the interview is in progress or completed; always 200, with the feedback (If-Match honoured)',
    request: { body: SaveFeedbackBody },
    response: { status: 200, body: Feedback, description: 'My feedback, as saved' },
    idempotent: true,
    versioned: true,
  }),
  route({
    method: 'GET',
    path: `${FEEDBACK}/{id}`,
    context: 'feedback',
    auth: feedbackRoles,
    summary:
      "The feedback of one interview: on its panel, my own, and colleagues' submitted ones once mine is " +
      'submitted; for recruiters and admins, every submitted one and where each interviewer stands',
    request: { path: InterviewFeedbackPath },
    response: { status: 200, body: InterviewFeedback, description: 'The feedback the caller may see' },
    resource: 'interview',
  }),
  route({
    method: 'POST',
    path: `${FEEDBACK}/{id}/excuse`,
    context: 'feedback',
    auth: pipeline,
    summary:
      'Excuse an interviewer of the panel from their feedback (they left, or will not give it): the interview ' +
      'no longer waits for it, and its scorecard can complete. Only while theirs is not submitted; a draft is dropped',
    request: { path: InterviewFeedbackPath, body: ExcuseFeedbackBody },
    response: { status: 200, body: InterviewFeedback, description: "The interview's feedback, as the caller sees it" },
    resource: 'interview',
  }),
  route({
    method: 'GET',
    path: '/api/v1/recruiter/applications/{id}/scorecard',
    context: 'feedback',
    auth: pipeline,
    summary:
      "An application's scorecard: every interview and its submitted feedback, averages, recommendations, " +
      'skills and follow-ups, and whether it is complete',
    request: { path: ScorecardPath },
    response: { status: 200, body: Scorecard, description: 'The scorecard, computed from the feedback now' },
    resource: 'application',
  }),
] as const;
