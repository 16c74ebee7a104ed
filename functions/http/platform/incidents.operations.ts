import type { Operations } from '@assist-ten/lambda-kit/http/operation';
import type { incidentRoutes } from '../../routes/incidents.ts';

export const incidentOperations: Operations<(typeof incidentRoutes)[number]> = {};
