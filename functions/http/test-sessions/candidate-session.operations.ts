import type { Operations } from '@assist-ten/lambda-kit/http/operation';
import type { candidateSessionRoutes } from '../../routes/candidate-sessions.ts';

export const candidateSessionOperations: Operations<(typeof candidateSessionRoutes)[number]> = {};
