import { ApplicationEntity } from '../applications/application.entity.ts';
import { type InterviewItem, InterviewSessionEntity } from '../interviews/interview.entity.ts';
import { RequisitionEntity } from '../requisitions/requisition.entity.ts';
import { NotFoundError } from '../shared/errors.ts';
import { type FeedbackItem, InterviewFeedbackEntity } from './feedback.entity.ts';

/**
 * What this context reads of its neighbours and of its own partitions, in one place. Reads
 * by key or by index only; an interview's feedback is at most one per interviewer (ten).
 */

export const interviewNotFound = (interviewId: string) => new NotFoundError(`Interview ${interviewId} was not found.`);

export const readInterview = async (tenantId: string, interviewId: string): Promise<InterviewItem> => {
  const { data } = await InterviewSessionEntity.get({ tenantId, interviewId }).go({ consistent: true });
  if (!data) throw interviewNotFound(interviewId);
  return data;
};

/** Strongly consistent: a submission decides "everyone has submitted" on what is there now. */
export const feedbackOfInterview = async (tenantId: string, interviewId: string): Promise<FeedbackItem[]> =>
  (await InterviewFeedbackEntity.query.byInterview({ tenantId, interviewId }).go({ consistent: true, pages: 'all' }))
    .data;

export const hiringManagerOf = async (tenantId: string, requisitionId: string): Promise<string | undefined> => {
  const { data } = await RequisitionEntity.get({ tenantId, requisitionId }).go({ attributes: ['hiringManagerId'] });
  return data?.hiringManagerId ?? undefined;
};

export const assertApplicationExists = async (tenantId: string, applicationId: string): Promise<void> => {
  const { data } = await ApplicationEntity.get({ tenantId, applicationId }).go({ attributes: ['applicationId'] });
  if (!data) throw new NotFoundError(`Application ${applicationId} was not found.`);
};

/** What the scorecard needs of each interview, by time: no notes, no question guide. */
export const interviewsOfApplication = async (tenantId: string, applicationId: string) =>
  (
    await InterviewSessionEntity.query.byApplication({ tenantId, applicationId }).go({
      pages: 'all',
      attributes: [
        'interviewId',
        'round',
        'interviewType',
        'status',
        'scheduledAt',
        'interviewerId',
        'additionalInterviewers',
      ],
    })
  ).data;

export const feedbackOfApplication = async (tenantId: string, applicationId: string): Promise<FeedbackItem[]> =>
  (await InterviewFeedbackEntity.query.byApplication({ tenantId, applicationId }).go({ pages: 'all' })).data;
