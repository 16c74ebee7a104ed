import { eventWrite } from '../events/record.ts';
import type { InterviewItem } from '../interviews/interview.entity.ts';
import { INTERVIEW_LIMITS } from '../interviews/interview.model.ts';
import { auditWrite } from '../platform/audit.ts';
import { ConflictError, PreconditionFailedError, ValidationError } from '../shared/errors.ts';
import type { Principal } from '../shared/principal.ts';
import { type TransactionWrite, transactWrite } from '../shared/transaction.ts';
import type { FeedbackItem } from './feedback.entity.ts';
import { assertFeedbackManager, assertFeedbackRole, isOnPanel } from './feedback.policy.ts';
import { feedbackOfInterview, hiringManagerOf, interviewNotFound, readInterview } from './feedback.reads.ts';
import {
  allSubmittedWith,
  assertFeedbackOpen,
  assertStillDraft,
  colleaguesStillOpen,
  feedbackErrors,
} from './feedback.rules.ts';
import type { ExcuseFeedback, Feedback, InterviewFeedback, SaveFeedback } from './feedback.schema.ts';
import { auditView, toFeedback } from './feedback.view.ts';
import { visibleFeedback } from './feedback.visibility.ts';
import {
  candidateNotErased,
  excusedItem,
  feedbackWrite,
  interviewUnchanged,
  LostRaceError,
  nextItem,
  stillOwed,
} from './feedback.writes.ts';

/**
 * Every lost race is a colleague's final submission, a change of the interview or a save of
 * the caller's own draft, so deciding again converges; this many attempts cover a full panel.
 */
const ATTEMPTS = INTERVIEW_LIMITS.additionalInterviewers + 2;

/** Transaction conflicts (the same items written at once) are retried a little longer than usual: a panel submits together. */
const CONFLICT_ATTEMPTS = 5;

const assertVersion = (own: FeedbackItem | undefined, interviewId: string, expectedVersion: number | undefined) => {
  if (expectedVersion === undefined || expectedVersion === own?.version) return;
  throw new PreconditionFailedError(
    own
      ? `Your feedback on interview ${interviewId} is at version ${own.version}, not ${expectedVersion}. Read it again.`
      : `You have no feedback on interview ${interviewId} yet: send no If-Match to start it.`,
    { extensions: { currentVersion: own?.version ?? null } },
  );
};

const actionOf = (own: FeedbackItem | undefined, submit: boolean): string => {
  if (submit) return 'interview_feedback.submitted';
  return own ? 'interview_feedback.updated' : 'interview_feedback.created';
};

/**
 * The event of a feedback settled (submitted, or its interviewer excused) and its guards.
 * `allSubmitted` counts this one as settled; it is written only if every colleague read as
 * still owing feedback still does, so of two last settlements racing, the later one fails
 * its guard, reads again and is the one that says true.
 */
const settlementWrites = async (
  actor: Principal,
  type: 'feedback.submitted' | 'feedback.excused',
  interview: InterviewItem,
  feedback: readonly FeedbackItem[],
  settled: { feedbackId: string; interviewerId: string },
): Promise<TransactionWrite[]> => {
  const hiringManagerId = await hiringManagerOf(actor.tenantId, interview.requisitionId);
  const open = colleaguesStillOpen(interview, feedback, settled.interviewerId);
  return [
    ...open.map((colleague) => stillOwed(interview, colleague)),
    eventWrite(actor, type, {
      ...settled,
      interviewId: interview.interviewId,
      applicationId: interview.applicationId,
      requisitionTitle: interview.requisitionTitle,
      round: interview.round,
      organizerId: interview.createdBy,
      ...(hiringManagerId ? { hiringManagerId } : {}),
      allSubmitted: allSubmittedWith(interview, feedback, settled.interviewerId),
    }),
  ];
};

/** Decides a feedback write again while it loses races, within the attempts a full panel needs. */
const withRaceRetries = async <T>(interviewId: string, attempt: () => Promise<T>): Promise<T> => {
  for (let count = 1; ; count++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof LostRaceError)) throw error;
      if (count >= ATTEMPTS) {
        throw new ConflictError(`The feedback of interview ${interviewId} is being changed by others; try again.`);
      }
    }
  }
};

/**
 * Saves the caller's feedback on an interview they sit in, as a draft or, with `submit`, for
 * good. Decided on the interview and its feedback as read (strongly consistent) and written
 * only if none of that changed: otherwise decided again, except that with If-Match a change
 * of the caller's own draft is their 412.
 */
export const saveFeedback = async (
  actor: Principal,
  form: SaveFeedback,
  expectedVersion?: number,
): Promise<Feedback> => {
  assertFeedbackRole(actor);
  const errors = feedbackErrors(form);
  if (errors.length) throw new ValidationError('The feedback is not valid.', { errors });
  const { interviewId } = form;
  return withRaceRetries(interviewId, async () => {
    const [interview, feedback] = await Promise.all([
      readInterview(actor.tenantId, interviewId),
      feedbackOfInterview(actor.tenantId, interviewId),
    ]);
    if (!isOnPanel(interview, actor.userId)) throw interviewNotFound(interviewId);
    assertFeedbackOpen(interview);
    const own = feedback.find((item) => item.interviewerId === actor.userId);
    assertStillDraft(own);
    assertVersion(own, interviewId, expectedVersion);
    const { write, item } = feedbackWrite(nextItem(actor, interview, own, form), own);
    const writes = [
      write,
      interviewUnchanged(interview),
      candidateNotErased(interview),
      auditWrite(actor, {
        action: actionOf(own, form.submit),
        entityType: 'interview_feedback',
        entityId: item.feedbackId,
        before: own && auditView(own),
        after: auditView(item),
      }),
      ...(form.submit
        ? await settlementWrites(actor, 'feedback.submitted', interview, feedback, {
            feedbackId: item.feedbackId,
            interviewerId: actor.userId,
          })
        : []),
    ];
    await transactWrite(writes, { attempts: CONFLICT_ATTEMPTS });
    return toFeedback(item);
  });
};

/**
 * Excuses an interviewer of the panel from their feedback (they left, or will not give it):
 * the interview no longer waits for them, so its scorecard can complete. Recruiters and
 * admins only, once feedback is open, and only while theirs is not submitted. Whatever they
 * drafted is dropped. Returns the interview's feedback as the caller now sees it.
 */
export const excuseFeedback = async (
  actor: Principal,
  interviewId: string,
  { interviewerId }: ExcuseFeedback,
): Promise<InterviewFeedback> => {
  assertFeedbackManager(actor);
  return withRaceRetries(interviewId, async () => {
    const [interview, feedback] = await Promise.all([
      readInterview(actor.tenantId, interviewId),
      feedbackOfInterview(actor.tenantId, interviewId),
    ]);
    if (!isOnPanel(interview, interviewerId)) {
      throw new ValidationError(`${interviewerId} is not an interviewer of interview ${interviewId}.`, {
        errors: [{ field: 'interviewerId', code: 'not_on_panel', message: 'Name an interviewer of this interview' }],
      });
    }
    assertFeedbackOpen(interview);
    const own = feedback.find((item) => item.interviewerId === interviewerId);
    assertStillDraft(own, 'Their');
    const { write, item } = feedbackWrite(excusedItem(actor, interview, interviewerId, own), own);
    await transactWrite(
      [
        write,
        interviewUnchanged(interview),
        auditWrite(actor, {
          action: 'interview_feedback.excused',
          entityType: 'interview_feedback',
          entityId: item.feedbackId,
          before: own && auditView(own),
          after: auditView(item),
        }),
        ...(await settlementWrites(actor, 'feedback.excused', interview, feedback, {
          feedbackId: item.feedbackId,
          interviewerId,
        })),
      ],
      { attempts: CONFLICT_ATTEMPTS },
    );
    // As written: the interview is unchanged (its guard held), and the excused item replaces theirs.
    return feedbackView(actor, interview, [...feedback.filter((other) => other !== own), item]);
  });
};

/** What the caller may see of an interview's feedback as read (feedback.visibility.ts); none of theirs is a 404. */
const feedbackView = (
  actor: Principal,
  interview: InterviewItem,
  feedback: readonly FeedbackItem[],
): InterviewFeedback => {
  const visible = visibleFeedback(actor, interview, feedback);
  if (!visible) throw interviewNotFound(interview.interviewId);
  return {
    interviewId: interview.interviewId,
    interviewStatus: interview.status,
    ...visible,
    feedback: visible.feedback.map(toFeedback),
  };
};

/** The feedback of one interview, as much of it as the caller may see. */
export const getInterviewFeedback = async (actor: Principal, interviewId: string): Promise<InterviewFeedback> => {
  assertFeedbackRole(actor);
  const [interview, feedback] = await Promise.all([
    readInterview(actor.tenantId, interviewId),
    feedbackOfInterview(actor.tenantId, interviewId),
  ]);
  return feedbackView(actor, interview, feedback);
};
