import type { Operations } from '@assist-ten/lambda-kit/http/operation';
import type { assessmentRoutes } from '../../routes/assessments.ts';

export const assessmentOperations: Operations<(typeof assessmentRoutes)[number]> = {};
