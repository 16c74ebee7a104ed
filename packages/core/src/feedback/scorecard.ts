import type { InterviewStatus, InterviewType } from '../interviews/interview.model.ts';
import { type FeedbackStatus, isSettled, RECOMMENDATIONS, type Recommendation, SUB_RATINGS } from './feedback.model.ts';
import { isOnPanel, seatsOf } from './feedback.policy.ts';
import { type Scorecard, skillKey } from './feedback.schema.ts';

/** What the scorecard reads of an interview. */
export interface ScoredInterview {
  interviewId: string;
  round: number;
  interviewType: InterviewType;
  status: InterviewStatus;
  scheduledAt: string;
  interviewerId: string;
  additionalInterviewers: readonly string[];
}

/** What the scorecard reads of a feedback: its ratings, never its text. */
export interface ScoredFeedback {
  interviewId: string;
  interviewerId: string;
  status: FeedbackStatus;
  overallRating?: number | undefined;
  recommendation?: Recommendation | undefined;
  technicalSkillsRating?: number | undefined;
  communicationRating?: number | undefined;
  problemSolvingRating?: number | undefined;
  cultureFitRating?: number | undefined;
  skillRatings?: readonly { skill: string; rating: number }[] | undefined;
  followUpRequired: boolean;
}

/** Interviews that did not take place: listed, but nobody owes feedback on them. */
const NOTHING_TO_ASSESS: readonly InterviewStatus[] = ['cancelled', 'no_show'];

/** Interviews still to come or under way: the picture is not complete while there are any. */
const STILL_RUNNING: readonly InterviewStatus[] = ['scheduled', 'in_progress'];

export const roundTo2 = (value: number): number => Math.round(value * 100) / 100;

const mean = (values: readonly number[]): number | null =>
  values.length === 0 ? null : roundTo2(values.reduce((sum, value) => sum + value, 0) / values.length);

const defined = (values: readonly (number | undefined)[]): number[] =>
  values.filter((value): value is number => value !== undefined);

const skillsOf = (feedback: readonly ScoredFeedback[]): Scorecard['overall']['skills'] => {
  const bySkill = new Map<string, { skill: string; ratings: number[] }>();
  for (const { skill, rating } of feedback.flatMap((item) => item.skillRatings ?? [])) {
    const key = skillKey(skill);
    const entry = bySkill.get(key) ?? { skill: skill.trim(), ratings: [] };
    entry.ratings.push(rating);
    bySkill.set(key, entry);
  }
  return [...bySkill.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, { skill, ratings }]) => ({ skill, average: mean(ratings) ?? 0, count: ratings.length }));
};

/**
 * Whether the reader sits on this interview's panel and still owes their own feedback on it:
 * the rule of the feedback itself (nobody is swayed before writing their own) holds for its
 * averages too, so its feedback stays out of what they are shown.
 */
const withheldFrom = (readerId: string, interview: ScoredInterview, feedback: readonly ScoredFeedback[]): boolean =>
  isOnPanel(interview, readerId) &&
  !NOTHING_TO_ASSESS.includes(interview.status) &&
  !feedback.some(
    (item) => item.interviewId === interview.interviewId && item.interviewerId === readerId && isSettled(item.status),
  );

/**
 * An application's scorecard as `readerId` may see it, computed from its interviews and every
 * feedback on them. Only submitted feedback counts: a draft may change, and its author has not
 * stood by it yet; an excused one was never given, and only stops the interview waiting for it. The feedback of an interview withheld from the reader counts in its row's
 * progress, never in the overall figures. Computed afresh on every read, so no race between
 * submissions can leave it stale.
 */
export const consolidate = (
  applicationId: string,
  readerId: string,
  interviews: readonly ScoredInterview[],
  feedback: readonly ScoredFeedback[],
): Scorecard => {
  const withheld = new Set(
    interviews
      .filter((interview) => withheldFrom(readerId, interview, feedback))
      .map((interview) => interview.interviewId),
  );
  const submitted = feedback.filter((item) => item.status === 'submitted' && !withheld.has(item.interviewId));
  const rows = interviews.map((interview) => {
    const seats = seatsOf(interview).map((seat) => seat.interviewerId);
    const ofSeats = feedback.filter(
      (item) => item.interviewId === interview.interviewId && seats.includes(item.interviewerId),
    );
    const count = (status: FeedbackStatus) => ofSeats.filter((item) => item.status === status).length;
    const done = count('submitted');
    const excused = count('excused');
    return {
      interviewId: interview.interviewId,
      round: interview.round,
      interviewType: interview.interviewType,
      status: interview.status,
      scheduledAt: interview.scheduledAt,
      interviewers: seats.length,
      submitted: done,
      excused,
      complete: !NOTHING_TO_ASSESS.includes(interview.status) && done + excused === seats.length,
      withheld: withheld.has(interview.interviewId),
    };
  });
  const assessed = rows.filter((row) => !NOTHING_TO_ASSESS.includes(row.status));
  const complete =
    assessed.some((row) => row.status === 'completed') &&
    assessed.every((row) => !STILL_RUNNING.includes(row.status) && row.complete);
  const recommendations = Object.fromEntries(
    RECOMMENDATIONS.map((value) => [value, submitted.filter((item) => item.recommendation === value).length]),
  ) as Record<Recommendation, number>;
  const averages = Object.fromEntries(
    ['overallRating' as const, ...SUB_RATINGS].map((field) => [
      field,
      mean(defined(submitted.map((item) => item[field]))),
    ]),
  ) as Scorecard['overall']['averages'];
  const askedForFollowUp = submitted.filter((item) => item.followUpRequired);
  return {
    applicationId,
    interviews: rows,
    overall: {
      complete,
      feedbackCount: submitted.length,
      averages,
      recommendations,
      skills: skillsOf(submitted),
      followUps: {
        count: askedForFollowUp.length,
        interviewerIds: [...new Set(askedForFollowUp.map((item) => item.interviewerId))].sort(),
      },
    },
  };
};
