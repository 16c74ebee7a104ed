import * as z from 'zod/mini';

/**
 * An S3 "Object Created" event as EventBridge delivers it to a queue. Consumers of
 * uploaded files (documents, proctoring snapshots) parse their messages with this; the
 * local cloud produces exactly this shape.
 */
export const ObjectCreatedEvent = z.object({
  version: z.string(),
  id: z.string(),
  'detail-type': z.literal('Object Created'),
  source: z.literal('aws.s3'),
  account: z.string(),
  time: z.string(),
  region: z.string(),
  resources: z.array(z.string()),
  detail: z.object({
    version: z.string(),
    bucket: z.object({ name: z.string() }),
    object: z.object({ key: z.string(), size: z.number(), etag: z.string() }),
    'request-id': z.string(),
    requester: z.string(),
    'source-ip-address': z.string(),
    reason: z.string(),
  }),
});
export type ObjectCreatedEvent = z.output<typeof ObjectCreatedEvent>;

/** EventBridge's `wildcard` matching: `*` is any run of characters, everything else literal. */
export const matchesWildcard = (pattern: string, value: string): boolean =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  ).test(value);
