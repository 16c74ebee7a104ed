import type { Principal } from '../shared/principal.ts';
import type { FeedbackStatus } from './feedback.model.ts';
import { canManageFeedback, isOnPanel, type Panel, type PanelSeat, seatsOf } from './feedback.policy.ts';
import type { FeedbackVisibility, InterviewerFeedbackStatus } from './feedback.schema.ts';

interface FeedbackShape {
  interviewerId: string;
  status: FeedbackStatus;
}

export interface VisibleFeedback<F extends FeedbackShape> {
  visibility: FeedbackVisibility;
  interviewers: (PanelSeat & { status: InterviewerFeedbackStatus })[];
  submittedCount: number;
  feedback: F[];
}

/**
 * What one caller sees of an interview's feedback, or undefined when the interview is none
 * of theirs (a 404: its existence is not confirmed).
 *
 * - An interviewer on the panel (whatever their roles) sees their own, draft or submitted,
 *   and colleagues' submitted feedback only once their own is submitted: until then they
 *   learn how many submitted, not what, so nobody is swayed before writing their own.
 * - A recruiter or admin not on the panel sees every submitted feedback. Drafts are their
 *   authors' work in progress: only their status shows, never their content.
 * - Anyone else: nothing.
 * Who stands where (pending, draft, submitted) is shown to all who may see the interview: it
 * says who still owes feedback, nothing of what anybody thinks.
 */
export const visibleFeedback = <F extends FeedbackShape>(
  caller: Principal,
  panel: Panel,
  feedback: readonly F[],
): VisibleFeedback<F> | undefined => {
  const onPanel = isOnPanel(panel, caller.userId);
  if (!onPanel && !canManageFeedback(caller)) return undefined;
  const own = feedback.find((item) => item.interviewerId === caller.userId);
  const visibility: FeedbackVisibility = onPanel && own?.status !== 'submitted' ? 'own_only' : 'all';
  const seats = seatsOf(panel);
  const byInterviewer = new Map<string, FeedbackStatus>(feedback.map((item) => [item.interviewerId, item.status]));
  const interviewers = seats.map((seat) => {
    const status: InterviewerFeedbackStatus = byInterviewer.get(seat.interviewerId) ?? 'pending';
    return { ...seat, status };
  });
  const order = new Map(seats.map((seat, index) => [seat.interviewerId, index]));
  const shown = feedback
    .filter((item) =>
      visibility === 'own_only' ? item === own : item.status === 'submitted' || item.interviewerId === caller.userId,
    )
    .sort((a, b) => (order.get(a.interviewerId) ?? seats.length) - (order.get(b.interviewerId) ?? seats.length));
  return {
    visibility,
    interviewers,
    submittedCount: interviewers.filter((seat) => seat.status === 'submitted').length,
    feedback: shown,
  };
};
