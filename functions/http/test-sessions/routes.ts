import { candidateSessionRoutes } from '../../routes/candidate-sessions.ts';
import { practiceRoutes } from '../../routes/practice.ts';

/** The routes the test-sessions function serves: the candidate's side of a test, and practice. */
export const testSessionContextRoutes = [...candidateSessionRoutes, ...practiceRoutes] as const;
