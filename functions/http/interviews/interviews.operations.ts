import type { Operations } from '@assist-ten/lambda-kit/http/operation';
import type { interviewRoutes } from '../../routes/interviews.ts';

export const interviewOperations: Operations<(typeof interviewRoutes)[number]> = {};
