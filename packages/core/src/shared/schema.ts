import * as z from 'zod/mini';
import { MAX_CURSOR_LENGTH } from './cursor.ts';

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
