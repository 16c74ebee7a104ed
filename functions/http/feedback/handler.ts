import { createHttpHandler } from '@assist-ten/lambda-kit/http/handler';
import { feedbackOperations } from './feedback.operations.ts';
import { feedbackContextRoutes } from './routes.ts';

export const handler = createHttpHandler(feedbackContextRoutes, feedbackOperations);
