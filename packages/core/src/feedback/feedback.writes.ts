import { CandidateEntity } from '../candidates/candidate.entity.ts';
import { type InterviewItem, InterviewSessionEntity } from '../interviews/interview.entity.ts';
import { isoNow } from '../shared/clock.ts';
import { ConflictError } from '../shared/errors.ts';
import { derivedId } from '../shared/ids.ts';
import type { Principal } from '../shared/principal.ts';
import { check, put, type TransactionWrite } from '../shared/transaction.ts';
import { type FeedbackItem, InterviewFeedbackEntity } from './feedback.entity.ts';
import type { SaveFeedback } from './feedback.schema.ts';

/**
 * The writes of a feedback save: the feedback itself and the guards that hold it to what it
 * was decided on. A guard that fails raises LostRaceError.
 */

/** Something the write was decided on changed since it was read: decide again on fresh data. */
export class LostRaceError extends Error {}

const lostRace = () => new LostRaceError();

/** One feedback per interviewer per interview: the same id however often a draft is saved. */
export const feedbackIdOf = (interviewId: string, interviewerId: string): string =>
  derivedId('feedback', interviewId, `${interviewId}|${interviewerId}`);

const keyParams = (params: object) => params as { TableName: string; Key: Record<string, unknown> };

/** The interview is still as read: status, panel and all (its version moves with every change). */
export const interviewUnchanged = (interview: InterviewItem): TransactionWrite => {
  const { TableName, Key } = keyParams(
    InterviewSessionEntity.get({ tenantId: interview.tenantId, interviewId: interview.interviewId }).params(),
  );
  return check(
    {
      TableName,
      Key,
      ConditionExpression: '#version = :version',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':version': interview.version },
    },
    lostRace,
  );
};

/**
 * The candidate was not erased: erasure removes feedback text, and a save after it would
 * write the person back. A condition, not a read, so a save racing the erasure loses too.
 */
export const candidateNotErased = (interview: InterviewItem): TransactionWrite => {
  const { TableName, Key } = keyParams(
    CandidateEntity.get({ tenantId: interview.tenantId, candidateId: interview.candidateId }).params(),
  );
  return check(
    {
      TableName,
      Key,
      ConditionExpression: 'attribute_not_exists(#pk) OR #status <> :erased',
      ExpressionAttributeNames: { '#pk': 'pk', '#status': 'status' },
      ExpressionAttributeValues: { ':erased': 'erased' },
    },
    () =>
      new ConflictError("The candidate's data was erased: no feedback can be written about them.", {
        extensions: { reason: 'candidate_erased' },
      }),
  );
};

/** A colleague read as still owing feedback has neither submitted nor been excused since. */
export const stillOwed = (interview: InterviewItem, interviewerId: string): TransactionWrite => {
  const { TableName, Key } = keyParams(
    InterviewFeedbackEntity.get({
      tenantId: interview.tenantId,
      interviewId: interview.interviewId,
      interviewerId,
    }).params(),
  );
  return check(
    {
      TableName,
      Key,
      ConditionExpression: 'attribute_not_exists(#pk) OR #status = :draft',
      ExpressionAttributeNames: { '#pk': 'pk', '#status': 'status' },
      ExpressionAttributeValues: { ':draft': 'draft' },
    },
    lostRace,
  );
};

/** The feedback as the form says, replacing the draft: fields the form leaves out are cleared. */
export const nextItem = (
  actor: Principal,
  interview: InterviewItem,
  own: FeedbackItem | undefined,
  form: SaveFeedback,
) => {
  const { interviewId, submit, ...fields } = form;
  const now = isoNow();
  return {
    ...fields,
    tenantId: actor.tenantId,
    interviewId,
    interviewerId: actor.userId,
    feedbackId: feedbackIdOf(interviewId, actor.userId),
    applicationId: interview.applicationId,
    candidateId: interview.candidateId,
    requisitionId: interview.requisitionId,
    status: submit ? ('submitted' as const) : ('draft' as const),
    ...(submit ? { submittedAt: now } : {}),
    createdAt: own?.createdAt ?? now,
    createdBy: own?.createdBy ?? actor.userId,
    updatedBy: actor.userId,
    version: own ? own.version + 1 : 1,
  };
};

/**
 * An interviewer excused from their feedback: whatever they drafted is dropped (it was never
 * stood by), and the item is kept, so the key still allows no other feedback of theirs.
 */
export const excusedItem = (
  actor: Principal,
  interview: InterviewItem,
  interviewerId: string,
  own: FeedbackItem | undefined,
) => {
  const now = isoNow();
  return {
    tenantId: actor.tenantId,
    interviewId: interview.interviewId,
    interviewerId,
    feedbackId: feedbackIdOf(interview.interviewId, interviewerId),
    applicationId: interview.applicationId,
    candidateId: interview.candidateId,
    requisitionId: interview.requisitionId,
    status: 'excused' as const,
    skillRatings: [],
    followUpRequired: false,
    excusedAt: now,
    excusedBy: actor.userId,
    createdAt: own?.createdAt ?? now,
    createdBy: own?.createdBy ?? actor.userId,
    updatedBy: actor.userId,
    version: own ? own.version + 1 : 1,
  };
};

/** The write of the feedback itself: a new one only if there is none, a draft only if untouched since read. */
export const feedbackWrite = (
  next: ReturnType<typeof nextItem> | ReturnType<typeof excusedItem>,
  own: FeedbackItem | undefined,
) => {
  const params = own
    ? InterviewFeedbackEntity.put(next)
        .where(({ version, status }, { eq }) => `${eq(version, own.version)} AND ${eq(status, 'draft')}`)
        .params<{ Item: FeedbackItem }>()
    : InterviewFeedbackEntity.create(next).params<{ Item: FeedbackItem }>();
  return { write: put(params, lostRace), item: params.Item };
};
