import type { Operations } from '@assist-ten/lambda-kit/http/operation';
import type { questionSetRoutes } from '../../routes/question-sets.ts';

export const questionSetOperations: Operations<(typeof questionSetRoutes)[number]> = {};
