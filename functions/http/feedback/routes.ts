import { feedbackRoutes } from '../../routes/feedback.ts';

/** The routes the feedback function serves: feedback, its visibility rules, the scorecard. */
export const feedbackContextRoutes = [...feedbackRoutes] as const;
