import { Logger } from '@aws-lambda-powertools/logger';

/** One structured JSON logger per execution environment; the service name is the context. */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'assist-ten' });
