/**
 * The error taxonomy of the domain. Every error a use case raises on purpose is one
 * of these; the HTTP kit maps them to RFC 9457 problem details in one place. Anything
 * else is a bug and becomes an opaque 500.
 */
export interface FieldError {
  field: string;
  message: string;
  code: string;
}

export abstract class AppError extends Error {
  abstract readonly statusCode: number;
  abstract readonly code: string;
  abstract readonly title: string;
  readonly errors: FieldError[] | undefined;
  /** Extra, safe-to-expose members of the problem document. */
  readonly extensions: Record<string, unknown> | undefined;

  constructor(
    message: string,
    options: { errors?: FieldError[]; extensions?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.errors = options.errors;
    this.extensions = options.extensions;
  }
}

export class ValidationError extends AppError {
  readonly statusCode = 400;
  readonly code = 'validation_failed';
  readonly title = 'Your request is not valid';
}

export class MalformedRequestError extends AppError {
  readonly statusCode = 400;
  readonly code = 'malformed_request';
  readonly title = 'The request body is not valid JSON';
}

export class UnauthorizedError extends AppError {
  readonly statusCode = 401;
  readonly code = 'unauthorized';
  readonly title = 'Authentication is required';
}

export class ForbiddenError extends AppError {
  readonly statusCode = 403;
  readonly code = 'forbidden';
  readonly title = 'You are not allowed to do this';
}

export class NotFoundError extends AppError {
  readonly statusCode = 404;
  readonly code = 'not_found';
  readonly title = 'Not found';
}

export class ConflictError extends AppError {
  readonly statusCode = 409;
  readonly code: string = 'conflict';
  readonly title: string = 'The request conflicts with the current state';
}

export class IllegalTransitionError extends ConflictError {
  override readonly code = 'illegal_transition';
  override readonly title = 'This status change is not allowed';
}

/** The thing existed but is over for good (an expired or revoked invitation): asking again will not help. */
export class GoneError extends AppError {
  readonly statusCode = 410;
  readonly code: string = 'gone';
  readonly title: string = 'This is no longer available';
}

export class PreconditionFailedError extends AppError {
  readonly statusCode = 412;
  readonly code = 'precondition_failed';
  readonly title = 'The resource has changed since you read it';
}

export class PayloadTooLargeError extends AppError {
  readonly statusCode = 413;
  readonly code = 'payload_too_large';
  readonly title = 'The request body is too large';
}

export class UnsupportedMediaTypeError extends AppError {
  readonly statusCode = 415;
  readonly code = 'unsupported_media_type';
  readonly title = 'The request body must be JSON';
}

/** A caller asked more often than allowed: `retryAfterSeconds` says when it may ask again (also sent as Retry-After). */
export class TooManyRequestsError extends AppError {
  readonly statusCode = 429;
  readonly code = 'too_many_requests';
  readonly title = 'Too many requests';
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number) {
    super(message, { extensions: { retryAfterSeconds } });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class IdempotencyKeyReusedError extends AppError {
  readonly statusCode = 422;
  readonly code = 'idempotency_key_reused';
  readonly title = 'This Idempotency-Key was used with a different request';
}
