import type { Operations } from '@assist-ten/lambda-kit/http/operation';
import type { auditRoutes } from '../../routes/audit.ts';

export const auditOperations: Operations<(typeof auditRoutes)[number]> = {};
