import { randomBytes } from 'node:crypto';
import { decryptField, encryptField } from '@assist-ten/core/shared/pii/envelope';
import { describe, expect, it } from 'vitest';

const key = () => new Uint8Array(randomBytes(32));

/** `sealed` with one base64url part replaced by itself with its first byte flipped. */
const tamper = (sealed: string, part: 1 | 2 | 3): string => {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[part] ?? '', 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
};

describe('field envelope', () => {
  it('round-trips a value for its field and owner', () => {
    // Arrange
    const dataKey = key();

    // Act
    const sealed = encryptField(dataKey, 'email', 'cand_1', 'zoë@example.test');

    // Assert
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('example');
    expect(decryptField(dataKey, 'email', 'cand_1', sealed)).toBe('zoë@example.test');
  });

  it('uses a fresh IV per value, so equal values do not look equal', () => {
    const dataKey = key();

    const a = encryptField(dataKey, 'email', 'cand_1', 'same@example.test');
    const b = encryptField(dataKey, 'email', 'cand_1', 'same@example.test');

    expect(a).not.toBe(b);
  });

  it.each([
    ['iv', 1],
    ['ciphertext', 2],
    ['tag', 3],
  ] as const)('refuses a value whose %s was altered', (_, part) => {
    const dataKey = key();
    const sealed = encryptField(dataKey, 'phone', 'cand_1', '+1 555 0100');

    expect(() => decryptField(dataKey, 'phone', 'cand_1', tamper(sealed, part))).toThrow();
  });

  it('refuses a value moved to another field', () => {
    const dataKey = key();
    const sealed = encryptField(dataKey, 'email', 'cand_1', 'a@example.test');

    expect(() => decryptField(dataKey, 'phone', 'cand_1', sealed)).toThrow();
  });

  it('refuses a value moved to another candidate, even under the same key', () => {
    const dataKey = key();
    const sealed = encryptField(dataKey, 'email', 'cand_1', 'a@example.test');

    expect(() => decryptField(dataKey, 'email', 'cand_2', sealed)).toThrow();
  });

  it("refuses to open with another candidate's key", () => {
    const sealed = encryptField(key(), 'email', 'cand_1', 'a@example.test');

    expect(() => decryptField(key(), 'email', 'cand_1', sealed)).toThrow();
  });

  it('refuses a value of an unknown format version', () => {
    const dataKey = key();
    const sealed = encryptField(dataKey, 'email', 'cand_1', 'a@example.test');

    expect(() => decryptField(dataKey, 'email', 'cand_1', sealed.replace(/^v1/, 'v9'))).toThrow(/v1/);
  });
});
