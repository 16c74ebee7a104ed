import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost, type PresignedPostOptions } from '@aws-sdk/s3-presigned-post';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../infra/local/emulators/aws.ts';
import { type CreatedObject, type S3Local, startS3Local } from '../../../infra/local/emulators/s3.ts';

/** A bare s3rver (not the run's local cloud): browser POST uploads are held to their policy as on S3. */
const BUCKET = 'post-policy-test';
const PDF = new Uint8Array(2048).fill(0x25);

let s3Local: S3Local;
let s3: S3Client;
const created: CreatedObject[] = [];
let sequence = 0;

beforeAll(async () => {
  s3Local = await startS3Local({ port: 0, bucketName: BUCKET });
  s3Local.onObjectCreated((object) => created.push(object));
  s3 = new S3Client({
    endpoint: s3Local.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
  });
});

afterAll(async () => {
  s3?.destroy();
  await s3Local?.stop();
});

const newKey = () => `tenant/tnt_post/documents/usr_1/doc_${Date.now()}_${++sequence}`;

/** What the app hands out: a PDF of 1 byte to 4 KiB under one key; override what a test is about. */
const presign = (key: string, options: Partial<PresignedPostOptions> = {}) =>
  createPresignedPost(s3, {
    Bucket: BUCKET,
    Key: key,
    Conditions: [['content-length-range', 1, 4096]],
    Fields: { 'Content-Type': 'application/pdf' },
    Expires: 300,
    ...options,
  });

/** Posts the form as a browser would: the fields in order, then the file. */
const upload = (
  url: string,
  fields: Record<string, string>,
  file: Uint8Array = PDF,
  headers: Record<string, string> = {},
) => {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([file], { type: 'application/pdf' }), 'cv.pdf');
  return fetch(url, { method: 'POST', body: form, headers });
};

const errorCode = async (response: Response) => /<Code>([^<]*)<\/Code>/.exec(await response.text())?.[1];

const exists = async (key: string) => {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'NotFound') return false;
    throw error;
  }
};

describe('S3 emulator POST policy', () => {
  it('stores a valid presigned POST upload and announces it as PostObject', async () => {
    const key = newKey();
    const { url, fields } = await presign(key);

    const response = await upload(url, fields);

    expect(response.status).toBe(204);
    await vi.waitFor(() => expect(created.find((object) => object.key === key)).toBeDefined());
    expect(created.find((object) => object.key === key)).toMatchObject({
      bucket: BUCKET,
      size: PDF.length,
      reason: 'PostObject',
    });
    const stored = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(stored.ContentType).toBe('application/pdf');
    expect((await stored.Body?.transformToByteArray())?.length).toBe(PDF.length);
  });

  it('refuses a file above content-length-range with 400 EntityTooLarge and stores nothing', async () => {
    const key = newKey();
    const { url, fields } = await presign(key);

    const response = await upload(url, fields, new Uint8Array(4097));

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/xml');
    expect(await errorCode(response)).toBe('EntityTooLarge');
    expect(await exists(key)).toBe(false);
    expect(created.some((object) => object.key === key)).toBe(false);
  });

  it('refuses a Content-Type the policy does not allow with 403', async () => {
    const key = newKey();
    const { url, fields } = await presign(key);

    const response = await upload(url, { ...fields, 'Content-Type': 'text/html' });

    expect(response.status).toBe(403);
    expect(await errorCode(response)).toBe('AccessDenied');
    expect(await exists(key)).toBe(false);
  });

  it('refuses an expired policy with 403 "Policy expired."', async () => {
    const key = newKey();
    // A negative lifetime signs a policy that expired a second before it was made.
    const { url, fields } = await presign(key, { Expires: -1 });

    const response = await upload(url, fields);

    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<Message>Invalid according to Policy: Policy expired.</Message>');
    expect(await exists(key)).toBe(false);
  });

  it('refuses a policy changed after signing with 403 SignatureDoesNotMatch', async () => {
    const key = newKey();
    const { url, fields } = await presign(key);
    const policy = Buffer.from(fields.Policy ?? '', 'base64').toString('utf8');
    const widened = Buffer.from(policy.replace('["content-length-range",1,4096]', '["content-length-range",1,9999]'));
    expect(widened.toString()).not.toBe(policy);

    const response = await upload(url, { ...fields, Policy: widened.toString('base64') }, new Uint8Array(5000));

    expect(response.status).toBe(403);
    expect(await errorCode(response)).toBe('SignatureDoesNotMatch');
    expect(await exists(key)).toBe(false);
  });

  it('refuses a form field the policy does not name with 403', async () => {
    const key = newKey();
    const { url, fields } = await presign(key);

    const response = await upload(url, { ...fields, 'x-amz-meta-owner': 'mallory' });

    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Extra input fields: x-amz-meta-owner');
    expect(await exists(key)).toBe(false);
  });

  it("sends the bucket's CORS headers with a refusal, so a browser can read it", async () => {
    const { url, fields } = await presign(newKey(), { Expires: -1 });

    const response = await upload(url, fields, PDF, { Origin: 'http://localhost:5173' });

    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  it('leaves SDK PutObject and GetObject alone', async () => {
    const key = newKey();

    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'plain put' }));
    const stored = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));

    expect(await stored.Body?.transformToString()).toBe('plain put');
  });
});
