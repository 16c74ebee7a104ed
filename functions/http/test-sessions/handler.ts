import { verifyCandidateToken } from '@assist-ten/lambda-kit/http/candidate-tokens';
import { createHttpHandler } from '@assist-ten/lambda-kit/http/handler';
import { candidateSessionOperations } from './candidate-session.operations.ts';
import { practiceOperations } from './practice.operations.ts';
import { resultOperations } from './results.operations.ts';
import { testSessionContextRoutes } from './routes.ts';

export const handler = createHttpHandler(
  testSessionContextRoutes,
  { ...candidateSessionOperations, ...resultOperations, ...practiceOperations },
  { verifyCandidateToken },
);
