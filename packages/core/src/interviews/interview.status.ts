import type { InterviewStatus } from './interview.model.ts';

/** The API's lifecycle actions and the status each one moves an interview to. */
export const INTERVIEW_TRANSITION_ACTIONS = {
  start: 'in_progress',
  complete: 'completed',
  cancel: 'cancelled',
  no_show: 'no_show',
} as const satisfies Record<string, InterviewStatus>;

export type InterviewTransitionAction = keyof typeof INTERVIEW_TRANSITION_ACTIONS;

/** What a caller may do to an interview: change it (PATCH) or move it through its lifecycle. */
export const INTERVIEW_ACTIONS = ['update', 'start', 'complete', 'cancel', 'no_show'] as const;
export type InterviewAction = (typeof INTERVIEW_ACTIONS)[number];

/** `<entity>.<verb>` of each action in the audit trail. */
export const AUDITED_AS: Record<InterviewTransitionAction, string> = {
  start: 'interview.started',
  complete: 'interview.completed',
  cancel: 'interview.cancelled',
  no_show: 'interview.no_show',
};
