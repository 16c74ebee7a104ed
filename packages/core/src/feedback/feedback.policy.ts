import { ForbiddenError } from '../shared/errors.ts';
import { hasAnyRole, type Principal, type StaffRole } from '../shared/principal.ts';

/** Who may write or read interview feedback at all; which interview is a question of the panel. */
export const FEEDBACK_ROLES: readonly StaffRole[] = ['interviewer', 'recruiter', 'admin'];

/** Who reads every submitted feedback and the scorecard: those who run the pipeline. */
export const FEEDBACK_MANAGERS: readonly StaffRole[] = ['recruiter', 'admin'];

export const canManageFeedback = (principal: Principal): boolean => hasAnyRole(principal, FEEDBACK_MANAGERS);

export const assertFeedbackRole = (principal: Principal): void => {
  if (!hasAnyRole(principal, FEEDBACK_ROLES)) {
    throw new ForbiddenError('Only interviewers, recruiters and admins work with interview feedback.');
  }
};

export const assertScorecardReader = (principal: Principal): void => {
  if (!canManageFeedback(principal)) throw new ForbiddenError('Only recruiters and admins read scorecards.');
};

export const assertFeedbackManager = (principal: Principal): void => {
  if (!canManageFeedback(principal)) {
    throw new ForbiddenError('Only recruiters and admins excuse an interviewer from their feedback.');
  }
};

/** Who sits in an interview as an interviewer. */
export interface Panel {
  interviewerId: string;
  additionalInterviewers: readonly string[];
}

export interface PanelSeat {
  interviewerId: string;
  role: 'lead' | 'panel';
}

/** The lead first, then the panel in its order, each person once. */
export const seatsOf = (panel: Panel): PanelSeat[] => [
  { interviewerId: panel.interviewerId, role: 'lead' },
  ...[...new Set(panel.additionalInterviewers)]
    .filter((userId) => userId !== panel.interviewerId)
    .map((interviewerId) => ({ interviewerId, role: 'panel' as const })),
];

export const isOnPanel = (panel: Panel, userId: string): boolean =>
  panel.interviewerId === userId || panel.additionalInterviewers.includes(userId);
