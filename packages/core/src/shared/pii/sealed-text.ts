import { newDataKey, openDataKey } from './data-keys.ts';
import { decryptField, encryptField } from './envelope.ts';
import type { EncryptionContext } from './key-provider.ts';

const FIELD = 'sealed-text';

/**
 * Seals a short-lived copy of personal data (e.g. a stored response an Idempotency-Key
 * replays) under a data key of its own, bound to `context`: what is at rest cannot be read
 * without the key service, even before the copy expires.
 */
export const sealText = async (context: EncryptionContext, text: string): Promise<string> => {
  const key = await newDataKey(context);
  return JSON.stringify({ key: key.wrapped, text: encryptField(key.plaintext, FIELD, '', text) });
};

export const openText = async (context: EncryptionContext, sealed: string): Promise<string> => {
  const { key, text } = JSON.parse(sealed) as { key: string; text: string };
  return decryptField(await openDataKey(key, context), FIELD, '', text);
};
