import * as z from 'zod/mini';
import { MAX_CURSOR_LENGTH } from './cursor.ts';
import { ID_PREFIXES, type IdKind, idPattern } from './ids.ts';

/** Building blocks of request schemas: every string trimmed and bounded, every list bounded. */
export const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

export const boundedList = <T extends z.core.SomeType>(item: T, max: number) => z.array(item).check(z.maxLength(max));

/** Query-string integers arrive as text. */
export const queryInt = (min: number, max: number, fallback: number) =>
  z._default(
    z.pipe(z.string().check(z.regex(/^\d{1,6}$/)), z.transform(Number)).check(z.minimum(min), z.maximum(max)),
    fallback,
  );

export const queryBoolean = z.pipe(
  z.enum(['true', 'false']),
  z.transform((value) => value === 'true'),
);

export const prefixedId = z.string().check(z.regex(/^[a-z]{2,8}_[0-9A-HJKMNP-TV-Z]{26}$/));

export const listQuery = {
  limit: queryInt(1, 100, 25),
  cursor: z.optional(z.string().check(z.maxLength(MAX_CURSOR_LENGTH))),
};

export const page = <T extends z.core.SomeType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) });

export type Page<T> = { items: T[]; nextCursor: string | null };

/** Emails are compared and stored lowercased: `Bob@X.test` and `bob@x.test` are one person. */
export const emailAddress = z.string().check(z.trim(), z.toLowerCase(), z.maxLength(254), z.email());

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** An IANA time zone such as Europe/Berlin. */
export const timeZone = z
  .string()
  .check(z.trim(), z.maxLength(64), z.refine(isTimeZone, 'An IANA time zone such as Europe/Berlin'));

/** A BCP 47 language tag such as en or pt-BR. */
export const locale = z
  .string()
  .check(z.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/, 'A language tag such as en or pt-BR'));

/** Requires at least one field, for PATCH bodies. */
export const notEmpty = z.refine<object>((value) => Object.keys(value).length > 0, {
  message: 'Send at least one field to change',
});

/** `{id}` of a path, checked to be an id of this kind: `/tenants/{id}` takes `tnt_01J...` only. */
export const idPath = (kind: IdKind) =>
  z.strictObject({
    id: z.string().check(z.regex(idPattern(kind), `An id such as ${ID_PREFIXES[kind]}_01J...`)),
  });

/** What every entity's view shows of its bookkeeping. */
export const trackedView = {
  createdAt: z.string(),
  updatedAt: z.string(),
  createdBy: z.string(),
  updatedBy: z.string(),
  version: z.int(),
};

/** A time-range filter of a list: ISO 8601 instants, `from` not after `to`. */
export const timeRange = {
  from: z.optional(z.iso.datetime({ offset: true })),
  to: z.optional(z.iso.datetime({ offset: true })),
};

/**
 * A number DynamoDB can store: JSON allows magnitudes (1e300, 1e-200) a DynamoDB number
 * cannot hold, and such a value must be the caller's 400, not a failed write.
 */
export const storableNumber = z.number().check(
  z.refine((value) => value === 0 || (Math.abs(value) >= 1e-130 && Math.abs(value) < 9.9e125), {
    message: 'A number between 1e-130 and 9.9e125 in size, or 0',
  }),
);

/** An action that takes no fields (publish, resend, submit, reactivate): `{}` or no body, as a client sends it. */
export const NoFieldsBody = z.strictObject({});
