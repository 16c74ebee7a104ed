import type { InterviewStatus } from '../interviews/interview.model.ts';
import { ConflictError, type FieldError } from '../shared/errors.ts';
import { type FeedbackStatus, isSettled } from './feedback.model.ts';
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

interface SettledShape {
  status: FeedbackStatus;
  submittedAt?: string | undefined;
  excusedAt?: string | undefined;
}

/**
 * A submitted or excused feedback is final: neither saved over, submitted again nor excused.
 * `whose` words the message for the author (`Your`) or for whoever excuses them.
 */
export const assertStillDraft = (own: SettledShape | undefined, whose = 'Your') => {
  if (own?.status === 'submitted') {
    throw new ConflictError(`${whose} feedback on this interview is submitted and final: it cannot change.`, {
      extensions: { reason: 'feedback_submitted', ...(own.submittedAt ? { submittedAt: own.submittedAt } : {}) },
    });
  }
  if (own?.status === 'excused') {
    throw new ConflictError(`${whose} feedback on this interview was excused: none is expected any more.`, {
      extensions: { reason: 'feedback_excused', ...(own.excusedAt ? { excusedAt: own.excusedAt } : {}) },
    });
  }
};

/**
 * Whether every interviewer of the panel has submitted or been excused, `settlerId`'s
 * feedback counted as settled (they are submitting it, or being excused from it).
 */
export const allSubmittedWith = (
  panel: Panel,
  feedback: readonly { interviewerId: string; status: FeedbackStatus }[],
  settlerId: string,
): boolean => {
  const settled = new Set(feedback.filter((item) => isSettled(item.status)).map((item) => item.interviewerId));
  settled.add(settlerId);
  return seatsOf(panel).every(({ interviewerId }) => settled.has(interviewerId));
};

/**
 * The colleagues whose feedback was read as still owed: a settling write is made only if
 * none of them submitted or was excused since, so two last settlements racing cannot both
 * miss each other.
 */
export const colleaguesStillOpen = (
  panel: Panel,
  feedback: readonly { interviewerId: string; status: FeedbackStatus }[],
  settlerId: string,
): string[] =>
  seatsOf(panel)
    .map(({ interviewerId }) => interviewerId)
    .filter(
      (interviewerId) =>
        interviewerId !== settlerId &&
        !feedback.some((item) => item.interviewerId === interviewerId && isSettled(item.status)),
    );
