import { interviewRoutes } from '../../routes/interviews.ts';

/** The routes the interviews function serves: scheduling, lists, details and the lifecycle. */
export const interviewContextRoutes = [...interviewRoutes] as const;
