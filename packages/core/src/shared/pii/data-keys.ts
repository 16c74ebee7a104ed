import { canonicalContext, type DataKey, type EncryptionContext, type KeyProvider } from './key-provider.ts';
import { LruCache } from './lru-cache.ts';
import { keyProvider } from './provider.ts';

/**
 * Unwrapped data keys of a warm Lambda: a page of 25 candidates costs at most 25 KMS calls
 * once, then none for five minutes. Bounded, so a long-lived process does not hoard keys,
 * and short-lived, so a key deleted by erasure stops opening anything soon after.
 */
export const DATA_KEY_CACHE = { maxEntries: 500, ttlMs: 5 * 60_000 } as const;

export type DataKeyCache = LruCache<Promise<Uint8Array>>;

const sharedCache: DataKeyCache = new LruCache(DATA_KEY_CACHE);

export interface DataKeyOptions {
  provider?: KeyProvider;
  cache?: DataKeyCache;
}

// The context is part of the entry: a wrapped key must not open from cache under another owner.
const entryOf = (wrapped: string, context: EncryptionContext): string => `${canonicalContext(context)}\n${wrapped}`;

/** A fresh data key for one owner (e.g. a candidate), remembered so the write's own response can use it. */
export const newDataKey = async (
  context: EncryptionContext,
  { provider = keyProvider(), cache = sharedCache }: DataKeyOptions = {},
): Promise<DataKey> => {
  const key = await provider.generateDataKey(context);
  cache.set(entryOf(key.wrapped, context), Promise.resolve(key.plaintext));
  return key;
};

/** The plaintext of a stored data key; concurrent opens of one key share a single unwrap. */
export const openDataKey = (
  wrapped: string,
  context: EncryptionContext,
  { provider = keyProvider(), cache = sharedCache }: DataKeyOptions = {},
): Promise<Uint8Array> => {
  const entry = entryOf(wrapped, context);
  const cached = cache.get(entry);
  if (cached) return cached;
  const opening = provider.unwrapDataKey(wrapped, context);
  cache.set(entry, opening);
  // A failed unwrap (throttling, a revoked grant) must not be remembered as the answer.
  opening.catch(() => cache.delete(entry));
  return opening;
};

/** Drops a key from this process's cache, for erasure: the wrapped key is deleted from the item too. */
export const forgetDataKey = (
  wrapped: string,
  context: EncryptionContext,
  { cache = sharedCache }: Pick<DataKeyOptions, 'cache'> = {},
): void => cache.delete(entryOf(wrapped, context));
