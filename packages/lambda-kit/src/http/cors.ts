/**
 * The CORS contract with the frontend, in one place: API Gateway's preflight (CDK), the
 * local gateway's preflight and the Lambda's response headers all use these lists.
 */
export const CORS_ALLOW_HEADERS = ['authorization', 'content-type', 'idempotency-key', 'if-match'] as const;
export const CORS_EXPOSE_HEADERS = ['etag', 'location', 'idempotent-replayed', 'x-correlation-id'] as const;
export const CORS_ALLOW_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export const CORS_MAX_AGE_SECONDS = 600;
