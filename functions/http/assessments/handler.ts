import { createHttpHandler } from '@assist-ten/lambda-kit/http/handler';
import { assessmentOperations } from './assessment.operations.ts';
import { questionGenerationOperations } from './question-generation.operations.ts';
import { questionSetOperations } from './question-set.operations.ts';
import { assessmentContextRoutes } from './routes.ts';

export const handler = createHttpHandler(assessmentContextRoutes, {
  ...questionSetOperations,
  ...questionGenerationOperations,
  ...assessmentOperations,
});
