/** The vocabulary of interview feedback, shared by its entity, schemas, visibility rules and the scorecard. */

export const RECOMMENDATIONS = ['strong_hire', 'hire', 'maybe', 'no_hire', 'strong_no_hire'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

/** draft -> submitted; a submitted feedback is final. */
export const FEEDBACK_STATUSES = ['draft', 'submitted'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

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
