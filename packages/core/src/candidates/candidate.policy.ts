import { ForbiddenError } from '../shared/errors.ts';
import { hasAnyRole, type Principal, type StaffRole } from '../shared/principal.ts';

/** Candidates' personal data is for the people who hire; interviewers see what an application shows them. */
export const CANDIDATE_MANAGERS: readonly StaffRole[] = ['recruiter', 'admin'];

export const canManageCandidates = (principal: Principal): boolean => hasAnyRole(principal, CANDIDATE_MANAGERS);

export const assertCandidateManager = (principal: Principal): void => {
  if (!canManageCandidates(principal)) throw new ForbiddenError('Only recruiters and admins manage candidates.');
};
