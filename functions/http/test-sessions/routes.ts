import { candidateSessionRoutes } from '../../routes/candidate-sessions.ts';
import { practiceRoutes } from '../../routes/practice.ts';
import { testSessionResultRoutes } from '../../routes/test-session-results.ts';

/** The routes the test-sessions function serves: the candidate's side of a test, results, and practice. */
export const testSessionContextRoutes = [
  ...candidateSessionRoutes,
  ...testSessionResultRoutes,
  ...practiceRoutes,
] as const;
