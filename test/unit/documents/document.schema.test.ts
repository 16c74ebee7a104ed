import { MAX_DOCUMENT_BYTES } from '@assist-ten/core/documents/document.model';
import { assertUploadSize } from '@assist-ten/core/documents/document.rules';
import { ListDocumentsQuery, RequestUploadBody } from '@assist-ten/core/documents/document.schema';
import { PayloadTooLargeError } from '@assist-ten/core/shared/errors';
import { describe, expect, it } from 'vitest';
import { thrownBy } from '../support/factories.ts';

const valid = {
  kind: 'resume',
  ownerId: 'cand_01JABCDEFGHJKMNPQRSTVWXYZ0',
  fileName: 'Jane Doe CV.pdf',
  contentType: 'application/pdf',
  contentLength: 123_456,
};

const failedFields = (input: unknown): string[] => {
  const result = RequestUploadBody.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.') || '(root)');
};

describe('RequestUploadBody', () => {
  it('accepts a resume, a job description and each of the three content types', () => {
    // Arrange
    const bodies = [
      valid,
      { ...valid, kind: 'job_description', ownerId: 'jd_01JABCDEFGHJKMNPQRSTVWXYZ0' },
      { ...valid, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
      { ...valid, contentType: 'text/plain' },
    ];

    // Act
    const results = bodies.map((body) => RequestUploadBody.safeParse(body).success);

    // Assert
    expect(results).toEqual([true, true, true, true]);
  });

  it('refuses other content types (a 400 on contentType): images, old .doc, HTML', () => {
    // Act
    const fields = ['image/png', 'application/msword', 'text/html'].map((contentType) =>
      failedFields({ ...valid, contentType }),
    );

    // Assert
    expect(fields).toEqual([['contentType'], ['contentType'], ['contentType']]);
  });

  it('refuses an empty, fractional or negative size with a 400 on contentLength', () => {
    // Act
    const fields = [0, 1.5, -1, '12'].map((contentLength) => failedFields({ ...valid, contentLength }));

    // Assert
    expect(fields).toEqual([['contentLength'], ['contentLength'], ['contentLength'], ['contentLength']]);
  });

  it('leaves a size above 10 MB to the 413 check (it is a well-formed request for too much)', () => {
    expect(failedFields({ ...valid, contentLength: MAX_DOCUMENT_BYTES + 1 })).toEqual([]);
  });

  it('refuses an owner id of another kind, a blank or over-long file name, and unknown fields', () => {
    // Act
    const owner = failedFields({ ...valid, ownerId: 'tnt_01JABCDEFGHJKMNPQRSTVWXYZ0' });
    const blank = failedFields({ ...valid, fileName: '   ' });
    const long = failedFields({ ...valid, fileName: `${'a'.repeat(256)}.pdf` });
    const extra = failedFields({ ...valid, bucket: 'elsewhere' });

    // Assert
    expect(owner).toEqual(['ownerId']);
    expect(blank).toEqual(['fileName']);
    expect(long).toEqual(['fileName']);
    expect(extra).toEqual(['(root)']);
  });
});

describe('assertUploadSize', () => {
  it('lets exactly 10 MB through', () => {
    expect(thrownBy(() => assertUploadSize(MAX_DOCUMENT_BYTES), { orNothing: true })).toBeUndefined();
  });

  it('refuses one byte more with a 413 naming contentLength and the limit', () => {
    // Act
    const error = thrownBy(() => assertUploadSize(MAX_DOCUMENT_BYTES + 1));

    // Assert
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect(error).toMatchObject({
      statusCode: 413,
      errors: [{ field: 'contentLength', code: 'too_large' }],
      extensions: { maxBytes: MAX_DOCUMENT_BYTES },
    });
  });
});

describe('ListDocumentsQuery', () => {
  it('needs an owner and applies the default page size', () => {
    // Act
    const missing = ListDocumentsQuery.safeParse({});
    const parsed = ListDocumentsQuery.parse({ ownerId: 'jd_01JABCDEFGHJKMNPQRSTVWXYZ0' });

    // Assert
    expect(missing.success).toBe(false);
    expect(parsed).toEqual({ ownerId: 'jd_01JABCDEFGHJKMNPQRSTVWXYZ0', limit: 25 });
  });
});
