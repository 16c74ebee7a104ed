import {
  AppError,
  ConflictError,
  ForbiddenError,
  IdempotencyKeyReusedError,
  IllegalTransitionError,
  MalformedRequestError,
  NotFoundError,
  PayloadTooLargeError,
  PreconditionFailedError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '@assist-ten/core/shared/errors';
import { PROBLEM_CONTENT_TYPE, problemResponse } from '@assist-ten/lambda-kit/http/problem';
import { describe, expect, it } from 'vitest';

const CORRELATION_ID = 'corr-1234';

class UpstreamUnavailableError extends AppError {
  readonly statusCode = 503;
  readonly code = 'upstream_unavailable';
  readonly title = 'Upstream is down';
}

const bodyOf = (response: { body?: string }): Record<string, unknown> => JSON.parse(response.body ?? 'null');

describe('problemResponse', () => {
  it.each([
    [ValidationError, 400, 'validation_failed'],
    [MalformedRequestError, 400, 'malformed_request'],
    [UnauthorizedError, 401, 'unauthorized'],
    [ForbiddenError, 403, 'forbidden'],
    [NotFoundError, 404, 'not_found'],
    [ConflictError, 409, 'conflict'],
    [IllegalTransitionError, 409, 'illegal_transition'],
    [PreconditionFailedError, 412, 'precondition_failed'],
    [PayloadTooLargeError, 413, 'payload_too_large'],
    [UnsupportedMediaTypeError, 415, 'unsupported_media_type'],
    [IdempotencyKeyReusedError, 422, 'idempotency_key_reused'],
  ])('maps %o to a %i problem document', (ErrorClass, status, code) => {
    // Arrange
    const error = new ErrorClass('What exactly went wrong.');

    // Act
    const response = problemResponse(error, CORRELATION_ID);

    // Assert
    expect(response.statusCode).toBe(status);
    expect(response.headers).toEqual({ 'content-type': PROBLEM_CONTENT_TYPE });
    expect(PROBLEM_CONTENT_TYPE).toBe('application/problem+json');
    expect(bodyOf(response)).toEqual({
      type: expect.stringMatching(new RegExp(`/${code}$`)),
      title: error.title,
      status,
      detail: 'What exactly went wrong.',
      code,
      correlationId: CORRELATION_ID,
    });
  });

  it('carries field errors and extensions when the error has them', () => {
    // Arrange
    const errors = [{ field: 'salary.max', code: 'custom', message: 'max must be at least min' }];
    const withErrors = new ValidationError('The request body did not pass validation.', { errors });
    const withExtensions = new PayloadTooLargeError('Too big.', { extensions: { limitBytes: 262_144 } });

    // Act
    const validation = bodyOf(problemResponse(withErrors, CORRELATION_ID));
    const tooLarge = bodyOf(problemResponse(withExtensions, CORRELATION_ID));

    // Assert
    expect(validation.errors).toEqual(errors);
    expect(tooLarge.limitBytes).toBe(262_144);
    expect(tooLarge).not.toHaveProperty('errors');
  });

  it.each([
    ['a plain Error', new Error('connect ECONNREFUSED 10.0.0.1:5432 password=hunter2')],
    ['an AppError of status 503', new UpstreamUnavailableError('connect ECONNREFUSED 10.0.0.1:5432 password=hunter2')],
    ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'password=hunter2')")],
    ['a thrown string', 'password=hunter2 ECONNREFUSED'],
  ])('turns %s into an opaque 500 that reveals nothing internal', (_label, error) => {
    // Act
    const response = problemResponse(error, CORRELATION_ID);

    // Assert
    const body = bodyOf(response);
    expect(response.statusCode).toBe(500);
    expect(response.headers).toEqual({ 'content-type': 'application/problem+json' });
    expect(body).toMatchObject({ status: 500, code: 'internal', correlationId: CORRELATION_ID });
    expect(body.type).toEqual(expect.any(String));
    expect(body.title).toEqual(expect.any(String));
    expect(response.body).not.toContain('hunter2');
    expect(response.body).not.toContain('ECONNREFUSED');
    expect(response.body).not.toContain('stack');
    expect(response.body).not.toContain('    at ');
    expect(response.body).not.toContain('upstream_unavailable');
  });

  it('never puts a stack trace in a 4xx problem', () => {
    // Arrange
    const error = new NotFoundError('Requisition req_1 was not found.');

    // Act
    const response = problemResponse(error, CORRELATION_ID);

    // Assert
    expect(bodyOf(response)).not.toHaveProperty('stack');
    expect(response.body).not.toContain('    at ');
  });
});

describe('problemResponse extensions', () => {
  it('never lets an extension overwrite the status or type of the problem', () => {
    const error = new ConflictError('Clash', {
      extensions: { status: 200, type: 'about:blank', currentStatus: 'open' },
    });

    const response = problemResponse(error, CORRELATION_ID);

    expect(response.statusCode).toBe(409);
    expect(JSON.parse(String(response.body))).toMatchObject({
      status: 409,
      type: expect.stringContaining('conflict'),
      currentStatus: 'open',
    });
  });
});
