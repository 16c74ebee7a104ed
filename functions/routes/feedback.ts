/** Interviewers' feedback, its visibility rules, and the application's consolidated scorecard. */
export const feedbackRoutes = [] as const;
