import { useFirst } from './s3-post-policy.ts';

/**
 * ListObjectVersions (GET /<bucket>?versions), which s3rver 3.x lacks: it would answer a plain
 * ListObjects instead, and the SDK would read no versions at all. s3rver keeps one copy per
 * key and no versioning, so this answers exactly what S3 answers for an unversioned bucket:
 * each current object as its only version, VersionId "null", no delete markers.
 *
 * DeleteObjects needs nothing: s3rver deletes by key and ignores VersionId, which is what
 * deleting the "null" version does. Not modelled: `delimiter` (common prefixes), a
 * `version-id-marker` inside one key (every key has one version), request signatures
 * (this answers before s3rver's authentication, as the emulator trusts its callers).
 */

interface StoredObject {
  key: string;
  size: number;
  lastModifiedDate: Date;
  metadata: Record<string, string>;
}

/** The slice of s3rver's Koa context and store this middleware uses. */
export interface VersionsContext {
  method: string;
  path: string;
  query: Record<string, string | string[] | undefined>;
  status: number;
  type: string;
  body: unknown;
  store: {
    getBucket(bucket: string): Promise<unknown>;
    listObjects(
      bucket: string,
      options: { prefix?: string; startAfter?: string; maxKeys?: number },
    ): Promise<{ objects: StoredObject[]; isTruncated: boolean }>;
  };
}

const BUCKET_PATH = /^\/([^/]+)\/?$/;
const MAX_KEYS = 1000;

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

const element = (name: string, value: string | number | boolean) => `<${name}>${escapeXml(String(value))}</${name}>`;

const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

const maxKeysOf = (value: string | undefined): number => {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed >= 0 ? Math.min(parsed, MAX_KEYS) : MAX_KEYS;
};

const quoted = (etag: string | undefined): string => {
  const bare = (etag ?? '').replace(/^"|"$/g, '');
  return `"${bare}"`;
};

export interface VersionsPage {
  bucket: string;
  prefix: string;
  keyMarker: string;
  maxKeys: number;
  objects: readonly StoredObject[];
  isTruncated: boolean;
  /** `url` when the caller asked for encoding-type=url: keys are then percent-encoded. */
  encoding?: string | undefined;
}

/** S3's ListVersionsResult of current objects in an unversioned bucket. */
export const listVersionsXml = (page: VersionsPage): string => {
  const key = (value: string) => (page.encoding === 'url' ? encodeURIComponent(value) : value);
  const versions = page.objects.map(
    (object) =>
      `<Version>${[
        element('Key', key(object.key)),
        element('VersionId', 'null'),
        element('IsLatest', true),
        element('LastModified', object.lastModifiedDate.toISOString()),
        element('ETag', quoted(object.metadata.etag)),
        element('Size', object.size),
        element('StorageClass', 'STANDARD'),
      ].join('')}</Version>`,
  );
  const last = page.objects.at(-1);
  const next =
    page.isTruncated && last ? [element('NextKeyMarker', key(last.key)), element('NextVersionIdMarker', 'null')] : [];
  const parts = [
    element('Name', page.bucket),
    element('Prefix', key(page.prefix)),
    element('KeyMarker', key(page.keyMarker)),
    element('VersionIdMarker', ''),
    element('MaxKeys', page.maxKeys),
    ...(page.encoding ? [element('EncodingType', page.encoding)] : []),
    element('IsTruncated', page.isTruncated),
    ...next,
    ...versions,
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ListVersionsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${parts.join('')}</ListVersionsResult>`;
};

/** Koa middleware for s3rver: answers GET /<bucket>?versions, hands every other request on. */
export const listVersionsMiddleware = async (ctx: VersionsContext, next: () => Promise<unknown>): Promise<unknown> => {
  const bucketPath = BUCKET_PATH.exec(ctx.path)?.[1];
  if (ctx.method !== 'GET' || !bucketPath || !('versions' in ctx.query)) return next();
  const bucket = decodeURIComponent(bucketPath);
  ctx.type = 'application/xml';
  if (!(await ctx.store.getBucket(bucket))) {
    ctx.status = 404;
    ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${element('Code', 'NoSuchBucket')}${element('Message', 'The specified bucket does not exist')}</Error>`;
    return undefined;
  }
  const prefix = single(ctx.query.prefix) ?? '';
  const keyMarker = single(ctx.query['key-marker']) ?? '';
  const maxKeys = maxKeysOf(single(ctx.query['max-keys']));
  const { objects, isTruncated } =
    maxKeys === 0
      ? { objects: [], isTruncated: false }
      : await ctx.store.listObjects(bucket, { prefix, startAfter: keyMarker, maxKeys });
  ctx.status = 200;
  ctx.body = listVersionsXml({
    bucket,
    prefix,
    keyMarker,
    maxKeys,
    objects,
    isTruncated,
    encoding: single(ctx.query['encoding-type']),
  });
  return undefined;
};

/** Installs the middleware ahead of s3rver's own routes; like useFirst, it must run before run(). */
export const useListVersions = (app: object): void =>
  useFirst(app, listVersionsMiddleware as unknown as Parameters<typeof useFirst>[1]);
