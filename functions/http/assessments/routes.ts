import { assessmentRoutes } from '../../routes/assessments.ts';
import { questionGenerationRoutes } from '../../routes/question-generation.ts';
import { questionSetRoutes } from '../../routes/question-sets.ts';

/** The routes the assessments function serves; it bundles these schemas and no other context's. */
export const assessmentContextRoutes = [
  ...questionSetRoutes,
  ...questionGenerationRoutes,
  ...assessmentRoutes,
] as const;
