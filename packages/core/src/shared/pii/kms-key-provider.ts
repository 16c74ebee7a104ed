import { DecryptCommand, GenerateDataKeyCommand, GenerateMacCommand, KMSClient } from '@aws-sdk/client-kms';
import type { KeyProvider } from './key-provider.ts';

export interface KmsKeys {
  /** Symmetric encryption key that wraps the data keys. */
  piiKeyId: string;
  /** HMAC_256 key that computes blind indexes; separate, so neither key can do the other's job. */
  blindIndexKeyId: string;
}

const missing = (what: string): Error => new Error(`KMS returned no ${what}.`);

/**
 * The provider on AWS: data keys from GenerateDataKey, opened with Decrypt under the same
 * encryption context (KMS refuses any other, and CloudTrail records every use with it),
 * blind indexes from GenerateMac. The key material never leaves KMS.
 */
export const kmsKeyProvider = (keys: KmsKeys, client: KMSClient = new KMSClient({})): KeyProvider => ({
  kind: 'kms',
  generateDataKey: async (context) => {
    const result = await client.send(
      new GenerateDataKeyCommand({ KeyId: keys.piiKeyId, KeySpec: 'AES_256', EncryptionContext: { ...context } }),
    );
    if (!result.Plaintext || !result.CiphertextBlob) throw missing('data key');
    return { plaintext: result.Plaintext, wrapped: Buffer.from(result.CiphertextBlob).toString('base64') };
  },
  unwrapDataKey: async (wrapped, context) => {
    const result = await client.send(
      new DecryptCommand({
        // Naming the key makes KMS refuse a blob wrapped by any other key.
        KeyId: keys.piiKeyId,
        CiphertextBlob: Buffer.from(wrapped, 'base64'),
        EncryptionContext: { ...context },
      }),
    );
    if (!result.Plaintext) throw missing('plaintext');
    return result.Plaintext;
  },
  mac: async (message) => {
    const result = await client.send(
      new GenerateMacCommand({
        KeyId: keys.blindIndexKeyId,
        MacAlgorithm: 'HMAC_SHA_256',
        Message: Buffer.from(message, 'utf8'),
      }),
    );
    if (!result.Mac) throw missing('MAC');
    return Buffer.from(result.Mac).toString('hex');
  },
});
