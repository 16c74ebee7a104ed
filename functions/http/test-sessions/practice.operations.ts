import type { Operations } from '@assist-ten/lambda-kit/http/operation';
import type { practiceRoutes } from '../../routes/practice.ts';

export const practiceOperations: Operations<(typeof practiceRoutes)[number]> = {};
