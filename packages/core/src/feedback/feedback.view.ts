import type { FeedbackItem } from './feedback.entity.ts';
import { Feedback } from './feedback.schema.ts';

/** What the API shows: the item without tenant, keys or the candidate and requisition it is filed under. */
export const toFeedback = ({ feedbackId, ...item }: FeedbackItem): Feedback =>
  Feedback.parse({ id: feedbackId, ...item });

/** The free-text fields of a feedback: what the interviewer wrote about a person. */
const WRITTEN = ['strengths', 'weaknesses', 'detailedNotes', 'followUpNotes'] as const;

/**
 * What the audit trail keeps of a feedback: who, on what, where it stands and the ratings,
 * never the text (about a person, and an audit entry outlives an erasure request): only
 * which text fields were filled in, so an entry still shows that they changed.
 */
export const auditView = (item: Partial<FeedbackItem>) => ({
  interviewId: item.interviewId,
  interviewerId: item.interviewerId,
  applicationId: item.applicationId,
  status: item.status,
  overallRating: item.overallRating,
  recommendation: item.recommendation,
  technicalSkillsRating: item.technicalSkillsRating,
  communicationRating: item.communicationRating,
  problemSolvingRating: item.problemSolvingRating,
  cultureFitRating: item.cultureFitRating,
  /** Skill names are typed in, like notes: how many were rated, not which. */
  skillsRated: item.skillRatings?.length,
  followUpRequired: item.followUpRequired,
  written: WRITTEN.filter((field) => item[field] !== undefined),
  submittedAt: item.submittedAt,
  excusedAt: item.excusedAt,
  excusedBy: item.excusedBy,
});
