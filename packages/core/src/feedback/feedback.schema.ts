import * as z from 'zod/mini';
import { INTERVIEW_STATUSES, INTERVIEW_TYPES } from '../interviews/interview.model.ts';
import { idPattern } from '../shared/ids.ts';
import { boundedList, idPath, text, trackedView } from '../shared/schema.ts';
import { FEEDBACK_LIMITS, FEEDBACK_STATUSES, RECOMMENDATIONS } from './feedback.model.ts';

const { rating: scale } = FEEDBACK_LIMITS;
const RATING_RULE = `A rating from ${scale.min} to ${scale.max} in steps of ${scale.step}`;

/** 1 to 5 in half steps: 3.5 is a rating, 3.3 and 6 are not. */
export const rating = z
  .number()
  .check(z.minimum(scale.min, RATING_RULE), z.maximum(scale.max, RATING_RULE), z.multipleOf(scale.step, RATING_RULE));

/** A skill is named once per feedback, whatever its capitals or surrounding spaces. */
export const skillKey = (skill: string): string => skill.trim().toLowerCase();

const SkillRating = z.strictObject({
  skill: text(FEEDBACK_LIMITS.skillNameLength),
  rating,
  notes: z.optional(text(FEEDBACK_LIMITS.skillNotesLength)),
});

const skillRatings = boundedList(SkillRating, FEEDBACK_LIMITS.skillRatings).check(
  z.refine((list) => new Set(list.map(({ skill }) => skillKey(skill))).size === list.length, 'Rate each skill once'),
);

const interviewId = z.string().check(z.regex(idPattern('interview'), 'An interview id such as int_01J...'));

/**
 * The whole feedback form, every time: saving replaces the draft with this body, so a field
 * left out is cleared. Rules across fields (what a submission needs, follow-up notes only
 * with a follow-up) are in feedback.rules.ts.
 */
export const SaveFeedbackBody = z.strictObject({
  interviewId,
  /** true makes it final; false (the default) saves a draft to finish later. */
  submit: z._default(z.boolean(), false),
  overallRating: z.optional(rating),
  recommendation: z.optional(z.enum(RECOMMENDATIONS)),
  technicalSkillsRating: z.optional(rating),
  communicationRating: z.optional(rating),
  problemSolvingRating: z.optional(rating),
  cultureFitRating: z.optional(rating),
  skillRatings: z._default(skillRatings, []),
  strengths: z.optional(text(FEEDBACK_LIMITS.strengthsLength)),
  weaknesses: z.optional(text(FEEDBACK_LIMITS.weaknessesLength)),
  detailedNotes: z.optional(text(FEEDBACK_LIMITS.detailedNotesLength)),
  followUpRequired: z._default(z.boolean(), false),
  followUpNotes: z.optional(text(FEEDBACK_LIMITS.followUpNotesLength)),
});
export type SaveFeedback = z.output<typeof SaveFeedbackBody>;

/** `{id}` is the interview whose feedback is read. */
export const InterviewFeedbackPath = idPath('interview');

/** `{id}` is the application whose scorecard is read. */
export const ScorecardPath = idPath('application');

export const Feedback = z.object({
  id: z.string(),
  interviewId: z.string(),
  interviewerId: z.string(),
  applicationId: z.string(),
  status: z.enum(FEEDBACK_STATUSES),
  overallRating: z.optional(z.number()),
  recommendation: z.optional(z.enum(RECOMMENDATIONS)),
  technicalSkillsRating: z.optional(z.number()),
  communicationRating: z.optional(z.number()),
  problemSolvingRating: z.optional(z.number()),
  cultureFitRating: z.optional(z.number()),
  skillRatings: z.array(z.object({ skill: z.string(), rating: z.number(), notes: z.optional(z.string()) })),
  strengths: z.optional(z.string()),
  weaknesses: z.optional(z.string()),
  detailedNotes: z.optional(z.string()),
  followUpRequired: z.boolean(),
  followUpNotes: z.optional(z.string()),
  submittedAt: z.optional(z.string()),
  /** Excused: when, and by which recruiter or admin; an excused feedback carries no ratings or text. */
  excusedAt: z.optional(z.string()),
  excusedBy: z.optional(z.string()),
  ...trackedView,
});
export type Feedback = z.output<typeof Feedback>;

/** Whom of the panel to excuse from their feedback. */
export const ExcuseFeedbackBody = z.strictObject({
  interviewerId: z.string().check(z.regex(idPattern('user'), 'A user id such as usr_01J...')),
});
export type ExcuseFeedback = z.output<typeof ExcuseFeedbackBody>;

/** Where one interviewer's feedback stands: none yet, started, final, or no longer expected. */
export const INTERVIEWER_FEEDBACK_STATUSES = ['pending', 'draft', 'submitted', 'excused'] as const;
export type InterviewerFeedbackStatus = (typeof INTERVIEWER_FEEDBACK_STATUSES)[number];

/** `all`: every submitted feedback is shown; `own_only`: the caller's own, until they submit it. */
export const FEEDBACK_VISIBILITIES = ['all', 'own_only'] as const;
export type FeedbackVisibility = (typeof FEEDBACK_VISIBILITIES)[number];

export const InterviewFeedback = z.object({
  interviewId: z.string(),
  interviewStatus: z.enum(INTERVIEW_STATUSES),
  visibility: z.enum(FEEDBACK_VISIBILITIES),
  /** The lead first, then the panel. */
  interviewers: z.array(
    z.object({
      interviewerId: z.string(),
      role: z.enum(['lead', 'panel']),
      status: z.enum(INTERVIEWER_FEEDBACK_STATUSES),
    }),
  ),
  /** How many of the interviewers submitted: all an interviewer learns of colleagues' work before submitting. */
  submittedCount: z.int(),
  feedback: z.array(Feedback),
});
export type InterviewFeedback = z.output<typeof InterviewFeedback>;

const average = z.nullable(z.number());

export const Scorecard = z.object({
  applicationId: z.string(),
  /** Every interview of the application, by time; cancelled and no-show ones too. */
  interviews: z.array(
    z.object({
      interviewId: z.string(),
      round: z.int(),
      interviewType: z.enum(INTERVIEW_TYPES),
      status: z.enum(INTERVIEW_STATUSES),
      scheduledAt: z.string(),
      interviewers: z.int(),
      submitted: z.int(),
      /** Interviewers excused from their feedback: it is not waited for. */
      excused: z.int(),
      /**
       * Every interviewer of it submitted or was excused (a cancelled or no-show interview
       * has nothing to complete).
       */
      complete: z.boolean(),
      /**
       * The reader sits on its panel and has not submitted their own feedback yet: its
       * feedback is left out of `overall` until they have, as on the feedback itself.
       */
      withheld: z.boolean(),
    }),
  ),
  /** Submitted feedback only, of interviews not withheld from the reader: drafts count for nothing. */
  overall: z.object({
    /**
     * At least one interview completed, none still scheduled or in progress, and every
     * completed one has all its interviewers' feedback. Cancelled and no-show ones do not block it.
     */
    complete: z.boolean(),
    feedbackCount: z.int(),
    /** Means rounded to 2 decimals; null when no feedback gave that rating. */
    averages: z.object({
      overallRating: average,
      technicalSkillsRating: average,
      communicationRating: average,
      problemSolvingRating: average,
      cultureFitRating: average,
    }),
    /** Every recommendation, zeros included. */
    recommendations: z.record(z.enum(RECOMMENDATIONS), z.int()),
    /** By skill name, A to Z; names differing only in capitals are one skill. */
    skills: z.array(z.object({ skill: z.string(), average: z.number(), count: z.int() })),
    followUps: z.object({ count: z.int(), interviewerIds: z.array(z.string()) }),
  }),
});
export type Scorecard = z.output<typeof Scorecard>;
