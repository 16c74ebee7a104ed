import { randomBytes } from 'node:crypto';
import { emailBlindIndex, normaliseEmail } from '@assist-ten/core/shared/pii/blind-index';
import { canonicalContext } from '@assist-ten/core/shared/pii/key-provider';
import { localKeyProvider } from '@assist-ten/core/shared/pii/local-key-provider';
import { describe, expect, it } from 'vitest';

const material = () => new Uint8Array(randomBytes(32));
const context = { tenantId: 'tnt_a', candidateId: 'cand_1' };

describe('local key provider', () => {
  it('generates a 32-byte data key and opens its wrapped form under the same context', async () => {
    const provider = localKeyProvider(material());

    const { plaintext, wrapped } = await provider.generateDataKey(context);

    expect(plaintext).toHaveLength(32);
    expect(wrapped).not.toContain(Buffer.from(plaintext).toString('base64url'));
    expect(await provider.unwrapDataKey(wrapped, { candidateId: 'cand_1', tenantId: 'tnt_a' })).toEqual(plaintext);
  });

  it('refuses to open a wrapped key under another context', async () => {
    const provider = localKeyProvider(material());
    const { wrapped } = await provider.generateDataKey(context);

    await expect(provider.unwrapDataKey(wrapped, { ...context, candidateId: 'cand_2' })).rejects.toThrow();
    await expect(provider.unwrapDataKey(wrapped, { ...context, tenantId: 'tnt_b' })).rejects.toThrow();
  });

  it('refuses a key wrapped with other material, and a blob of another format', async () => {
    const { wrapped } = await localKeyProvider(material()).generateDataKey(context);
    const other = localKeyProvider(material());

    await expect(other.unwrapDataKey(wrapped, context)).rejects.toThrow();
    await expect(other.unwrapDataKey('AQIDBAUG', context)).rejects.toThrow(/local key provider/);
  });

  it('refuses material shorter than 32 bytes', () => {
    expect(() => localKeyProvider(new Uint8Array(16))).toThrow(/32 bytes/);
  });

  it('computes an HMAC-SHA256 that is stable for the same material and differs for another', async () => {
    const secret = material();

    const a = await localKeyProvider(secret).mac('hello');
    const b = await localKeyProvider(secret).mac('hello');
    const c = await localKeyProvider(material()).mac('hello');

    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });
});

describe('canonicalContext', () => {
  it('is the same string whatever the key order', () => {
    expect(canonicalContext({ b: '2', a: '1' })).toBe(canonicalContext({ a: '1', b: '2' }));
    expect(canonicalContext({ a: '1', b: '2' })).toBe('{"a":"1","b":"2"}');
  });
});

describe('email blind index', () => {
  const provider = localKeyProvider(material());

  it('normalises by trimming and lowercasing only', () => {
    expect(normaliseEmail('  Jane.Doe+jobs@Example.TEST ')).toBe('jane.doe+jobs@example.test');
  });

  it('is stable across case and whitespace', async () => {
    const a = await emailBlindIndex('tnt_a', 'jane@example.test', provider);
    const b = await emailBlindIndex('tnt_a', '  JANE@Example.test ', provider);

    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toBe(a);
  });

  it('differs between tenants for the same address, so tenants cannot be linked', async () => {
    const a = await emailBlindIndex('tnt_a', 'jane@example.test', provider);
    const b = await emailBlindIndex('tnt_b', 'jane@example.test', provider);

    expect(b).not.toBe(a);
  });

  it('keeps dotted and tagged variants apart (no provider-specific folding)', async () => {
    const plain = await emailBlindIndex('tnt_a', 'janedoe@gmail.test', provider);
    const dotted = await emailBlindIndex('tnt_a', 'jane.doe@gmail.test', provider);

    expect(dotted).not.toBe(plain);
  });

  it('never contains the address', async () => {
    const index = await emailBlindIndex('tnt_a', 'jane@example.test', provider);

    expect(index).not.toContain('jane');
  });
});
