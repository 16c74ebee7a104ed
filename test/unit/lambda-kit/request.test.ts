import {
  CreateRequisitionBody,
  ListRequisitionsQuery,
  UpdateRequisitionBody,
} from '@assist-ten/core/requisitions/requisition.schema';
import {
  MalformedRequestError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '@assist-ten/core/shared/errors';
import {
  etagOf,
  MAX_BODY_BYTES,
  parseIdempotencyKey,
  parseIfMatch,
  parseJsonBody,
  parsePart,
  rawBody,
} from '@assist-ten/lambda-kit/http/request';
import { describe, expect, it } from 'vitest';
import { thrownBy } from '../support/factories.ts';

describe('rawBody', () => {
  it('returns undefined for an absent or empty body', () => {
    // Act
    const absent = rawBody(undefined, false);
    const empty = rawBody('', false);

    // Assert
    expect(absent).toBeUndefined();
    expect(empty).toBeUndefined();
  });

  it('returns a plain body as it is and decodes a base64 body', () => {
    // Arrange
    const json = '{"title":"Ingénieur"}';

    // Act
    const plain = rawBody(json, false);
    const decoded = rawBody(Buffer.from(json, 'utf8').toString('base64'), true);

    // Assert
    expect(plain).toBe(json);
    expect(decoded).toBe(json);
  });

  it('accepts a body of exactly MAX_BODY_BYTES', () => {
    // Arrange
    const body = 'a'.repeat(MAX_BODY_BYTES);

    // Act
    const result = rawBody(body, false);

    // Assert
    expect(result).toHaveLength(MAX_BODY_BYTES);
  });

  it('rejects a body one byte over the limit with a 413 that states the limit', () => {
    // Act
    const error = thrownBy(() => rawBody('a'.repeat(MAX_BODY_BYTES + 1), false));

    // Assert
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect((error as PayloadTooLargeError).statusCode).toBe(413);
    expect((error as PayloadTooLargeError).extensions).toEqual({ limitBytes: MAX_BODY_BYTES });
  });

  it('counts bytes, not characters, of a multi-byte body', () => {
    // Arrange: fewer characters than the limit, but two bytes each
    const body = 'é'.repeat(MAX_BODY_BYTES / 2 + 1);

    // Act
    const error = thrownBy(() => rawBody(body, false));

    // Assert
    expect(body.length).toBeLessThan(MAX_BODY_BYTES);
    expect(error).toBeInstanceOf(PayloadTooLargeError);
  });

  it('measures a base64 body by its decoded size', () => {
    // Arrange: the encoding is longer than the limit, the decoded body is not
    const atLimit = Buffer.alloc(MAX_BODY_BYTES, 'a').toString('base64');
    const overLimit = Buffer.alloc(MAX_BODY_BYTES + 1, 'a').toString('base64');

    // Act
    const accepted = rawBody(atLimit, true);
    const error = thrownBy(() => rawBody(overLimit, true));

    // Assert
    expect(atLimit.length).toBeGreaterThan(MAX_BODY_BYTES);
    expect(accepted).toHaveLength(MAX_BODY_BYTES);
    expect(error).toBeInstanceOf(PayloadTooLargeError);
  });
});

describe('parseJsonBody', () => {
  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'Application/JSON;charset=UTF-8',
    'application/merge-patch+json',
  ])('parses a JSON body sent as %s', (contentType) => {
    // Act
    const parsed = parseJsonBody('{"title":"Staff Engineer"}', contentType);

    // Assert
    expect(parsed).toEqual({ title: 'Staff Engineer' });
  });

  it('returns undefined when there is no body, whatever the content type', () => {
    // Act
    const parsed = parseJsonBody(undefined, undefined);

    // Assert
    expect(parsed).toBeUndefined();
  });

  it.each([
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/jsonp',
    undefined,
  ])('rejects a body sent as %s with a 415', (contentType) => {
    // Act
    const error = thrownBy(() => parseJsonBody('{"title":"x"}', contentType));

    // Assert
    expect(error).toBeInstanceOf(UnsupportedMediaTypeError);
    expect((error as UnsupportedMediaTypeError).statusCode).toBe(415);
  });

  it.each(['{', '{"title":', "{'title':'x'}", 'undefined', '{"a":1}}'])(
    'rejects the malformed body %j with a 400',
    (raw) => {
      // Act
      const error = thrownBy(() => parseJsonBody(raw, 'application/json'));

      // Assert
      expect(error).toBeInstanceOf(MalformedRequestError);
      expect((error as MalformedRequestError).statusCode).toBe(400);
    },
  );
});

describe('parsePart', () => {
  it('returns the parsed, trimmed value when it passes', () => {
    // Act
    const body = parsePart(CreateRequisitionBody, { title: '  Staff Engineer ' }, 'body');

    // Assert
    expect(body).toEqual({ title: 'Staff Engineer' });
  });

  it('names each unknown field separately with the unknown_field code', () => {
    // Act
    const error = thrownBy(() =>
      parsePart(CreateRequisitionBody, { title: 'x', tenantId: 'tnt_acme', status: 'open' }, 'body'),
    );

    // Assert
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors).toEqual([
      expect.objectContaining({ field: 'tenantId', code: 'unknown_field' }),
      expect.objectContaining({ field: 'status', code: 'unknown_field' }),
    ]);
  });

  it('names a nested field by its dotted path', () => {
    // Act
    const inverted = thrownBy(() =>
      parsePart(
        CreateRequisitionBody,
        { title: 'x', salary: { min: 10, max: 5, currency: 'USD', period: 'yearly' } },
        'body',
      ),
    ) as ValidationError;
    const unknownNested = thrownBy(() =>
      parsePart(
        CreateRequisitionBody,
        { title: 'x', salary: { min: 1, max: 5, currency: 'USD', period: 'yearly', bonus: 1 } },
        'body',
      ),
    ) as ValidationError;
    const inList = thrownBy(() =>
      parsePart(CreateRequisitionBody, { title: 'x', requiredSkills: [{ skill: 'Go', proficiency: 'guru' }] }, 'body'),
    ) as ValidationError;

    // Assert
    expect(inverted.errors).toEqual([expect.objectContaining({ field: 'salary.max', code: 'custom' })]);
    expect(unknownNested.errors).toEqual([expect.objectContaining({ field: 'salary.bonus', code: 'unknown_field' })]);
    expect(inList.errors).toEqual([expect.objectContaining({ field: 'requiredSkills.0.proficiency' })]);
  });

  it('names a whole-body problem (root)', () => {
    // Act
    const error = thrownBy(() => parsePart(UpdateRequisitionBody, {}, 'body')) as ValidationError;

    // Assert
    expect(error.errors).toEqual([expect.objectContaining({ field: '(root)' })]);
  });

  it('names query parameters by their own names and says which part failed', () => {
    // Act
    const error = thrownBy(() => parsePart(ListRequisitionsQuery, { limit: '0', mine: 'yes' }, 'query'));

    // Assert
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toContain('query parameters');
    expect((error as ValidationError).errors?.map((fieldError) => fieldError.field).sort()).toEqual(['limit', 'mine']);
  });
});

describe('parseIfMatch', () => {
  it.each([
    ['"3"', 3],
    ['W/"3"', 3],
    ['3', 3],
    [' "42" ', 42],
    [etagOf(7), 7],
  ])('reads %j as version %i', (header, version) => {
    // Act
    const parsed = parseIfMatch(header);

    // Assert
    expect(parsed).toBe(version);
  });

  it('treats an absent header and * as no precondition', () => {
    // Act
    const absent = parseIfMatch(undefined);
    const any = parseIfMatch('*');

    // Assert
    expect(absent).toBeUndefined();
    expect(any).toBeUndefined();
  });

  it.each(['abc', '"abc"', '', '"-1"', '"1.5"', '"1234567890"', 'W/', '"3", "4"'])(
    'rejects %j with a ValidationError on If-Match',
    (header) => {
      // Act
      const error = thrownBy(() => parseIfMatch(header));

      // Assert
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).errors).toEqual([expect.objectContaining({ field: 'If-Match' })]);
    },
  );
});

describe('parseIdempotencyKey', () => {
  it('returns an absent key as undefined and a valid key unchanged', () => {
    // Arrange
    const uuid = '6f1c2a7e-8d7b-4c55-9a0e-1f2b3c4d5e6f';

    // Act
    const absent = parseIdempotencyKey(undefined);
    const present = parseIdempotencyKey(uuid);
    const longest = parseIdempotencyKey('k'.repeat(255));

    // Assert
    expect(absent).toBeUndefined();
    expect(present).toBe(uuid);
    expect(longest).toHaveLength(255);
  });

  it.each([
    ['empty', ''],
    ['longer than 255 characters', 'k'.repeat(256)],
    ['containing a space', 'my key'],
    ['containing a control character', 'key\n1'],
    ['non-ASCII', 'clé'],
  ])('rejects a key that is %s', (_label, header) => {
    // Act
    const error = thrownBy(() => parseIdempotencyKey(header));

    // Assert
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
  });
});
