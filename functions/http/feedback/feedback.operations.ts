import type { Operations } from '@assist-ten/lambda-kit/http/operation';
import type { feedbackRoutes } from '../../routes/feedback.ts';

export const feedbackOperations: Operations<(typeof feedbackRoutes)[number]> = {};
