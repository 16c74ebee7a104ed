import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { canonicalContext, type EncryptionContext, type KeyProvider } from './key-provider.ts';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Marks wrapped keys of this provider, so a KMS blob handed to it fails loudly, not as garbage. */
const FORMAT = 'local1';
const SALT = 'assist-ten/pii';

const derive = (material: Uint8Array, purpose: string): Buffer =>
  Buffer.from(hkdfSync('sha256', material, SALT, purpose, KEY_BYTES));

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');

/**
 * Stands in for KMS on a developer machine and in the local cloud: one secret, split by HKDF
 * into a wrapping key (AES-256-GCM, the context as AAD, like KMS's encryption context) and a
 * MAC key, so the two uses never share a key. Never configured on AWS (see provider.ts).
 */
export const localKeyProvider = (material: Uint8Array): KeyProvider => {
  if (material.length < KEY_BYTES) throw new Error(`The local key material must be at least ${KEY_BYTES} bytes.`);
  const wrappingKey = derive(material, 'wrap-data-keys');
  const macKey = derive(material, 'blind-index');

  const wrap = (plaintext: Uint8Array, context: EncryptionContext): string => {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', wrappingKey, iv);
    cipher.setAAD(Buffer.from(canonicalContext(context)));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return [FORMAT, b64(iv), b64(ciphertext), b64(cipher.getAuthTag())].join('.');
  };

  return {
    kind: 'local',
    generateDataKey: async (context) => {
      const plaintext = new Uint8Array(randomBytes(KEY_BYTES));
      return { plaintext, wrapped: wrap(plaintext, context) };
    },
    unwrapDataKey: async (wrapped, context) => {
      const [format, iv = '', ciphertext = '', tag = '', ...rest] = wrapped.split('.');
      if (format !== FORMAT || rest.length) throw new Error('Not a data key wrapped by the local key provider.');
      const decipher = createDecipheriv('aes-256-gcm', wrappingKey, Buffer.from(iv, 'base64url'), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(Buffer.from(canonicalContext(context)));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return new Uint8Array(Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]));
    },
    mac: async (message) => createHmac('sha256', macKey).update(message, 'utf8').digest('hex'),
  };
};
