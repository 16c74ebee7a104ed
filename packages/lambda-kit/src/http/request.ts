import {
  type FieldError,
  MalformedRequestError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '@assist-ten/core/shared/errors';
import type * as z from 'zod/mini';

/** Larger than any legitimate JSON body of this API (files go straight to S3). */
export const MAX_BODY_BYTES = 256 * 1024;

export const rawBody = (body: string | undefined, isBase64Encoded: boolean): string | undefined => {
  if (body === undefined || body === '') return undefined;
  const bytes = isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
  if (bytes.byteLength > MAX_BODY_BYTES) {
    throw new PayloadTooLargeError(`The body is ${bytes.byteLength} bytes; the limit is ${MAX_BODY_BYTES}.`, {
      extensions: { limitBytes: MAX_BODY_BYTES },
    });
  }
  return isBase64Encoded ? bytes.toString('utf8') : body;
};

export const parseJsonBody = (raw: string | undefined, contentType: string | undefined): unknown => {
  if (raw === undefined) return undefined;
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json' && !mediaType?.endsWith('+json')) {
    throw new UnsupportedMediaTypeError(`Send the body as application/json, not ${mediaType ?? 'no content type'}.`);
  }
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new MalformedRequestError(error instanceof Error ? error.message : 'The body is not JSON.', { cause: error });
  }
};

const fieldName = (path: readonly PropertyKey[]): string => path.map(String).join('.') || '(root)';

const fieldErrors = (issues: readonly z.core.$ZodIssue[]): FieldError[] =>
  issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          field: fieldName([...issue.path, key]),
          code: 'unknown_field',
          message: `Unknown field '${key}'`,
        }))
      : [{ field: fieldName(issue.path), code: issue.code, message: issue.message }],
  );

export type RequestPart = 'path' | 'query' | 'body';

/**
 * Validates one part of a request. Body fields are named as in the body (`salary.max`);
 * path and query parameters by their own names.
 */
export const parsePart = <S extends z.ZodMiniType>(schema: S, value: unknown, part: RequestPart): z.output<S> => {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const label = part === 'body' ? 'body' : `${part} parameters`;
  throw new ValidationError(`The request ${label} did not pass validation.`, {
    errors: fieldErrors(result.error.issues),
  });
};

/** `"3"`, `W/"3"` or `*`. The version is what the ETag of a read carried. */
export const parseIfMatch = (header: string | undefined): number | undefined => {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match?.[1]) {
    throw new ValidationError('If-Match must be an ETag of this resource, such as "3".', {
      errors: [{ field: 'If-Match', code: 'invalid_etag', message: 'Use the ETag header of your last read' }],
    });
  }
  return Number(match[1]);
};

export const etagOf = (version: number): string => `"${version}"`;

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export const parseIdempotencyKey = (header: string | undefined): string | undefined => {
  if (header === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(header)) {
    throw new ValidationError('Idempotency-Key must be 1-255 visible ASCII characters, such as a UUID.', {
      errors: [
        { field: 'Idempotency-Key', code: 'invalid_idempotency_key', message: 'Use 1-255 visible ASCII characters' },
      ],
    });
  }
  return header;
};
