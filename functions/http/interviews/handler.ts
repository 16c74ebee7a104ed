import { createHttpHandler } from '@assist-ten/lambda-kit/http/handler';
import { interviewOperations } from './interviews.operations.ts';
import { interviewContextRoutes } from './routes.ts';

export const handler = createHttpHandler(interviewContextRoutes, interviewOperations);
