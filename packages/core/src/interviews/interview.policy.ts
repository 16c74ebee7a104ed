import { ForbiddenError } from '../shared/errors.ts';
import { hasAnyRole, type Principal, type StaffRole } from '../shared/principal.ts';
import { canTransition } from '../shared/state-machine.ts';
import type { InterviewItem } from './interview.entity.ts';
import { INTERVIEW_TRANSITIONS } from './interview.model.ts';
import { isOpen } from './interview.rules.ts';
import {
  INTERVIEW_TRANSITION_ACTIONS,
  type InterviewAction,
  type InterviewTransitionAction,
} from './interview.status.ts';

/** Who books, changes and cancels interviews, and sees all of the tenant's. */
export const INTERVIEW_SCHEDULERS: readonly StaffRole[] = ['recruiter', 'admin'];

/** Who may sit in an interview as an interviewer: the roles of an active user it can be booked for. */
export const INTERVIEWER_ROLES: readonly StaffRole[] = ['interviewer', 'recruiter', 'admin'];

type Seats = Pick<InterviewItem, 'interviewerId' | 'additionalInterviewers'>;

export const canSchedule = (principal: Principal): boolean => hasAnyRole(principal, INTERVIEW_SCHEDULERS);

export const assertScheduler = (principal: Principal): void => {
  if (!canSchedule(principal)) throw new ForbiddenError('Only recruiters and admins schedule and change interviews.');
};

/** An interviewer's seat in an interview: lead, panel, or none. */
export const seatOf = (principal: Pick<Principal, 'userId'>, interview: Seats): 'lead' | 'panel' | undefined => {
  if (interview.interviewerId === principal.userId) return 'lead';
  return interview.additionalInterviewers.includes(principal.userId) ? 'panel' : undefined;
};

/**
 * Whether an interview exists at all for this caller: schedulers see the tenant's, an
 * interviewer only those they sit in (others are a 404, so ids do not leak).
 */
export const canSeeInterview = (principal: Principal, interview: Seats): boolean =>
  canSchedule(principal) || seatOf(principal, interview) !== undefined;

/** Lists by candidate, application or requisition show interviews the caller may not sit in. */
export const assertMayListOthers = (principal: Principal): void => {
  if (!canSchedule(principal)) {
    throw new ForbiddenError('Only recruiters and admins list interviews by candidate, application or requisition.');
  }
};

/** Cancelling is the organisers'; running one (start, complete, no-show) is also its interviewers'. */
export const mayTake = (principal: Principal, interview: Seats, action: InterviewTransitionAction): boolean =>
  action === 'cancel' ? canSchedule(principal) : canSeeInterview(principal, interview);

const TIMED: readonly InterviewTransitionAction[] = ['start', 'no_show'];

/** What the caller may do to the interview now: the actions a UI offers. */
export const allowedActionsFor = (
  principal: Principal,
  interview: Seats & Pick<InterviewItem, 'status' | 'scheduledAt'>,
  now: string,
): InterviewAction[] => {
  const actions: InterviewAction[] = interview.status === 'scheduled' && canSchedule(principal) ? ['update'] : [];
  for (const [action, to] of Object.entries(INTERVIEW_TRANSITION_ACTIONS) as [
    InterviewTransitionAction,
    (typeof INTERVIEW_TRANSITION_ACTIONS)[InterviewTransitionAction],
  ][]) {
    if (!canTransition(INTERVIEW_TRANSITIONS, interview.status, to)) continue;
    if (!mayTake(principal, interview, action)) continue;
    if (TIMED.includes(action) && !isOpen(interview, now)) continue;
    actions.push(action);
  }
  return actions;
};
