import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';

/**
 * What Amazon S3 checks on a browser POST upload (a presigned POST) and s3rver 3.x skips:
 * its PostObject ignores the `policy` field and verifies no signature, so an expired,
 * oversized or retargeted upload would succeed locally and fail on AWS.
 *
 * Only SigV4 POSTs (what `@aws-sdk/s3-presigned-post` makes) are accepted. Not modelled:
 * `${filename}` in the key, `acl`/`tagging` semantics, duplicate form fields (the last wins).
 */

/** An S3 error answer: the XML body's Code and Message, the HTTP status, extra elements. */
export interface PostRejection {
  status: 400 | 403;
  code: string;
  message: string;
  detail?: Record<string, string | number>;
}

/** The parts of a POST form S3 reads: the fields before the file (later ones are ignored) and the file's size. */
export interface PostForm {
  fields: ReadonlyArray<readonly [name: string, value: string]>;
  /** Absent when the form has no `file` part (s3rver answers that itself, as S3 does). */
  fileSize?: number;
}

export interface PolicyCheck {
  /** The bucket of the request URL: the `bucket` condition is checked against it. */
  bucket: string;
  now: Date;
  /** The secret of an access key id, undefined for keys the emulator does not know. */
  secretFor: (accessKeyId: string) => string | undefined;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';

/** Fields a policy need not name (S3's rule; `x-ignore-` is its escape hatch for form extras). */
const UNCHECKED_FIELDS = new Set(['file', 'policy', 'x-amz-signature']);

class Rejected extends Error {
  constructor(readonly rejection: PostRejection) {
    super(rejection.message);
  }
}

const reject = (status: 400 | 403, code: string, message: string, detail?: Record<string, string | number>) =>
  new Rejected({ status, code, message, ...(detail ? { detail } : {}) });

const invalidPolicy = (why: string) => reject(400, 'InvalidPolicyDocument', `Invalid Policy: ${why}`);
const notByPolicy = (why: string) => reject(403, 'AccessDenied', `Invalid according to Policy: ${why}`);

/** `field` as the policy spells it; S3 compares field names case-insensitively. */
type MatchCondition = { op: 'eq' | 'starts-with'; field: string; value: string };
type LengthCondition = { min: number; max: number };

export interface PostPolicy {
  expiration: Date;
  matches: MatchCondition[];
  lengths: LengthCondition[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const byteCount = (value: unknown): number | undefined => {
  const count = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof count === 'number' && Number.isSafeInteger(count) && count >= 0 ? count : undefined;
};

const parseCondition = (condition: unknown, policy: PostPolicy): void => {
  if (isRecord(condition)) {
    for (const [field, value] of Object.entries(condition)) {
      if (typeof value !== 'string') throw invalidPolicy(`Invalid Simple-Condition: value must be a string.`);
      policy.matches.push({ op: 'eq', field, value });
    }
    return;
  }
  if (!Array.isArray(condition) || condition.length !== 3 || typeof condition[0] !== 'string') {
    throw invalidPolicy(`Invalid Condition: ${JSON.stringify(condition)}`);
  }
  const [operator, first, second] = condition as [string, unknown, unknown];
  const op = operator.toLowerCase();
  if (op === 'content-length-range') {
    const [min, max] = [byteCount(first), byteCount(second)];
    if (min === undefined || max === undefined)
      throw invalidPolicy('Invalid content-length-range: bounds must be integers.');
    policy.lengths.push({ min, max });
    return;
  }
  if ((op !== 'eq' && op !== 'starts-with') || typeof first !== 'string' || !first.startsWith('$')) {
    throw invalidPolicy(`Invalid Condition: ${JSON.stringify(condition)}`);
  }
  if (typeof second !== 'string') throw invalidPolicy(`Invalid Condition: ${JSON.stringify(condition)}`);
  policy.matches.push({ op, field: first.slice(1), value: second });
};

/** The policy document of a `Policy` field (base64 of UTF-8 JSON), or an InvalidPolicyDocument rejection. */
export const decodePostPolicy = (encoded: string): PostPolicy => {
  let document: unknown;
  try {
    document = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
  } catch {
    throw invalidPolicy('Invalid JSON.');
  }
  if (!isRecord(document)) throw invalidPolicy('Invalid JSON.');
  if (document.expiration === undefined) throw invalidPolicy('Policy missing expiration.');
  const expiration = typeof document.expiration === 'string' ? new Date(document.expiration) : undefined;
  if (!expiration || Number.isNaN(expiration.getTime())) {
    throw invalidPolicy(`Invalid 'expiration' value: '${String(document.expiration)}'`);
  }
  if (!Array.isArray(document.conditions)) throw invalidPolicy('Policy missing conditions.');
  const policy: PostPolicy = { expiration, matches: [], lengths: [] };
  for (const condition of document.conditions) parseCondition(condition, policy);
  return policy;
};

const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** SigV4 of a POST: HMAC-SHA256 of the base64 policy with the key derived for the credential's date, region and service. */
export const postPolicySignature = (
  secretAccessKey: string,
  scope: { date: string; region: string; service: string },
  encodedPolicy: string,
): string => {
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${secretAccessKey}`, scope.date), scope.region), scope.service),
    'aws4_request',
  );
  return createHmac('sha256', signingKey).update(encodedPolicy, 'utf8').digest('hex');
};

const CREDENTIAL = /^([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/;

const verifySignature = (fields: ReadonlyMap<string, string>, encodedPolicy: string, check: PolicyCheck) => {
  if (fields.get('x-amz-algorithm') !== ALGORITHM) {
    throw reject(
      400,
      'InvalidArgument',
      `Bucket POST must contain a field named 'X-Amz-Algorithm' with value ${ALGORITHM} (the local emulator accepts SigV4 only).`,
    );
  }
  const credential = CREDENTIAL.exec(fields.get('x-amz-credential') ?? '');
  const signature = fields.get('x-amz-signature');
  if (!credential)
    throw reject(400, 'InvalidArgument', "Bucket POST must contain a valid field named 'X-Amz-Credential'.");
  if (!signature) throw reject(400, 'InvalidArgument', "Bucket POST must contain a field named 'X-Amz-Signature'.");
  const [, accessKeyId = '', date = '', region = '', service = ''] = credential;
  const secret = check.secretFor(accessKeyId);
  if (secret === undefined) {
    throw reject(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', {
      AWSAccessKeyId: accessKeyId,
    });
  }
  const expected = Buffer.from(postPolicySignature(secret, { date, region, service }, encodedPolicy));
  const provided = Buffer.from(signature.toLowerCase());
  if (expected.length !== provided.length || !timingSafeEqual(expected, provided)) {
    throw reject(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    );
  }
};

/** S3 reads a starts-with on Content-Type as a list: every comma-separated type must match. */
const satisfies = ({ op, field, value }: MatchCondition, actual: string) => {
  if (op === 'eq') return actual === value;
  if (field.toLowerCase() === 'content-type') return actual.split(',').every((type) => type.trim().startsWith(value));
  return actual.startsWith(value);
};

/**
 * S3's verdict on a POST form: undefined when the upload may proceed, otherwise the error it
 * would answer. Order: signature, expiry, conditions, extra fields, then the file's size.
 */
export const checkPostPolicy = (form: PostForm, check: PolicyCheck): PostRejection | undefined => {
  try {
    const fields = new Map(form.fields.map(([name, value]) => [name.toLowerCase(), value]));
    const encodedPolicy = fields.get('policy');
    // Without a policy the POST is anonymous, and the bucket is private.
    if (encodedPolicy === undefined) throw reject(403, 'AccessDenied', 'Access Denied');
    verifySignature(fields, encodedPolicy, check);
    const policy = decodePostPolicy(encodedPolicy);
    if (check.now.getTime() >= policy.expiration.getTime()) throw notByPolicy('Policy expired.');

    const values = new Map(fields).set('bucket', check.bucket);
    for (const condition of policy.matches) {
      if (!satisfies(condition, values.get(condition.field.toLowerCase()) ?? '')) {
        throw notByPolicy(`Policy Condition failed: ["${condition.op}", "$${condition.field}", "${condition.value}"]`);
      }
    }
    const named = new Set(policy.matches.map((condition) => condition.field.toLowerCase()));
    const extra = [...fields.keys()].filter(
      (name) => !UNCHECKED_FIELDS.has(name) && !name.startsWith('x-ignore-') && !named.has(name),
    );
    if (extra.length > 0) throw notByPolicy(`Extra input fields: ${extra.join(', ')}`);

    if (form.fileSize !== undefined) {
      const size = form.fileSize;
      for (const { min, max } of policy.lengths) {
        if (size > max) {
          throw reject(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
            ProposedSize: size,
            MaxSizeAllowed: max,
          });
        }
        if (size < min) {
          throw reject(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', {
            ProposedSize: size,
            MinSizeAllowed: min,
          });
        }
      }
    }
    return undefined;
  } catch (error) {
    if (error instanceof Rejected) return error.rejection;
    throw error;
  }
};

/** busboy 0.3 as s3rver uses it (untyped CommonJS); only what parsing a form needs. */
interface Busboy {
  on(event: 'field', listener: (name: string, value: string) => void): this;
  on(event: 'file', listener: (name: string, stream: Readable) => void): this;
  on(event: 'finish', listener: () => void): this;
  on(event: 'error', listener: (error: unknown) => void): this;
  end(chunk: Buffer): void;
}
type BusboyConstructor = new (options: { headers: IncomingHttpHeaders }) => Busboy;

// s3rver's own copy, so the policy is checked on exactly the fields s3rver will store.
const requireFromS3rver = createRequire(createRequire(import.meta.url).resolve('s3rver'));
const BusboyParser = requireFromS3rver('busboy') as BusboyConstructor;

const MALFORMED = reject(
  400,
  'MalformedPOSTRequest',
  'The body of your POST request is not well-formed multipart/form-data.',
).rejection;

/** The fields before the first `file` part and that part's size, as S3 (and s3rver) read a POST form. */
export const parsePostForm = (body: Buffer, headers: IncomingHttpHeaders): Promise<PostForm | PostRejection> =>
  new Promise((resolve) => {
    let parser: Busboy;
    try {
      parser = new BusboyParser({ headers });
    } catch {
      resolve(MALFORMED);
      return;
    }
    const fields: [string, string][] = [];
    let fileSize: number | undefined;
    let pending = Promise.resolve();
    parser.on('field', (name, value) => {
      if (fileSize !== undefined) return;
      // busboy reports a part without a filename as a field; s3rver then stores its text.
      if (name === 'file') fileSize = Buffer.byteLength(value);
      else fields.push([name, value]);
    });
    parser.on('file', (name, stream) => {
      if (name !== 'file' || fileSize !== undefined) {
        stream.resume();
        return;
      }
      fileSize = 0;
      pending = (async () => {
        let size = 0;
        for await (const chunk of stream) size += (chunk as Buffer).length;
        fileSize = size;
      })();
    });
    parser.on('error', () => resolve(MALFORMED));
    parser.on('finish', () => {
      void pending.then(() => resolve(fileSize === undefined ? { fields } : { fields, fileSize }));
    });
    parser.end(body);
  });

/** An S3 error document. */
export const errorXml = ({ code, message, detail = {} }: PostRejection): string => {
  const escapeXml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
  const elements = Object.entries({ Code: code, Message: message, ...detail })
    .map(([name, value]) => `<${name}>${escapeXml(String(value))}</${name}>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${elements}</Error>`;
};

/** The slice of s3rver's Koa context the middleware touches. */
interface S3rverContext {
  method: string;
  path: string;
  querystring: string;
  headers: IncomingHttpHeaders;
  req: Readable;
  request: { req: IncomingMessage };
  status: number;
  body: unknown;
  type: string;
  set(field: string, value: string): void;
  store: {
    getSubresource(
      bucket: string,
      key: undefined,
      type: 'cors',
    ): Promise<{ matchRule(origin: string, method: string): CorsRule | undefined } | null | undefined>;
  };
}
interface CorsRule {
  hasWildcardOrigin: boolean;
  exposeHeaders: string[];
}

export interface PostPolicyOptions {
  secretFor: PolicyCheck['secretFor'];
  /** Bodies above this are refused with EntityTooLarge before parsing. */
  maxBodyBytes?: number;
  now?: () => Date;
}

const readBody = async (request: IncomingMessage, limit: number): Promise<Buffer | undefined> => {
  const chunks: Buffer[] = [];
  let size = 0;
  // Read to the end even past the limit, so the client gets the answer instead of a reset.
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size <= limit) chunks.push(chunk as Buffer);
  }
  return size > limit ? undefined : Buffer.concat(chunks);
};

/** S3 sends the bucket's CORS headers on errors too; without them a browser sees no status at all. */
const setCorsHeaders = async (ctx: S3rverContext, bucket: string) => {
  const origin = ctx.headers.origin;
  if (!origin) return;
  const rule = (await ctx.store.getSubresource(bucket, undefined, 'cors'))?.matchRule(origin, 'POST');
  if (!rule) return;
  ctx.set('Access-Control-Allow-Origin', rule.hasWildcardOrigin ? '*' : origin);
  if (rule.exposeHeaders.length > 0) ctx.set('Access-Control-Expose-Headers', rule.exposeHeaders.join(', '));
  ctx.set('Vary', 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method');
};

const BUCKET_PATH = /^\/([^/]+)\/?$/;

/**
 * Koa middleware for s3rver: checks a browser POST upload (POST /<bucket>, multipart) as S3
 * does and answers S3's error, or hands s3rver the untouched body to store as before.
 */
export const postPolicyMiddleware =
  ({ secretFor, maxBodyBytes = 15 * 1024 * 1024, now = () => new Date() }: PostPolicyOptions) =>
  async (ctx: S3rverContext, next: () => Promise<unknown>): Promise<unknown> => {
    const bucket = BUCKET_PATH.exec(ctx.path)?.[1];
    const isUpload =
      ctx.method === 'POST' &&
      ctx.querystring === '' &&
      /^multipart\/form-data\b/i.test(ctx.headers['content-type'] ?? '');
    if (!bucket || !isUpload) return next();

    const body = await readBody(ctx.request.req, maxBodyBytes);
    const rejection = body
      ? await judge(body, ctx.headers, { bucket: decodeURIComponent(bucket), now: now(), secretFor })
      : reject(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
          MaxSizeAllowed: maxBodyBytes,
        }).rejection;
    if (rejection || !body) {
      await setCorsHeaders(ctx, decodeURIComponent(bucket));
      ctx.status = rejection?.status ?? 400;
      ctx.type = 'application/xml';
      ctx.body = errorXml(rejection ?? MALFORMED);
      return undefined;
    }
    // s3rver pipes ctx.req into its own busboy, and the original stream has been read.
    ctx.req = Object.assign(Readable.from([body]), { headers: ctx.headers });
    return next();
  };

const judge = async (body: Buffer, headers: IncomingHttpHeaders, check: PolicyCheck) => {
  const form = await parsePostForm(body, headers);
  return 'status' in form ? form : checkPostPolicy(form, check);
};

/** Puts `middleware` first in a Koa app's chain; fails loudly if s3rver stops being a Koa app. */
export const useFirst = (
  app: object,
  middleware: (ctx: S3rverContext, next: () => Promise<unknown>) => Promise<unknown>,
) => {
  if (!('middleware' in app) || !Array.isArray(app.middleware)) {
    throw new Error('s3rver is no longer a Koa app: the POST policy check cannot be installed');
  }
  app.middleware.unshift(middleware);
};
