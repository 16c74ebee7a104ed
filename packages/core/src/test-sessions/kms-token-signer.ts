import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import type { TokenSigner } from './token-signer.ts';

/** Bytes of r and of s in a P-256 signature. */
const SCALAR_BYTES = 32;

const notDer = () => new Error('The signature is not a DER-encoded ECDSA P-256 signature.');

/**
 * A DER ECDSA signature (`SEQUENCE { INTEGER r, INTEGER s }`, what KMS returns) as JOSE's
 * raw r || s (RFC 7518 3.4): each integer without its sign byte, left-padded to 32 bytes.
 */
export const derToJose = (der: Uint8Array): Uint8Array => {
  let offset = 0;
  const next = (): number => {
    const value = der[offset++];
    if (value === undefined) throw notDer();
    return value;
  };
  // P-256 signatures are at most 72 bytes: short lengths, or the one-byte long form.
  const length = (): number => {
    const first = next();
    if (first < 0x80) return first;
    if (first !== 0x81) throw notDer();
    return next();
  };
  const integer = (): Uint8Array => {
    if (next() !== 0x02) throw notDer();
    const size = length();
    if (size === 0 || offset + size > der.length) throw notDer();
    let value = der.subarray(offset, offset + size);
    offset += size;
    while (value.length > 1 && value[0] === 0) value = value.subarray(1);
    if (value.length > SCALAR_BYTES) throw notDer();
    const padded = new Uint8Array(SCALAR_BYTES);
    padded.set(value, SCALAR_BYTES - value.length);
    return padded;
  };
  if (next() !== 0x30 || length() !== der.length - offset) throw notDer();
  const r = integer();
  const s = integer();
  if (offset !== der.length) throw notDer();
  const raw = new Uint8Array(SCALAR_BYTES * 2);
  raw.set(r, 0);
  raw.set(s, SCALAR_BYTES);
  return raw;
};

const missing = (what: string): Error => new Error(`KMS returned no ${what}.`);

/**
 * The signer on AWS: an ECC_NIST_P256 SIGN_VERIFY key whose private half never leaves KMS.
 * Each token is one `Sign` call (ECDSA_SHA_256 over the raw signing input); the public key
 * is fetched once per process and verification happens here, with no call to KMS.
 */
export const kmsTokenSigner = (keyId: string, client: KMSClient = new KMSClient({})): TokenSigner => {
  let publicKey: Promise<KeyObject> | undefined;

  const fetchPublicKey = async (): Promise<KeyObject> => {
    const result = await client.send(new GetPublicKeyCommand({ KeyId: keyId }));
    if (!result.PublicKey) throw missing('public key');
    if (result.KeySpec !== undefined && result.KeySpec !== 'ECC_NIST_P256') {
      throw new Error(`The candidate token key is ${result.KeySpec}, not ECC_NIST_P256.`);
    }
    return createPublicKey({ key: Buffer.from(result.PublicKey), format: 'der', type: 'spki' });
  };

  return {
    kind: 'kms',
    // A digest of the key's ARN: stable per key, and tokens in candidates' hands name no account or region.
    keyId: `kms-${createHash('sha256').update(keyId).digest('base64url').slice(0, 16)}`,
    sign: async (signingInput) => {
      const result = await client.send(
        new SignCommand({
          KeyId: keyId,
          Message: signingInput,
          MessageType: 'RAW',
          SigningAlgorithm: 'ECDSA_SHA_256',
        }),
      );
      if (!result.Signature) throw missing('signature');
      return derToJose(result.Signature);
    },
    publicKey: () => {
      // A failed fetch is not cached: the next request asks KMS again.
      publicKey ??= fetchPublicKey().catch((error: unknown) => {
        publicKey = undefined;
        throw error;
      });
      return publicKey;
    },
  };
};
