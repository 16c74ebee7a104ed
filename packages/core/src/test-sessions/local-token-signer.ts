import { createECDH, createHash, createPrivateKey, createPublicKey, hkdfSync, sign } from 'node:crypto';
import type { TokenSigner } from './token-signer.ts';

const MATERIAL_BYTES = 32;
const SALT = 'assist-ten/candidate-tokens';
const INFO = 'assist-ten candidate token signing key';
/** A derived scalar is out of range about once in 2^32; the next counter then gives the key, still deterministically. */
const MAX_ATTEMPTS = 16;

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');

/** The P-256 key pair the material stands for: the same material always gives the same key. */
const deriveKeyPair = (material: Uint8Array) => {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const info = attempt === 0 ? INFO : `${INFO} #${attempt}`;
    const d = Buffer.from(hkdfSync('sha256', material, SALT, info, 32));
    const ecdh = createECDH('prime256v1');
    try {
      ecdh.setPrivateKey(d);
    } catch {
      continue;
    }
    // Uncompressed point: 0x04 || x || y.
    const point = ecdh.getPublicKey();
    const jwk = { crv: 'P-256', kty: 'EC', x: b64(point.subarray(1, 33)), y: b64(point.subarray(33, 65)) };
    return {
      privateKey: createPrivateKey({ key: { ...jwk, d: b64(d) }, format: 'jwk' }),
      publicKey: createPublicKey({ key: jwk, format: 'jwk' }),
      // The RFC 7638 thumbprint (members in this order): names the key, and changes when the material does.
      keyId: `local-${createHash('sha256').update(JSON.stringify(jwk)).digest('base64url').slice(0, 16)}`,
    };
  }
  throw new Error('The local key material gives no valid P-256 key.');
};

/**
 * Stands in for the KMS signing key in the local cloud: a key pair derived from
 * LOCAL_KEY_MATERIAL by HKDF (its own salt and info, so it shares nothing with the
 * personal-data keys derived from the same material). Tokens survive a restart of a
 * persisted local cloud, since the material is kept with the data. Never used on AWS.
 */
export const localTokenSigner = (material: Uint8Array): TokenSigner => {
  if (material.length < MATERIAL_BYTES) {
    throw new Error(`The local key material must be at least ${MATERIAL_BYTES} bytes.`);
  }
  const { privateKey, publicKey, keyId } = deriveKeyPair(material);
  return {
    kind: 'local',
    keyId,
    sign: async (signingInput) =>
      new Uint8Array(sign('sha256', signingInput, { key: privateKey, dsaEncoding: 'ieee-p1363' })),
    publicKey: async () => publicKey,
  };
};
