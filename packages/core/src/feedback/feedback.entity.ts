import { Entity, type EntityItem } from 'electrodb';
import { trackedAttributes } from '../shared/attributes.ts';
import { documentClient, tableName } from '../shared/db.ts';
import { FEEDBACK_STATUSES, RECOMMENDATIONS } from './feedback.model.ts';

/**
 * InterviewFeedback: one interviewer's assessment of one interview. Its key is the interview
 * and the interviewer, so there is one per interviewer per interview by construction; it is
 * a draft until submitted (or its interviewer is excused from it), then final.
 *
 * Access patterns:
 * - byInterview    table  pk: tenant + interview    sk: interviewer              -> an interview's feedback
 * - byApplication  gsi1   pk: tenant + application  sk: interview + interviewer  -> an application's feedback (the scorecard)
 */
export const InterviewFeedbackEntity = new Entity(
  {
    model: { entity: 'interview_feedback', version: '1', service: 'assist-ten' },
    attributes: {
      tenantId: { type: 'string', required: true, readOnly: true },
      interviewId: { type: 'string', required: true, readOnly: true },
      interviewerId: { type: 'string', required: true, readOnly: true },
      /** Derived from the interview and the interviewer: the same id however often a draft is saved. */
      feedbackId: { type: 'string', required: true, readOnly: true },
      applicationId: { type: 'string', required: true, readOnly: true },
      candidateId: { type: 'string', required: true, readOnly: true },
      requisitionId: { type: 'string', required: true, readOnly: true },
      status: { type: FEEDBACK_STATUSES, required: true, default: 'draft' },
      overallRating: { type: 'number' },
      recommendation: { type: RECOMMENDATIONS },
      technicalSkillsRating: { type: 'number' },
      communicationRating: { type: 'number' },
      problemSolvingRating: { type: 'number' },
      cultureFitRating: { type: 'number' },
      skillRatings: {
        type: 'list',
        items: {
          type: 'map',
          properties: {
            skill: { type: 'string', required: true },
            rating: { type: 'number', required: true },
            notes: { type: 'string' },
          },
        },
      },
      strengths: { type: 'string' },
      weaknesses: { type: 'string' },
      detailedNotes: { type: 'string' },
      followUpRequired: { type: 'boolean', required: true, default: false },
      followUpNotes: { type: 'string' },
      submittedAt: { type: 'string' },
      /** Excused: when, and by which recruiter or admin. */
      excusedAt: { type: 'string' },
      excusedBy: { type: 'string' },
      ...trackedAttributes,
    },
    indexes: {
      byInterview: {
        pk: { field: 'pk', composite: ['tenantId', 'interviewId'], casing: 'none' },
        sk: { field: 'sk', composite: ['interviewerId'], casing: 'none' },
      },
      byApplication: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['tenantId', 'applicationId'], casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['interviewId', 'interviewerId'], casing: 'none' },
      },
    },
  },
  { client: documentClient, table: tableName() },
);

export type FeedbackItem = EntityItem<typeof InterviewFeedbackEntity>;
