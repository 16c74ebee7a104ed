import { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost, type PresignedPostOptions } from '@aws-sdk/s3-presigned-post';
import { describe, expect, it } from 'vitest';
import {
  checkPostPolicy,
  decodePostPolicy,
  errorXml,
  type PolicyCheck,
  type PostForm,
  parsePostForm,
  postPolicySignature,
} from '../../../infra/local/emulators/s3-post-policy.ts';

const ACCESS_KEY = 'AKIDFAKE';
const SECRET = 'fake-secret';
const BUCKET = 'uploads';
const KEY = 'tenant/tnt_1/documents/usr_1/doc_1';

// A fake endpoint: createPresignedPost signs offline, nothing is sent.
const client = new S3Client({
  endpoint: 'http://s3.fake.test',
  region: 'eu-west-1',
  credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET },
  forcePathStyle: true,
});

/** A presigned POST for a PDF of 1 byte to 1 KiB, as the app hands out; override what a test is about. */
const presign = async (options: Partial<PresignedPostOptions> = {}) =>
  (
    await createPresignedPost(client, {
      Bucket: BUCKET,
      Key: KEY,
      Conditions: [['content-length-range', 1, 1024]],
      Fields: { 'Content-Type': 'application/pdf' },
      Expires: 600,
      ...options,
    })
  ).fields;

const formOf = (fields: Record<string, string>, fileSize = 100): PostForm => ({
  fields: Object.entries(fields),
  fileSize,
});

const checkAt = (overrides: Partial<PolicyCheck> = {}): PolicyCheck => ({
  bucket: BUCKET,
  now: new Date(),
  secretFor: (accessKeyId) => (accessKeyId === ACCESS_KEY ? SECRET : undefined),
  ...overrides,
});

const encode = (document: unknown) => Buffer.from(JSON.stringify(document)).toString('base64');

describe('postPolicySignature', () => {
  it('computes the signature the AWS SDK puts in a presigned POST', async () => {
    const fields = await presign();
    const [, date = '', region = '', service = ''] = (fields['X-Amz-Credential'] ?? '').split('/');

    const signature = postPolicySignature(SECRET, { date, region, service }, fields.Policy ?? '');

    expect(signature).toBe(fields['X-Amz-Signature']);
  });

  it('depends on the secret', async () => {
    const fields = await presign();
    const scope = { date: '20300101', region: 'eu-west-1', service: 's3' };

    expect(postPolicySignature('other', scope, fields.Policy ?? '')).not.toBe(
      postPolicySignature(SECRET, scope, fields.Policy ?? ''),
    );
  });
});

describe('checkPostPolicy', () => {
  it('accepts the fields of a presigned POST with a file within the size range', async () => {
    const fields = await presign();

    expect(checkPostPolicy(formOf(fields), checkAt())).toBeUndefined();
  });

  it('reads field names case-insensitively, as S3 does', async () => {
    const fields = await presign();
    const lowercased = Object.fromEntries(Object.entries(fields).map(([name, value]) => [name.toLowerCase(), value]));

    expect(checkPostPolicy(formOf(lowercased), checkAt())).toBeUndefined();
  });

  it('refuses a file above the range with 400 EntityTooLarge and both sizes', async () => {
    const fields = await presign();

    expect(checkPostPolicy(formOf(fields, 1025), checkAt())).toEqual({
      status: 400,
      code: 'EntityTooLarge',
      message: 'Your proposed upload exceeds the maximum allowed size',
      detail: { ProposedSize: 1025, MaxSizeAllowed: 1024 },
    });
  });

  it('refuses a file below the range with 400 EntityTooSmall', async () => {
    const fields = await presign();

    expect(checkPostPolicy(formOf(fields, 0), checkAt())).toMatchObject({ status: 400, code: 'EntityTooSmall' });
  });

  it('refuses an expired policy with 403 AccessDenied', async () => {
    const fields = await presign({ Expires: 60 });

    const rejection = checkPostPolicy(formOf(fields), checkAt({ now: new Date(Date.now() + 61_000) }));

    expect(rejection).toEqual({
      status: 403,
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Policy expired.',
    });
  });

  it('refuses a policy changed after signing with 403 SignatureDoesNotMatch', async () => {
    const fields = await presign();
    const document = JSON.parse(Buffer.from(fields.Policy ?? '', 'base64').toString('utf8'));
    document.conditions = document.conditions.filter((condition: unknown) => !Array.isArray(condition));

    const rejection = checkPostPolicy(formOf({ ...fields, Policy: encode(document) }, 5000), checkAt());

    expect(rejection).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
  });

  it('refuses a signature made with another secret', async () => {
    const fields = await presign();

    const rejection = checkPostPolicy(formOf(fields), checkAt({ secretFor: () => 'another-secret' }));

    expect(rejection).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
  });

  it('refuses an access key the emulator does not know with 403 InvalidAccessKeyId', async () => {
    const fields = await presign();

    const rejection = checkPostPolicy(formOf(fields), checkAt({ secretFor: () => undefined }));

    expect(rejection).toMatchObject({ status: 403, code: 'InvalidAccessKeyId' });
  });

  it('refuses a form without a policy as an anonymous upload', async () => {
    const { Policy: _policy, ...fields } = await presign();

    expect(checkPostPolicy(formOf(fields), checkAt())).toEqual({
      status: 403,
      code: 'AccessDenied',
      message: 'Access Denied',
    });
  });

  it('refuses a Content-Type other than the exact one in the policy', async () => {
    const fields = await presign();

    const rejection = checkPostPolicy(formOf({ ...fields, 'Content-Type': 'text/html' }), checkAt());

    expect(rejection).toEqual({
      status: 403,
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Policy Condition failed: ["eq", "$Content-Type", "application/pdf"]',
    });
  });

  it('refuses a key outside a starts-with prefix and accepts one inside', async () => {
    const fields = await presign({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: S3's own placeholder, sent literally.
      Key: 'tenant/tnt_1/documents/${filename}',
      Conditions: [['content-length-range', 1, 1024]],
    });

    const outside = checkPostPolicy(formOf({ ...fields, key: 'tenant/tnt_2/documents/cv.pdf' }), checkAt());
    const inside = checkPostPolicy(formOf({ ...fields, key: 'tenant/tnt_1/documents/cv.pdf' }), checkAt());

    expect(outside).toMatchObject({ status: 403, message: expect.stringContaining('"starts-with", "$key"') });
    expect(inside).toBeUndefined();
  });

  it('requires every type of a Content-Type list to match a starts-with', async () => {
    const fields = await presign({ Fields: {}, Conditions: [['starts-with', '$Content-Type', 'image/']] });

    const allImages = checkPostPolicy(formOf({ ...fields, 'Content-Type': 'image/png, image/jpeg' }), checkAt());
    const oneOther = checkPostPolicy(formOf({ ...fields, 'Content-Type': 'image/png,text/html' }), checkAt());

    expect(allImages).toBeUndefined();
    expect(oneOther).toMatchObject({ status: 403, code: 'AccessDenied' });
  });

  it('checks the bucket condition against the bucket of the request', async () => {
    const fields = await presign();

    const rejection = checkPostPolicy(formOf(fields), checkAt({ bucket: 'another-bucket' }));

    expect(rejection).toMatchObject({ status: 403, message: expect.stringContaining('"$bucket"') });
  });

  it('refuses a field no condition names, but not x-ignore- fields', async () => {
    const fields = await presign();

    const extra = checkPostPolicy(formOf({ ...fields, 'x-amz-meta-owner': 'mallory' }), checkAt());
    const ignored = checkPostPolicy(formOf({ ...fields, 'x-ignore-progress': '1' }), checkAt());

    expect(extra).toEqual({
      status: 403,
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Extra input fields: x-amz-meta-owner',
    });
    expect(ignored).toBeUndefined();
  });

  it('refuses a signed policy that is not JSON with 400 InvalidPolicyDocument', async () => {
    const fields = await presign();
    const policy = Buffer.from('not json').toString('base64');
    const [, date = '', region = '', service = ''] = (fields['X-Amz-Credential'] ?? '').split('/');
    const signature = postPolicySignature(SECRET, { date, region, service }, policy);

    const rejection = checkPostPolicy(formOf({ ...fields, Policy: policy, 'X-Amz-Signature': signature }), checkAt());

    expect(rejection).toEqual({ status: 400, code: 'InvalidPolicyDocument', message: 'Invalid Policy: Invalid JSON.' });
  });
});

describe('decodePostPolicy', () => {
  it('reads expiration, matches and length ranges', () => {
    const policy = decodePostPolicy(
      encode({
        expiration: '2030-01-01T00:00:00Z',
        conditions: [
          { 'Content-Type': 'application/pdf' },
          ['starts-with', '$Key', 'a/'],
          ['content-length-range', 1, 9],
        ],
      }),
    );

    expect(policy).toEqual({
      expiration: new Date('2030-01-01T00:00:00Z'),
      matches: [
        { op: 'eq', field: 'Content-Type', value: 'application/pdf' },
        { op: 'starts-with', field: 'Key', value: 'a/' },
      ],
      lengths: [{ min: 1, max: 9 }],
    });
  });

  it.each([
    [{ conditions: [] }, 'Invalid Policy: Policy missing expiration.'],
    [{ expiration: '2030-01-01T00:00:00Z' }, 'Invalid Policy: Policy missing conditions.'],
    [{ expiration: 'soon', conditions: [] }, "Invalid Policy: Invalid 'expiration' value: 'soon'"],
    [
      { expiration: '2030-01-01T00:00:00Z', conditions: [['matches', '$key', 'a']] },
      'Invalid Policy: Invalid Condition',
    ],
  ])('refuses %j', (document, message) => {
    const thrown = (() => {
      try {
        decodePostPolicy(encode(document));
      } catch (error) {
        return error;
      }
      throw new Error('decodePostPolicy accepted an invalid policy');
    })();

    expect(thrown).toMatchObject({ rejection: { status: 400, code: 'InvalidPolicyDocument' } });
    expect((thrown as Error).message).toContain(message);
  });
});

describe('parsePostForm', () => {
  const multipart = async (form: FormData) => {
    const request = new Request('http://s3.fake.test/uploads', { method: 'POST', body: form });
    return {
      body: Buffer.from(await request.arrayBuffer()),
      headers: { 'content-type': request.headers.get('content-type') ?? '' },
    };
  };

  it('reads the fields before the file and the file size, and ignores what follows the file', async () => {
    const form = new FormData();
    form.append('key', 'a/b');
    form.append('Policy', 'cG9saWN5');
    form.append('file', new Blob([new Uint8Array(3000)], { type: 'application/pdf' }), 'cv.pdf');
    form.append('x-amz-meta-late', 'ignored');
    const { body, headers } = await multipart(form);

    const parsed = await parsePostForm(body, headers);

    expect(parsed).toEqual({
      fields: [
        ['key', 'a/b'],
        ['Policy', 'cG9saWN5'],
      ],
      fileSize: 3000,
    });
  });

  it('has no file size when the form has no file', async () => {
    const form = new FormData();
    form.append('key', 'a/b');
    const { body, headers } = await multipart(form);

    expect(await parsePostForm(body, headers)).toEqual({ fields: [['key', 'a/b']] });
  });

  it('answers MalformedPOSTRequest for a multipart type without a boundary', async () => {
    const parsed = await parsePostForm(Buffer.from('key=a'), { 'content-type': 'multipart/form-data' });

    expect(parsed).toMatchObject({ status: 400, code: 'MalformedPOSTRequest' });
  });
});

describe('errorXml', () => {
  it('writes S3 error XML with escaped values and details', () => {
    const xml = errorXml({ status: 403, code: 'AccessDenied', message: 'a < b & "c"', detail: { MaxSizeAllowed: 5 } });

    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>a &#60; b &#38; &#34;c&#34;</Message><MaxSizeAllowed>5</MaxSizeAllowed></Error>',
    );
  });
});
