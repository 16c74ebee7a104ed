import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Binds a ciphertext to where it belongs: copied into another field or onto another owner
 * (with that owner's key or not), it no longer authenticates.
 */
const aadOf = (field: string, ownerId: string): Buffer => Buffer.from(JSON.stringify([VERSION, field, ownerId]));

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');

/**
 * Encrypts one field of one owner with its data key: AES-256-GCM, a random 96-bit IV per
 * value, stored as one string `v1.<iv>.<ciphertext>.<tag>` (base64url parts).
 */
export const encryptField = (dataKey: Uint8Array, field: string, ownerId: string, plaintext: string): string => {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aadOf(field, ownerId));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, b64(iv), b64(ciphertext), b64(cipher.getAuthTag())].join('.');
};

/** The plaintext of `sealed`; throws when it was altered, or belongs to another field, owner or key. */
export const decryptField = (dataKey: Uint8Array, field: string, ownerId: string, sealed: string): string => {
  const [version, iv = '', ciphertext = '', tag = '', ...rest] = sealed.split('.');
  if (version !== VERSION || rest.length) throw new Error(`Not a ${VERSION} encrypted field.`);
  const decipher = createDecipheriv('aes-256-gcm', dataKey, Buffer.from(iv, 'base64url'), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(aadOf(field, ownerId));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
};
