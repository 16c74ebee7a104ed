import { createHttpHandler } from '@assist-ten/lambda-kit/http/handler';
import { inboxOperations } from './inbox.operations.ts';
import { notificationRoutes } from './routes.ts';

export const handler = createHttpHandler(notificationRoutes, inboxOperations);
