import type { Operations } from '@assist-ten/lambda-kit/http/operation';
import type { questionGenerationRoutes } from '../../routes/question-generation.ts';

export const questionGenerationOperations: Operations<(typeof questionGenerationRoutes)[number]> = {};
