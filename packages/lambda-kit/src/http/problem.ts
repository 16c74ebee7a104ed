import { AppError, TooManyRequestsError } from '@assist-ten/core/shared/errors';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * RFC 9457 problem details. Only errors the domain raised on purpose (AppError, below 500)
 * say what went wrong; anything else is an opaque 500 that points at the logs by
 * correlation id and reveals nothing internal.
 */
export const problemResponse = (
  error: unknown,
  correlationId: string,
): APIGatewayProxyStructuredResultV2 & { statusCode: number } => {
  const problem =
    error instanceof AppError && error.statusCode < 500
      ? {
          ...error.extensions,
          type: `https://docs.assist-ten.dev/problems/${error.code}`,
          title: error.title,
          status: error.statusCode,
          detail: error.message,
          code: error.code,
          ...(error.errors ? { errors: error.errors } : {}),
          correlationId,
        }
      : {
          type: 'https://docs.assist-ten.dev/problems/internal',
          title: 'Something went wrong on our side',
          status: 500,
          detail: `Please retry later. If it keeps happening, quote correlation id ${correlationId}.`,
          code: 'internal',
          correlationId,
        };
  return {
    statusCode: problem.status,
    headers: {
      'content-type': PROBLEM_CONTENT_TYPE,
      ...(error instanceof TooManyRequestsError ? { 'retry-after': String(error.retryAfterSeconds) } : {}),
    },
    body: JSON.stringify(problem),
  };
};
