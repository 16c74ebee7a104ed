import type { Principal } from '../shared/principal.ts';
import { allowedNext } from '../shared/state-machine.ts';
import type { CalendarEntryItem } from './calendar-entry.entity.ts';
import type { InterviewItem } from './interview.entity.ts';
import { INTERVIEW_TRANSITIONS } from './interview.model.ts';
import { allowedActionsFor, seatOf } from './interview.policy.ts';
import { opensAt } from './interview.rules.ts';
import { Interview, InterviewRecord, InterviewSummary } from './interview.schema.ts';

/** The stored fields, `interviewId` as `id`; parsing drops the tenant, the reminder shard and index keys. */
export const toInterviewRecord = ({ interviewId, ...item }: InterviewItem): InterviewRecord =>
  InterviewRecord.parse({ id: interviewId, ...item });

/** What the API shows one caller: the record, plus what they may do with it now. */
export const toInterview = (item: InterviewItem, actor: Principal, now: string): Interview =>
  Interview.parse({
    ...toInterviewRecord(item),
    opensAt: opensAt(item.scheduledAt),
    allowedNextStatuses: allowedNext(INTERVIEW_TRANSITIONS, item.status),
    allowedActions: allowedActionsFor(actor, item, now),
  });

/** A line of the caller's own list, from their calendar entry. */
export const summaryOfEntry = ({ interviewId, ...entry }: CalendarEntryItem): InterviewSummary =>
  InterviewSummary.parse({ id: interviewId, ...entry });

/** A line of a candidate's, application's or requisition's list, with the caller's seat when they have one. */
export const summaryOfInterview = (item: InterviewItem, actor: Principal): InterviewSummary => {
  const role = seatOf(actor, item);
  return InterviewSummary.parse({ id: item.interviewId, ...item, ...(role ? { role } : {}) });
};

/**
 * What the audit trail keeps of an interview: ids, times, people and place, never free text
 * (notes, questions, the cancel reason), which may say things about the candidate and must
 * not outlive an erasure of them. That there was such text, and a change to it, is kept.
 */
export const interviewAuditView = (item: InterviewItem) => {
  const { preparationNotes, questionGuide, cancelReason, ...record } = toInterviewRecord(item);
  return {
    ...record,
    preparationNotes: preparationNotes === undefined ? undefined : `[${preparationNotes.length} characters]`,
    questionGuide:
      questionGuide === undefined
        ? undefined
        : { questionSetId: questionGuide.questionSetId, questions: questionGuide.questions?.length ?? 0 },
    cancelReason: cancelReason === undefined ? undefined : `[${cancelReason.length} characters]`,
  };
};
