import { ForbiddenError } from '../shared/errors.ts';
import { hasAnyRole, type Principal, type StaffRole } from '../shared/principal.ts';

/**
 * Who judges proctoring evidence: the recruiters who own the assessments, and admins.
 * Interviewers never see it: it is about the test, not the interview.
 */
export const PROCTORING_REVIEWERS: readonly StaffRole[] = ['recruiter', 'admin'];

export const assertProctoringReviewer = (actor: Principal): void => {
  if (!hasAnyRole(actor, PROCTORING_REVIEWERS)) {
    throw new ForbiddenError('Only recruiters and admins review proctoring evidence.');
  }
};
