import type { InterviewStatus } from '../interviews/interview.model.ts';
import { ConflictError, type FieldError } from '../shared/errors.ts';
import type { FeedbackStatus } from './feedback.model.ts';
import { type Panel, seatsOf } from './feedback.policy.ts';
import type { SaveFeedback } from './feedback.schema.ts';

/**
 * What makes a feedback form invalid across its fields. A draft may be as incomplete as its
 * author likes; a submission is what the scorecard counts, so it must say at least how the
 * interview went overall and what the interviewer recommends.
 */
export const feedbackErrors = (
  form: Pick<SaveFeedback, 'submit' | 'overallRating' | 'recommendation' | 'followUpRequired' | 'followUpNotes'>,
): FieldError[] => {
  const errors: FieldError[] = [];
  if (form.submit && form.overallRating === undefined) {
    errors.push({ field: 'overallRating', code: 'required_to_submit', message: 'Give an overall rating to submit' });
  }
  if (form.submit && form.recommendation === undefined) {
    errors.push({ field: 'recommendation', code: 'required_to_submit', message: 'Give a recommendation to submit' });
  }
  if (form.followUpNotes !== undefined && !form.followUpRequired) {
    errors.push({
      field: 'followUpNotes',
      code: 'needs_follow_up',
      message: 'Follow-up notes go with followUpRequired: true',
    });
  }
  return errors;
};

/**
 * Feedback is about an interview that took place: it opens when the interview starts and
 * stays open once it is completed. Drafts too: a draft for an interview that may still be
 * cancelled or missed would be feedback on nothing.
 */
export const FEEDBACK_OPEN_STATUSES: readonly InterviewStatus[] = ['in_progress', 'completed'];

const CLOSED_BECAUSE: Record<InterviewStatus, { reason: string; why: string }> = {
  scheduled: { reason: 'interview_not_started', why: 'has not started yet: feedback opens once it is in progress' },
  in_progress: { reason: 'open', why: 'takes feedback' },
  completed: { reason: 'open', why: 'takes feedback' },
  cancelled: { reason: 'interview_cancelled', why: 'was cancelled: there is nothing to give feedback on' },
  no_show: { reason: 'interview_no_show', why: 'was a no-show: there is nothing to give feedback on' },
};

export const assertFeedbackOpen = (interview: { interviewId: string; status: InterviewStatus }): void => {
  if (FEEDBACK_OPEN_STATUSES.includes(interview.status)) return;
  const { reason, why } = CLOSED_BECAUSE[interview.status];
  throw new ConflictError(`Interview ${interview.interviewId} ${why}.`, {
    extensions: { reason, interviewStatus: interview.status, feedbackOpensIn: FEEDBACK_OPEN_STATUSES },
  });
};

/** A submitted feedback is final: neither saved over nor submitted again. */
export const assertStillDraft = (own: { status: FeedbackStatus; submittedAt?: string | undefined } | undefined) => {
  if (own?.status !== 'submitted') return;
  throw new ConflictError('Your feedback on this interview is submitted and final: it cannot change.', {
    extensions: { reason: 'feedback_submitted', ...(own.submittedAt ? { submittedAt: own.submittedAt } : {}) },
  });
};

/** Whether every interviewer of the panel has submitted, `submitterId`'s submission counted as made. */
export const allSubmittedWith = (
  panel: Panel,
  feedback: readonly { interviewerId: string; status: FeedbackStatus }[],
  submitterId: string,
): boolean => {
  const submitted = new Set(feedback.filter((item) => item.status === 'submitted').map((item) => item.interviewerId));
  submitted.add(submitterId);
  return seatsOf(panel).every(({ interviewerId }) => submitted.has(interviewerId));
};

/**
 * The colleagues whose feedback was read as not submitted: the submission is written only if
 * none of them submitted since, so two last submissions racing cannot both miss each other.
 */
export const colleaguesStillOpen = (
  panel: Panel,
  feedback: readonly { interviewerId: string; status: FeedbackStatus }[],
  submitterId: string,
): string[] =>
  seatsOf(panel)
    .map(({ interviewerId }) => interviewerId)
    .filter(
      (interviewerId) =>
        interviewerId !== submitterId &&
        !feedback.some((item) => item.interviewerId === interviewerId && item.status === 'submitted'),
    );
