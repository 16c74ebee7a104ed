import { type FeedbackItem, InterviewFeedbackEntity } from '../feedback/feedback.entity.ts';
import { auditWrite } from '../platform/audit.ts';
import { isoNow } from '../shared/clock.ts';
import type { Principal } from '../shared/principal.ts';
import type { TransactionWrite } from '../shared/transaction.ts';
import { versionedPatch, writeVersioned } from '../shared/versioned-write.ts';
import { type InterviewItem, InterviewSessionEntity } from './interview.entity.ts';
import { loadInterview } from './interview.writes.ts';
import { cancelInterview } from './interview-lifecycle.service.ts';

/**
 * The interviews of a candidate, for their erasure: those still ahead are called off, and
 * every one of them, with its feedback, loses what staff wrote about the person. Ids, times,
 * ratings and recommendations stay: once the person is erased they describe no one, and the
 * scorecards and interview counts of the requisition stay true.
 */

/**
 * The cancel reason of an interview called off by an erasure. Ours, not about the person, so
 * anonymising keeps it: the interviewers still learn why, and a retry finds nothing to remove.
 */
export const ERASURE_CANCEL_REASON = "The candidate's data was erased.";

export interface InterviewsErased {
  /** Interviews whose free text, or whose feedback's, was removed. */
  interviewsAnonymised: number;
  /** Feedback (drafts too) whose free text was removed. */
  feedbackAnonymised: number;
  /** Interviews still ahead, called off: the interviewers' time is free again. */
  interviewsCancelled: number;
}

/** Written by staff about the person: the interviewers' notes, and why it was called off. */
type InterviewText = 'preparationNotes' | 'cancelReason';

const interviewTextOf = (interview: InterviewItem): InterviewText[] => [
  ...(interview.preparationNotes === undefined ? [] : (['preparationNotes'] as const)),
  ...(interview.cancelReason === undefined || interview.cancelReason === ERASURE_CANCEL_REASON
    ? []
    : (['cancelReason'] as const)),
];

/** What an interviewer wrote about the person; the ratings and the skill names stay. */
const FEEDBACK_TEXT = ['strengths', 'weaknesses', 'detailedNotes', 'followUpNotes'] as const;

const feedbackTextOf = (feedback: FeedbackItem): string[] => [
  ...FEEDBACK_TEXT.filter((field) => feedback[field] !== undefined),
  ...(feedback.skillRatings?.some((rating) => rating.notes !== undefined) ? ['skillRatings.notes'] : []),
];

/** Versioned, like any edit: an interviewer with the form still open gets a 412, not their text back silently. */
const feedbackAnonymisation = (actor: Principal, feedback: FeedbackItem): TransactionWrite => {
  const { tenantId, interviewId, interviewerId } = feedback;
  return versionedPatch(
    InterviewFeedbackEntity.patch({ tenantId, interviewId, interviewerId }).set({
      ...(feedback.skillRatings
        ? { skillRatings: feedback.skillRatings.map(({ notes: _notes, ...rating }) => rating) }
        : {}),
      updatedBy: actor.userId,
    }),
    feedback.version,
    FEEDBACK_TEXT.filter((field) => feedback[field] !== undefined),
  );
};

/** Field names and counts only: the audit trail outlives the erasure. */
const anonymisedAudit = (
  actor: Principal,
  interview: InterviewItem,
  fields: readonly InterviewText[],
  feedback: readonly FeedbackItem[],
) =>
  auditWrite(actor, {
    action: 'interview.anonymised',
    entityType: 'interview',
    entityId: interview.interviewId,
    after: {
      candidateId: interview.candidateId,
      freeTextRemoved: [...fields],
      feedbackAnonymised: feedback.length,
      feedbackIds: feedback.map((item) => item.feedbackId),
      feedbackFreeTextRemoved: [...new Set(feedback.flatMap(feedbackTextOf))].sort(),
    },
  });

/**
 * One interview and its feedback lose their free text, with one audit entry, in one
 * transaction (a panel of ten leaves room to spare). How many feedback it anonymised, or
 * undefined when there was nothing left to remove: a retry writes nothing, not even an audit entry.
 */
const anonymiseInterview = async (actor: Principal, interviewId: string): Promise<number | undefined> => {
  const { tenantId } = actor;
  let written: number | undefined;
  await writeVersioned(undefined, {
    label: `Interview ${interviewId}`,
    load: () => loadInterview(actor, interviewId, true),
    decide: async (current) => {
      const { data } = await InterviewFeedbackEntity.query
        .byInterview({ tenantId, interviewId })
        .go({ pages: 'all', consistent: true });
      const feedback = data.filter((item) => feedbackTextOf(item).length > 0);
      const fields = interviewTextOf(current);
      written = fields.length || feedback.length ? feedback.length : undefined;
      if (written === undefined) return [];
      return [
        ...(fields.length
          ? [
              versionedPatch(
                InterviewSessionEntity.patch({ tenantId, interviewId }).set({ updatedBy: actor.userId }),
                current.version,
                fields,
              ),
            ]
          : []),
        ...feedback.map((item) => feedbackAnonymisation(actor, item)),
        anonymisedAudit(actor, current, fields, feedback),
      ];
    },
  });
  return written;
};

/**
 * Still to come: called off through the lifecycle, so the interviewers get a calendar
 * cancellation and their time is freed. The candidate gets nothing: delivery skips an erased
 * candidate. Read strongly consistent, since the index may still show a status already left.
 */
const isAhead = (interview: InterviewItem, now: number): boolean =>
  interview.status === 'scheduled' && Date.parse(interview.scheduledAt) > now;

/**
 * A candidate's interviews and their feedback, for the candidate's erasure (after step a:
 * the candidate is already unreadable). `actor` is the admin erasing, who may cancel any
 * interview of the tenant: the cancellations are theirs in the audit trail, like the rest of
 * the erasure. Idempotent: a retry finds nothing left to cancel or remove and writes nothing.
 */
export const eraseInterviewsOf = async (actor: Principal, candidateId: string): Promise<InterviewsErased> => {
  const { tenantId } = actor;
  const { data } = await InterviewSessionEntity.query
    .byCandidate({ tenantId, candidateId })
    .go({ pages: 'all', attributes: ['interviewId'] });
  const erased: InterviewsErased = { interviewsAnonymised: 0, feedbackAnonymised: 0, interviewsCancelled: 0 };
  const now = Date.parse(isoNow());
  for (const { interviewId } of data) {
    if (isAhead(await loadInterview(actor, interviewId, true), now)) {
      await cancelInterview(actor, interviewId, { reason: ERASURE_CANCEL_REASON });
      erased.interviewsCancelled += 1;
    }
    const feedback = await anonymiseInterview(actor, interviewId);
    if (feedback === undefined) continue;
    erased.interviewsAnonymised += 1;
    erased.feedbackAnonymised += feedback;
  }
  return erased;
};
