/** The reviewers' side of proctoring, and the candidate's appeal. */
export const proctoringReviewRoutes = [] as const;
