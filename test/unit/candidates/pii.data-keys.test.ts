import { forgetDataKey, newDataKey, openDataKey } from '@assist-ten/core/shared/pii/data-keys';
import type { KeyProvider } from '@assist-ten/core/shared/pii/key-provider';
import { LruCache } from '@assist-ten/core/shared/pii/lru-cache';
import { describe, expect, it, vi } from 'vitest';

const context = { tenantId: 'tnt_a', candidateId: 'cand_1' };

/** A provider whose unwrap returns the wrapped string's bytes, and counts its calls. */
const countingProvider = (): KeyProvider & { unwrapDataKey: ReturnType<typeof vi.fn> } => ({
  kind: 'local',
  generateDataKey: vi.fn(async () => ({ plaintext: new Uint8Array(32).fill(1), wrapped: 'wrapped-new' })),
  unwrapDataKey: vi.fn(async (wrapped: string) => new Uint8Array(Buffer.from(wrapped.padEnd(32, '.')))),
  mac: vi.fn(async () => 'mac'),
});

const cacheAt = (clock: { now: number }, maxEntries = 500) =>
  new LruCache<Promise<Uint8Array>>({ maxEntries, ttlMs: 60_000, now: () => clock.now });

describe('data keys', () => {
  it('unwraps a key once and answers repeats from the cache', async () => {
    const provider = countingProvider();
    const cache = cacheAt({ now: 0 });

    const first = await openDataKey('wrapped-1', context, { provider, cache });
    const again = await openDataKey('wrapped-1', context, { provider, cache });

    expect(again).toEqual(first);
    expect(provider.unwrapDataKey).toHaveBeenCalledTimes(1);
  });

  it('shares one unwrap among concurrent opens of the same key', async () => {
    const provider = countingProvider();
    const cache = cacheAt({ now: 0 });

    await Promise.all(Array.from({ length: 25 }, () => openDataKey('wrapped-1', context, { provider, cache })));

    expect(provider.unwrapDataKey).toHaveBeenCalledTimes(1);
  });

  it('unwraps again after the TTL', async () => {
    const provider = countingProvider();
    const clock = { now: 0 };
    const cache = cacheAt(clock);
    await openDataKey('wrapped-1', context, { provider, cache });

    clock.now = 60_001;
    await openDataKey('wrapped-1', context, { provider, cache });

    expect(provider.unwrapDataKey).toHaveBeenCalledTimes(2);
  });

  it('does not serve a cached key to another context', async () => {
    const provider = countingProvider();
    const cache = cacheAt({ now: 0 });
    await openDataKey('wrapped-1', context, { provider, cache });

    await openDataKey('wrapped-1', { ...context, candidateId: 'cand_2' }, { provider, cache });

    expect(provider.unwrapDataKey).toHaveBeenCalledTimes(2);
    expect(provider.unwrapDataKey).toHaveBeenLastCalledWith('wrapped-1', { ...context, candidateId: 'cand_2' });
  });

  it('does not remember a failed unwrap', async () => {
    const provider = countingProvider();
    provider.unwrapDataKey.mockRejectedValueOnce(new Error('ThrottlingException'));
    const cache = cacheAt({ now: 0 });

    await expect(openDataKey('wrapped-1', context, { provider, cache })).rejects.toThrow('Throttling');
    await openDataKey('wrapped-1', context, { provider, cache });

    expect(provider.unwrapDataKey).toHaveBeenCalledTimes(2);
  });

  it('remembers a new key so the creating request needs no unwrap', async () => {
    const provider = countingProvider();
    const cache = cacheAt({ now: 0 });

    const key = await newDataKey(context, { provider, cache });
    const opened = await openDataKey(key.wrapped, context, { provider, cache });

    expect(opened).toEqual(key.plaintext);
    expect(provider.unwrapDataKey).not.toHaveBeenCalled();
  });

  it('forgets a key on request (erasure)', async () => {
    const provider = countingProvider();
    const cache = cacheAt({ now: 0 });
    await openDataKey('wrapped-1', context, { provider, cache });

    forgetDataKey('wrapped-1', context, { cache });
    await openDataKey('wrapped-1', context, { provider, cache });

    expect(provider.unwrapDataKey).toHaveBeenCalledTimes(2);
  });
});

describe('LruCache', () => {
  it('evicts the least recently used entry when full', () => {
    const cache = new LruCache<number>({ maxEntries: 2, ttlMs: 1_000, now: () => 0 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');

    cache.set('c', 3);

    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBe(1);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('c')).toBe(3);
  });

  it('drops an entry once its TTL has passed', () => {
    const clock = { now: 0 };
    const cache = new LruCache<number>({ maxEntries: 10, ttlMs: 1_000, now: () => clock.now });
    cache.set('a', 1);

    clock.now = 1_000;

    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
