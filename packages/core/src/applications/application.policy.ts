import { ForbiddenError, IllegalTransitionError } from '../shared/errors.ts';
import { hasAnyRole, type Principal, type StaffRole } from '../shared/principal.ts';
import type { ApplicationStage } from './application.model.ts';
import { APPLICATION_TRANSITIONS } from './application.status.ts';

/** Roles that run the pipeline; interviewers see their interviews, not the pipeline. */
export const APPLICATION_MANAGERS: readonly StaffRole[] = ['recruiter', 'admin'];

export const canManageApplications = (principal: Principal): boolean => hasAnyRole(principal, APPLICATION_MANAGERS);

export const assertApplicationManager = (principal: Principal): void => {
  if (!canManageApplications(principal)) throw new ForbiddenError('Only recruiters and admins manage applications.');
};

export const allowedNextStages = (stage: ApplicationStage): readonly ApplicationStage[] =>
  APPLICATION_TRANSITIONS[stage];

/** The 409 of an illegal move names where the application is and where it may go from there. */
export const assertStageMove = (from: ApplicationStage, to: ApplicationStage): void => {
  const next = allowedNextStages(from);
  if (next.includes(to)) return;
  throw new IllegalTransitionError(
    `An application cannot move from ${from} to ${to}. ${next.length ? `From ${from} it can move to: ${next.join(', ')}.` : `'${from}' is final.`}`,
    { extensions: { currentStage: from, allowedNextStages: next } },
  );
};
