/** The vocabulary of interview feedback, shared by its entity, schemas, visibility rules and the scorecard. */

export const RECOMMENDATIONS = ['strong_hire', 'hire', 'maybe', 'no_hire', 'strong_no_hire'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

/**
 * draft -> submitted, by its author; draft -> excused, by a recruiter or admin, for an
 * interviewer who will not give it (left, fell ill). Both are final.
 */
export const FEEDBACK_STATUSES = ['draft', 'submitted', 'excused'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

/** Nothing more is owed: the interviewer submitted, or was excused from it. */
export const isSettled = (status: FeedbackStatus): boolean => status !== 'draft';

/** The ratings every feedback may give besides the overall one, each 1-5 in half steps. */
export const SUB_RATINGS = [
  'technicalSkillsRating',
  'communicationRating',
  'problemSolvingRating',
  'cultureFitRating',
] as const;
export type SubRating = (typeof SUB_RATINGS)[number];

export const FEEDBACK_LIMITS = {
  rating: { min: 1, max: 5, step: 0.5 },
  skillRatings: 30,
  skillNameLength: 100,
  skillNotesLength: 1_000,
  strengthsLength: 5_000,
  weaknessesLength: 5_000,
  detailedNotesLength: 20_000,
  followUpNotesLength: 2_000,
} as const;
