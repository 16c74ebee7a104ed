import { verifyCandidateToken } from '@assist-ten/lambda-kit/http/candidate-tokens';
import { createHttpHandler } from '@assist-ten/lambda-kit/http/handler';
import { eventOperations } from './events.operations.ts';
import { reviewOperations } from './review.operations.ts';
import { proctoringContextRoutes } from './routes.ts';
import { snapshotOperations } from './snapshots.operations.ts';

export const handler = createHttpHandler(
  proctoringContextRoutes,
  { ...eventOperations, ...snapshotOperations, ...reviewOperations },
  { verifyCandidateToken },
);
