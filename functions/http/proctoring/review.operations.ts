import type { Operations } from '@assist-ten/lambda-kit/http/operation';
import type { proctoringReviewRoutes } from '../../routes/proctoring-review.ts';

export const reviewOperations: Operations<(typeof proctoringReviewRoutes)[number]> = {};
